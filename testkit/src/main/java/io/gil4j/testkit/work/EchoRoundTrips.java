package io.gil4j.testkit.work;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The two halves of the convoy workloads: 16-byte round trips to an echo server (I/O-bound: each
 * read releases the GIL and each return must take it back), and a CPU-bound spinner that holds the GIL
 * until told to stop. Tests run them under the agent by including this package beside their own.
 */
public final class EchoRoundTrips {
    private EchoRoundTrips() { }

    /** Round trips on {@code s} for {@code nanos} of wall time; how many were done. */
    public static long roundTrips(Socket s, long nanos) throws IOException {
        return roundTrips(s, nanos, null, 1);
    }

    /**
     * {@link #roundTrips(Socket, long)}, also counting the round trips begun in each window of
     * {@code windowNanos} into {@code perWindow} (a window past its end counts in the last).
     */
    public static long roundTrips(Socket s, long nanos, long[] perWindow, long windowNanos) throws IOException {
        byte[] msg = new byte[16];
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        long n = 0;
        long start = System.nanoTime();
        long end = start + nanos;
        long now;
        while ((now = System.nanoTime()) < end) {
            if (perWindow != null) perWindow[(int) Math.min((now - start) / windowNanos, perWindow.length - 1)]++;
            out.write(msg);
            int got = 0;
            while (got < msg.length) {
                int r = in.read(msg, got, msg.length - got);
                if (r < 0) throw new IOException("echo server closed the connection");
                got += r;
            }
            n++;
        }
        return n;
    }

    /** The rate of the window at quantile {@code q} (0..1, nearest rank) of {@code counts}, per second. */
    public static double quantileRate(long[] counts, double q, long windowNanos) {
        long[] sorted = counts.clone();
        java.util.Arrays.sort(sorted);
        int rank = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
        return sorted[rank] * 1e9 / windowNanos;
    }

    /** The median of {@code counts}, as a rate per second of windows {@code windowNanos} long. */
    public static double medianRate(long[] counts, long windowNanos) {
        long[] sorted = counts.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return median * 1e9 / windowNanos;
    }

    /** LCG steps while {@code go} is set (a volatile read every step); the state, so the loop stays. */
    public static long spin(AtomicBoolean go) {
        long x = 1;
        while (go.get()) x = x * 6364136223846793005L + 1442695040888963407L;
        return x;
    }
}
