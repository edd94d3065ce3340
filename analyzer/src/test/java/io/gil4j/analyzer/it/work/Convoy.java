package io.gil4j.analyzer.it.work;

import io.gil4j.testkit.server.EchoServer;
import io.gil4j.testkit.work.EchoRoundTrips;
import java.net.Socket;

/**
 * The convoy effect: {@code Convoy SECONDS}: one thread does 16-byte TCP round trips to a local echo
 * server (the test kit's, not instrumented) for SECONDS while another instrumented thread
 * spins. Each return from the socket read must wait for the spinner to drop the GIL (about one switch
 * interval). Prints {@code roundTrips=<n> wallNanos=<n> sink=<bit>}.
 */
public final class Convoy {
    private Convoy() {
    }

    static volatile boolean spin = true;

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
            long n = EchoRoundTrips.roundTrips(s, nanos);
            spin = false;
            cpu.join();
            System.out.println("roundTrips=" + n + " wallNanos=" + (System.nanoTime() - t0) + " sink=" + (sink[0] & 1));
        }
    }
}
