package io.gil4j.it.work;

import io.gil4j.it.server.EchoServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * The convoy effect: 16-byte TCP round trips to a local echo server, alone for SECONDS, then beside a
 * CPU-bound thread for SECONDS. Prints {@code alone=<rt/s> beside=<rt/s> slowdown=<x>}.
 */
public final class Convoy {
    private Convoy() { }

    static volatile boolean spin;

    static long roundTrips(Socket s, long nanos) throws Exception {
        byte[] msg = new byte[16];
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        long n = 0;
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            out.write(msg);
            int got = 0;
            while (got < msg.length) got += in.read(msg, got, msg.length - got);
            n++;
        }
        return n;
    }

    static long burn() {
        long x = 1;
        while (spin) x = x * 6364136223846793005L + 1442695040888963407L;
        return x;
    }

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(args[0]);
        long nanos = (long) (seconds * 1e9);
        int port = args.length > 1 ? Integer.parseInt(args[1]) : -1;
        try (EchoServer echo = new EchoServer(); Socket s = new Socket("127.0.0.1", port > 0 ? port : echo.port())) {
            s.setTcpNoDelay(true);
            roundTrips(s, nanos / 4); // warm-up
            double alone = roundTrips(s, nanos) / seconds;
            spin = true;
            long[] sink = new long[1];
            Thread cpu = new Thread(() -> sink[0] = burn(), "cpu-burner");
            cpu.start();
            double beside = roundTrips(s, nanos) / seconds;
            spin = false;
            cpu.join();
            System.out.printf("alone=%.1f beside=%.1f slowdown=%.2f sink=%d%n", alone, beside, alone / Math.max(beside, 1e-9), sink[0] & 1);
        }
    }
}
