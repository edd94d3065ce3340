package io.gil4j.it.work;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives every slow path of the GIL from threads whose own code needs no class the main thread has
 * not initialized already: two CPU-bound threads (drop requests, forced switching, the probe), a
 * sleeper and a parker (the JDK hooks' release and re-take), two threads taking turns on a
 * {@code synchronized} while sleeping inside it (the JVMTI helper, or the probe without it). Any
 * class initialized on one of these threads is initialized by gil4j's own code, in the middle of a
 * program. {@code ColdPaths SECONDS} prints {@code tid <os thread id> <name>} for each of them while
 * they run, then {@code spins=} once they have stopped.
 */
public final class ColdPaths {
    private ColdPaths() { }

    static final String PREFIX = "cold-";
    private static final Object MONITOR = new Object();
    private static volatile boolean stop;
    private static volatile long sink;

    public static void main(String[] args) throws Exception {
        long runNanos = (long) (Double.parseDouble(args[0]) * 1e9);
        // Every body runs once here first: whatever it initializes is initialized by main.
        stop = true;
        spin();
        sleeper();
        parker();
        monitor();
        stop = false;

        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(ColdPaths::spin, PREFIX + "cpu0"));
        threads.add(new Thread(ColdPaths::spin, PREFIX + "cpu1"));
        threads.add(new Thread(ColdPaths::sleeper, PREFIX + "sleep"));
        threads.add(new Thread(ColdPaths::parker, PREFIX + "park"));
        threads.add(new Thread(ColdPaths::monitor, PREFIX + "mon0"));
        threads.add(new Thread(ColdPaths::monitor, PREFIX + "mon1"));
        for (Thread t : threads) t.start();
        Thread.sleep(runNanos / 2_000_000);
        // Read while they run: a thread that has ended has no entry in /proc.
        for (File task : new File("/proc/self/task").listFiles()) {
            String name = new String(Files.readAllBytes(new File(task, "comm").toPath())).trim();
            if (name.startsWith(PREFIX)) System.out.println("tid " + task.getName() + " " + name);
        }
        Thread.sleep(runNanos / 2_000_000);
        stop = true;
        for (Thread t : threads) t.join();
        System.out.println("spins=" + sink);
    }

    private static void spin() {
        long x = 1;
        do {
            for (int i = 0; i < 100_000; i++) x = x * 6364136223846793005L + 1442695040888963407L;
            sink += x & 1;
        } while (!stop);
    }

    private static void sleeper() {
        do {
            pause(1);
            for (int i = 0; i < 10_000; i++) sink += i;
        } while (!stop);
    }

    private static void parker() {
        do {
            LockSupport.parkNanos(500_000);
            for (int i = 0; i < 10_000; i++) sink += i;
        } while (!stop);
    }

    private static void monitor() {
        do {
            synchronized (MONITOR) {
                pause(2);
            }
        } while (!stop);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
