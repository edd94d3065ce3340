package io.gil4j.analyzer.it.work;

import io.gil4j.analyzer.it.server.EchoServer;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * The convoy effect: {@code Convoy SECONDS}: one thread does 16-byte TCP round trips to a local echo
 * server (package {@code it.server}, not instrumented) for SECONDS while another instrumented thread
 * spins. Each return from the socket read must wait for the spinner to drop the GIL (about one switch
 * interval). Prints {@code roundTrips=<n> wallNanos=<n> sink=<bit>}.
 */
public final class Convoy {
    private Convoy() {
    }

    static volatile boolean spin = true;

    static long roundTrips(Socket s, long nanos) throws Exception {
        byte[] msg = new byte[16];
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        long n = 0;
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            out.write(msg);
            int got = 0;
            while (got < msg.length) {
                int r = in.read(msg, got, msg.length - got);
                if (r < 0) {
                    throw new IllegalStateException("echo server closed the connection");
                }
                got += r;
            }
            n++;
        }
        return n;
    }

    static long burn() {
        long x = 1;
        while (spin) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    public static void main(String[] args) throws Exception {
        long nanos = (long) (Double.parseDouble(args[0]) * 1e9);
        try (EchoServer echo = new EchoServer(); Socket s = new Socket("127.0.0.1", echo.port())) {
            s.setTcpNoDelay(true);
            long[] sink = new long[1];
            Thread cpu = new Thread(() -> sink[0] = burn(), "cpu-spinner");
            long t0 = System.nanoTime();
            cpu.start();
            long n = roundTrips(s, nanos);
            spin = false;
            cpu.join();
            System.out.println("roundTrips=" + n + " wallNanos=" + (System.nanoTime() - t0) + " sink=" + (sink[0] & 1));
        }
    }
}
