package io.gil4j.testkit.work;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running program for attach tests: two threads call {@link LiveCpuWork#chunk} in a loop forever
 * (their own loop frames never return, as a service's workers do). Prints {@code ready pid=N}, then
 * every 100 ms {@code rate MILLIS CHUNKS} (wall-clock millis, chunks done in the last 100 ms). Reads
 * commands on stdin: {@code stop} ends the workers (then prints {@code stopped}), {@code exit} exits.
 */
public final class LiveCpu {
    private LiveCpu() { }

    static volatile long sink;

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong chunks = new AtomicLong();
        Thread[] ts = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            long seed = i + 1;
            ts[i] = new Thread(() -> {
                long x = seed;
                while (!stop.get()) {
                    x = LiveCpuWork.chunk(x);
                    chunks.incrementAndGet();
                }
                sink = x;
            }, "live-cpu-" + i);
            ts[i].start();
        }
        Thread ticker = new Thread(() -> {
            long last = chunks.get();
            while (true) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                long now = chunks.get();
                System.out.println("rate " + System.currentTimeMillis() + " " + (now - last));
                last = now;
            }
        }, "live-cpu-ticker");
        ticker.setDaemon(true);
        ticker.start();
        System.out.println("ready pid=" + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("stop")) {
                stop.set(true);
                for (Thread t : ts) t.join();
                System.out.println("stopped");
            } else if (line.equals("exit")) {
                break;
            }
        }
        stop.set(true);
        for (Thread t : ts) t.join();
    }
}
