package io.gil4j.it.work;

import io.gil4j.testkit.server.EchoServer;
import io.gil4j.testkit.work.EchoRoundTrips;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The convoy effect: 16-byte TCP round trips to a local echo server, alone for SECONDS, then beside a
 * CPU-bound thread for SECONDS. Prints {@code alone=<rt/s> beside=<rt/s> slowdown=<x>} and
 * {@code besideWindows=<n,n,...>}: the round trips begun beside the spinner in each 100 ms window.
 */
public final class Convoy {
    private Convoy() { }

    static final AtomicBoolean SPIN = new AtomicBoolean(false);
    public static final long WINDOW_NANOS = 100_000_000L;

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(args[0]);
        long nanos = (long) (seconds * 1e9);
        int port = args.length > 1 ? Integer.parseInt(args[1]) : -1;
        try (EchoServer echo = new EchoServer(); Socket s = new Socket("127.0.0.1", port > 0 ? port : echo.port())) {
            s.setTcpNoDelay(true);
            EchoRoundTrips.roundTrips(s, nanos / 4); // warm-up
            double alone = EchoRoundTrips.roundTrips(s, nanos) / seconds;
            SPIN.set(true);
            long[] sink = new long[1];
            Thread cpu = new Thread(() -> sink[0] = EchoRoundTrips.spin(SPIN), "cpu-burner");
            cpu.start();
            long[] windows = new long[(int) Math.max(1, nanos / WINDOW_NANOS)];
            double beside = EchoRoundTrips.roundTrips(s, nanos, windows, WINDOW_NANOS) / seconds;
            SPIN.set(false);
            cpu.join();
            StringBuilder w = new StringBuilder();
            for (long c : windows) w.append(w.length() == 0 ? "" : ",").append(c);
            System.out.printf("alone=%.1f beside=%.1f slowdown=%.2f sink=%d%n", alone, beside, alone / Math.max(beside, 1e-9), sink[0] & 1);
            System.out.println("besideWindows=" + w);
        }
    }
}
