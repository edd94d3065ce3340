package io.gil4j.analyzer.it.work;

import io.gil4j.testkit.server.SlowHttpServer;
import io.gil4j.testkit.work.NumbersClient;
import java.util.concurrent.atomic.AtomicLong;

/**
 * I/O-bound workload: {@code IoBound THREADS REQUESTS_PER_THREAD LATENCY_MS}: each thread fetches numbers
 * from a local HTTP server (the test kit's, outside {@code include=}) that answers after
 * LATENCY_MS. Prints {@code result=<sum> wallNanos=<n>}.
 */
public final class IoBound {
    private IoBound() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int requests = Integer.parseInt(args[1]);
        long latency = Long.parseLong(args[2]);
        try (SlowHttpServer server = new SlowHttpServer(latency)) {
            NumbersClient.fetch(server.port(), 0); // warm-up: class loading, first connection
            AtomicLong sum = new AtomicLong();
            Thread[] ts = new Thread[threads];
            long t0 = System.nanoTime();
            for (int k = 0; k < threads; k++) {
                int first = k;
                ts[k] = new Thread(() -> {
                    try {
                        for (int i = 0; i < requests; i++) {
                            sum.addAndGet(NumbersClient.fetch(server.port(), first * requests + i));
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "io-" + k);
                ts[k].start();
            }
            for (Thread t : ts) {
                t.join();
            }
            System.out.println("result=" + sum.get() + " wallNanos=" + (System.nanoTime() - t0));
        }
    }
}
