package io.gil4j.testkit.work;

import io.gil4j.testkit.server.SlowHttpServer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The I/O-bound workload of the seed experiment: {@code IoBound THREADS REQUESTS_PER_THREAD LATENCY_MS}:
 * each thread fetches numbers from a loopback HTTP server ({@link SlowHttpServer}, outside
 * {@code include=}) that answers after LATENCY_MS; thread k asks for k * REQUESTS_PER_THREAD + i.
 * Prints {@code result=<sum> seconds=<wall> wallNanos=<wall>}, the wall time from the first thread's start
 * to the last one's end (after one warm-up request).
 */
public final class IoBound {
    private IoBound() { }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int perThread = Integer.parseInt(args[1]);
        long latency = Long.parseLong(args[2]);
        try (SlowHttpServer server = new SlowHttpServer(latency)) {
            NumbersClient.fetch(server.port(), 0); // warm-up: class loading, the first connection
            AtomicLong sum = new AtomicLong();
            Thread[] ts = new Thread[threads];
            long t0 = System.nanoTime();
            for (int k = 0; k < threads; k++) {
                int first = k * perThread;
                ts[k] = new Thread(() -> {
                    try {
                        for (int i = 0; i < perThread; i++) sum.addAndGet(NumbersClient.fetch(server.port(), first + i));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "io-" + k);
                ts[k].start();
            }
            for (Thread t : ts) t.join();
            long wall = System.nanoTime() - t0;
            System.out.println("result=" + sum.get() + " seconds=" + wall / 1e9 + " wallNanos=" + wall);
        }
    }
}
