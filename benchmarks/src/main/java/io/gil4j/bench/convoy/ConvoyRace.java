package io.gil4j.bench.convoy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;

/**
 * The convoy's round trip taken apart (benchmarks/convoy-race.sh): an I/O thread writes 16 bytes to an
 * echo server and reads them back while a CPU thread spins, and each write and each read is timed with
 * the GIL's wait in it. A write or read that took over half the switch interval waited for the GIL (a
 * drop request); the others got it back at once. Optionally the I/O thread spins {@code DELAY_NS} between
 * its write and its read, with the GIL held: how long it takes to get from one to the other decides
 * whether the CPU thread, woken by the switch, is still awake when the read releases the GIL.
 *
 * <p>Prints one line: {@code race INTERVAL_MS DELAY_NS ROUND_TRIPS_PER_S WRITES_WAITED READS_WAITED N FAST_READ_US},
 * the last the median read that did not wait, in microseconds (the echo's round trip as the I/O thread saw
 * it; -1 if every read waited).
 */
public final class ConvoyRace {
    static volatile boolean stop;
    static final byte[] MESSAGE = "abcdefghijklmnop".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ConvoyRace PORT SECONDS INTERVAL_MS DELAY_NS");
            System.exit(2);
        }
        int port;
        double seconds;
        double intervalMs;
        long delayNs;
        try {
            port = Integer.parseInt(args[0]);
            seconds = Double.parseDouble(args[1]);
            intervalMs = Double.parseDouble(args[2]);
            delayNs = Long.parseLong(args[3]);
        } catch (NumberFormatException e) {
            System.err.println("ConvoyRace: not a number: " + e.getMessage());
            System.exit(2);
            return;
        }
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buffer = new byte[MESSAGE.length];
            long warm = System.nanoTime() + 200_000_000L;
            while (System.nanoTime() < warm) roundTrip(in, out, buffer, delayNs);

            Thread spinner = new Thread(ConvoyRace::spin, "cpu");
            spinner.setDaemon(true);
            spinner.start();
            int capacity = (int) (seconds * 100_000);
            long[] writes = new long[capacity];
            long[] reads = new long[capacity];
            int[] count = {0};
            long[] elapsed = {0};
            Throwable[] failure = {null};
            Thread io = new Thread(() -> {
                try {
                    long start = System.nanoTime();
                    long end = start + (long) (seconds * 1e9);
                    int n = 0;
                    while (System.nanoTime() < end && n < capacity) {
                        long t0 = System.nanoTime();
                        out.write(MESSAGE);
                        long t1 = System.nanoTime();
                        if (delayNs > 0) busy(t1 + delayNs);
                        long t2 = System.nanoTime();
                        readFully(in, buffer);
                        long t3 = System.nanoTime();
                        writes[n] = t1 - t0;
                        reads[n] = t3 - t2;
                        n++;
                    }
                    count[0] = n;
                    elapsed[0] = System.nanoTime() - start; // the loop may have stopped early, at capacity
                } catch (Throwable e) {
                    failure[0] = e;
                }
            }, "io");
            io.start();
            io.join();
            stop = true;
            if (failure[0] != null) throw new IllegalStateException("the I/O thread failed", failure[0]);
            int n = count[0];
            long waited = (long) (intervalMs * 1e6 / 2);
            long[] fast = Arrays.stream(reads, 0, n).filter(t -> t <= waited).sorted().toArray();
            long fastUs = fast.length == 0 ? -1 : Math.round(fast[(fast.length - 1) / 2] / 1e3);
            System.out.printf("race %s %d %.0f %d %d %d %d%n", args[2], delayNs, n / (elapsed[0] / 1e9),
                    over(writes, n, waited), over(reads, n, waited), n, fastUs);
        }
    }

    static void roundTrip(InputStream in, OutputStream out, byte[] buffer, long delayNs) throws IOException {
        out.write(MESSAGE);
        if (delayNs > 0) busy(System.nanoTime() + delayNs);
        readFully(in, buffer);
    }

    static void readFully(InputStream in, byte[] buffer) throws IOException {
        int got = 0;
        while (got < buffer.length) {
            int r = in.read(buffer, got, buffer.length - got);
            if (r < 0) throw new IOException("the echo server closed the connection");
            got += r;
        }
    }

    static void busy(long until) {
        while (System.nanoTime() < until) Thread.onSpinWait();
    }

    static int over(long[] times, int n, long limit) {
        return (int) Arrays.stream(times, 0, n).filter(t -> t > limit).count();
    }

    static long spin() {
        long x = 0;
        while (!stop) x++;
        return x;
    }
}
