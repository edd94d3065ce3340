package com.example.workload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** Runs named threads (the "user program"), then lets the caller act while they are still alive. */
public final class Workers {
    private Workers() {
    }

    public static void run(Map<String, Runnable> bodies, Consumer<Map<String, Thread>> whileAlive) throws Exception {
        CountDownLatch done = new CountDownLatch(bodies.size());
        CountDownLatch finish = new CountDownLatch(1);
        Map<String, Thread> threads = new LinkedHashMap<>();
        for (Map.Entry<String, Runnable> e : bodies.entrySet()) {
            Thread t = new Thread(() -> {
                try {
                    e.getValue().run();
                } finally {
                    done.countDown();
                }
                try {
                    finish.await();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }, e.getKey());
            threads.put(e.getKey(), t);
            t.start();
        }
        done.await();
        try {
            whileAlive.accept(threads);
        } finally {
            finish.countDown();
            for (Thread t : threads.values()) {
                t.join();
            }
        }
    }
}
