package io.gil4j.it.work;

import io.gil4j.testkit.server.SlowHttpServer;
import io.gil4j.testkit.work.NumbersClient;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed's I/O-bound workload: {@code IoBound REQUESTS THREADS LATENCY_MS} fetches REQUESTS numbers
 * from a local server that answers after LATENCY_MS, split over THREADS threads.
 * Prints {@code result=<sum> seconds=<wall>}.
 */
public final class IoBound {
    private IoBound() { }

    public static void main(String[] args) throws Exception {
        int requests = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        long latency = Long.parseLong(args[2]);
        try (SlowHttpServer server = new SlowHttpServer(latency)) {
            NumbersClient.fetch(server.port(), 0); // warm-up
            AtomicLong sum = new AtomicLong();
            Thread[] ts = new Thread[threads];
            long t0 = System.nanoTime();
            for (int k = 0; k < threads; k++) {
                int first = k;
                ts[k] = new Thread(() -> {
                    try {
                        for (int i = first; i < requests; i += threads) sum.addAndGet(NumbersClient.fetch(server.port(), i));
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }, "io-" + k);
                ts[k].start();
            }
            for (Thread t : ts) t.join();
            System.out.println("result=" + sum.get() + " seconds=" + (System.nanoTime() - t0) / 1e9);
        }
    }
}
