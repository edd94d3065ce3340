package io.gil4j.bench.scaling;

import io.gil4j.bench.BenchLock;
import io.gil4j.bootstrap.Gil;
import io.gil4j.bootstrap.GilLock;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Scaling of CPU-bound work under the GIL, in-process with {@link Gil} (no agent): N threads each take
 * the GIL ({@code Gil.enter()}) and run work units (1,000 steps of a 64-bit LCG with an xor-shift) with a
 * {@code Gil.checkpoint()} after each, as the agent puts one at every loop back-edge, so drop requests
 * are honoured every ~1 us. Reports total work units per second over a measured window after a
 * warm-up, and GIL switches per second; with PASSES > 1 the points run forward, backward, forward...
 * and the summary gives per point the median [min, max] and the ratio to the 2-thread median. Then, for the memory figure, N threads waiting for a GIL that a
 * spinning holder never drops: heap used after GC and the process RSS, measured at 0, N/2 and N
 * waiting threads; the per-thread figure from N/2 to N leaves out one-time costs (class loading, JIT).
 *
 * <p>Usage: {@code Scaling [THREADS=1,2,8,64,512] [SECONDS=3] [WARMUP_SECONDS=1] [INTERVAL_US=5000] [PASSES=1]};
 * a thread count may be written {@code vN} for N virtual threads (JDK 21+; created by reflection so
 * this compiles with release 17). {@code mem:N} / {@code mem:vN} run only the memory measure.
 */
public final class Scaling {
    private Scaling() { }

