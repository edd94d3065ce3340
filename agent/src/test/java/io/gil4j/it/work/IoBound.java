package io.gil4j.it.work;

import io.gil4j.it.server.SlowHttpServer;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed's I/O-bound workload: {@code IoBound REQUESTS THREADS LATENCY_MS} fetches REQUESTS numbers
 * from a local server that answers after LATENCY_MS, split over THREADS threads.
 * Prints {@code result=<sum> seconds=<wall>}.
 */
public final class IoBound {
    private IoBound() { }

    static long fetch(int port, int i) throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/n?" + i).openConnection();
        try (InputStream in = c.getInputStream()) {
            return Long.parseLong(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim());
        } finally {
            c.disconnect();
        }
    }

    public static void main(String[] args) throws Exception {
        int requests = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        long latency = Long.parseLong(args[2]);
        try (SlowHttpServer server = new SlowHttpServer(latency)) {
            fetch(server.port(), 0); // warm-up
            AtomicLong sum = new AtomicLong();
            Thread[] ts = new Thread[threads];
            long t0 = System.nanoTime();
            for (int k = 0; k < threads; k++) {
                int first = k;
                ts[k] = new Thread(() -> {
                    try {
                        for (int i = first; i < requests; i += threads) sum.addAndGet(fetch(server.port(), i));
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