    static final int STRIDE = 16; // longs between counters: no false sharing
    static volatile boolean stop;
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        String[] points = (args.length > 0 ? args[0] : "1,2,8,64,512").split(",");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        double warmup = args.length > 2 ? Double.parseDouble(args[2]) : 1;
        long intervalNanos = (args.length > 3 ? Long.parseLong(args[3]) : 5_000) * 1_000L;
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        System.out.printf("%s %s; %d CPUs; GIL interval %d us; window %.1f s after %.1f s warm-up; %d passes over the "
                        + "points, alternately forward and backward%n",
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                Runtime.getRuntime().availableProcessors(), intervalNanos / 1000, seconds, warmup, repeats);
        Map<String, List<Double>> results = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (String pt : points) if (!pt.startsWith("mem:")) results.put(pt, new ArrayList<>());
        for (int r = 0; r < repeats; r++) {
            for (int i = 0; i < points.length; i++) order.add(points[r % 2 == 0 ? i : points.length - 1 - i]);
        }
        for (String pt : order) {
            if (pt.startsWith("mem:")) {
                String n = pt.substring(4);
                memory(n.startsWith("v"), Integer.parseInt(n.replace("v", "")), intervalNanos);
            } else {
                results.get(pt).add(throughput(pt.startsWith("v"), Integer.parseInt(pt.replace("v", "")), seconds,
                        warmup, intervalNanos));
            }
        }
        if (results.isEmpty()) return;
        List<Double> base = results.containsKey("2") ? results.get("2") : results.values().iterator().next();
        double baseMedian = median(base);
        System.out.printf("%-8s %14s %24s %10s%n", "threads", "units/s median", "[min, max]",
                "vs " + (results.containsKey("2") ? "2" : results.keySet().iterator().next()));
        for (Map.Entry<String, List<Double>> e : results.entrySet()) {
            List<Double> v = e.getValue();
            System.out.printf("%-8s %14.0f [%10.0f, %10.0f] %10.3f%n", e.getKey(), median(v), Collections.min(v),
                    Collections.max(v), median(v) / baseMedian);
        }
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static double throughput(boolean virtual, int n, double seconds, double warmup, long intervalNanos)
            throws Exception {
        GilLock lock = BenchLock.staged(intervalNanos);
        stop = false;
        AtomicLongArray counts = new AtomicLongArray(n * STRIDE);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int slot = i * STRIDE;
            threads.add(newThread(virtual, () -> work(counts, slot, slot * 7919L + 1)));
        }
        for (Thread t : threads) t.start();
        Thread.sleep((long) (warmup * 1000));
        long c0 = sum(counts, n), s0 = lock.switchNumber(), cpu0 = processCpuNanos(), t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        long c1 = sum(counts, n), s1 = lock.switchNumber(), cpu1 = processCpuNanos(), t1 = System.nanoTime();
        stop = true;
        for (Thread t : threads) t.join();
        double secs = (t1 - t0) / 1e9;
        System.out.printf("threads=%s%d work_units_per_s=%.0f switches_per_s=%.0f process_cpu_s_per_s=%.2f load=%s%n",
                virtual ? "v" : "", n, (c1 - c0) / secs, (s1 - s0) / secs, (cpu1 - cpu0) / 1e9 / secs, loadAverage());
        return (c1 - c0) / secs;
    }

    static void work(AtomicLongArray counts, int slot, long seed) {
        boolean acquired = Gil.enter();
        try {
            long x = seed, done = 0;
            while (!stop) {
                for (int i = 0; i < 1000; i++) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                    x ^= x >>> 29;
                }
                Gil.checkpoint();
                counts.lazySet(slot, ++done);
            }
            sink = x;
        } finally {
            Gil.exit(acquired);
        }
    }

    static long sum(AtomicLongArray a, int n) {
        long s = 0;
        for (int i = 0; i < n; i++) s += a.get(i * STRIDE);
        return s;
    }

    /** N threads waiting for a GIL held by a spinning thread: heap and RSS per waiting thread. */
    static void memory(boolean virtual, int n, long intervalNanos) throws Exception {
        GilLock lock = BenchLock.staged(intervalNanos);
        stop = false;
        Thread holder = new Thread(() -> {
            boolean a = Gil.enter();
            try {
                long x = 1;
                while (!stop) x = x * 6364136223846793005L + 1; // no checkpoint: never drops
                sink = x;
            } finally {
                Gil.exit(a);
            }
        }, "holder");
        holder.start();
        while (lock.owner() != holder) Thread.sleep(1);
        long[] before = usage();
        List<Thread> waiters = new ArrayList<>();
        long[] half = null;
        for (int step = 1; step <= 2; step++) {
            int target = step == 1 ? n / 2 : n;
            while (waiters.size() < target) {
                Thread t = newThread(virtual, () -> {
                    boolean a = Gil.enter();
                    Gil.exit(a);
                });
                waiters.add(t);
                t.start();
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (lock.waiters() < target && System.nanoTime() < deadline) Thread.sleep(10);
            Thread.sleep(500);
            if (step == 1) half = usage();
        }
        int waiting = lock.waiters();
        long[] after = usage();
        stop = true;
        holder.join();
        for (Thread t : waiters) t.join();
        int second = n - n / 2;
        System.out.printf("memory: %d %s threads waiting for the GIL (of %d started): per thread, from the 2nd half "
                        + "(N/2 -> N waiting): heap after GC %.0f bytes, RSS %.1f KiB; from 0 -> N: heap %.0f bytes, "
                        + "RSS %.1f KiB (heap KiB %d / %d / %d, RSS KiB %d / %d / %d at 0 / N/2 / N)%n",
                waiting, virtual ? "virtual" : "platform", n, (after[0] - half[0]) / (double) second,
                (after[1] - half[1]) / 1024.0 / second, (after[0] - before[0]) / (double) n,
                (after[1] - before[1]) / 1024.0 / n, before[0] / 1024, half[0] / 1024, after[0] / 1024,
                before[1] / 1024, half[1] / 1024, after[1] / 1024);
    }

    /** CPU time of the whole process (all threads, JIT and GC included), or -1. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    /**
     * {heap used after GC, RSS} in bytes. Heap: the sum over the heap pools of the usage the last GC left
     * (MemoryPoolMXBean.getCollectionUsage), after a System.gc(): waiting threads allocate between GCs
     * (each timed-out wait reads /proc), so "total - free" a moment later is noise.
     */
    static long[] usage() throws Exception {
        long heap = 0;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                heap += pool.getCollectionUsage().getUsed();
            }
        }
        long rss = -1;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
        return new long[] {heap, rss};
    }

    static Thread newThread(boolean virtual, Runnable r) throws Exception {
        if (!virtual) return new Thread(r);
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class)
                .invoke(builder, r);
    }
}
