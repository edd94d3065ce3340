package io.gil4j.bench;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * Instrumented lambdas inside the JDK's own loops: a stream pipeline (range, map, filter, sum) whose two
 * lambdas are leaves, run by threads that the main thread starts for each repetition and joins. With
 * {@code include=io.gil4j.bench.LeafLambdas} the main method, the workers and the lambdas are
 * instrumented; the stream's loop is the JDK's.
 *
 * Before the repetitions, a small method of the program runs TASKS times (default 20,000) as a task of
 * the JDK's executor, as callbacks and tasks do in real programs: a leaf entered from outside, by a thread that
 * holds nothing.
 *
 * <p>Why it is a workload of its own: the JIT inlines each lambda, entry test included, into the
 * stream's loop, so whatever the entry test compiles to is paid at every element. A slow path
 * compiled as a call that returns into the loop, or a volatile read, ends the loop's optimizations
 * (nothing hoisted, nothing unrolled); a branch whose profile flips recompiles it. Each did happen:
 * 4-10x slower than without the agent, in GIL mode after the tasks above and in OFF without them
 * (BENCHMARKS.md "Leaf entry tests in the leaf"). The fidelity
 * corpus's {@code stream} shape runs the same pipeline from one long-lived thread and did not show it.
 *
 * <p>Usage: {@code LeafLambdas THREADS PIPELINES REPS [TASKS]}: prints {@code leaf-lambdas REP SECONDS} for each
 * repetition (its wall time: the threads share the pipelines), each thread's own time after a {@code #}, and
 * a checksum.
 */
public final class LeafLambdas {
    private LeafLambdas() { }

    static long ticks;

    static void tick() {
        ticks++;
    }

    static int pipeline(int k) {
        return IntStream.range(0, 10_000).map(i -> i * 7 + k).filter(i -> (i & 3) == 0).sum();
    }

    static long work(long pipelines, long seed) {
        long s = seed;
        for (long p = 0; p < pipelines; p++) s += pipeline((int) (p + seed));
        return s;
    }

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: LeafLambdas THREADS PIPELINES REPS [TASKS]");
            System.exit(2);
        }
        int threads = Integer.parseInt(args[0]);
        long pipelines = Long.parseLong(args[1]);
        int reps = Integer.parseInt(args[2]);
        int taskCount = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        ExecutorService tasks = Executors.newSingleThreadExecutor();
        for (int i = 0; i < taskCount; i++) tasks.submit(LeafLambdas::tick);
        tasks.submit(LeafLambdas::tick).get();
        tasks.shutdown();
        long checksum = ticks;
        for (int rep = 0; rep < reps; rep++) {
            long[] sums = new long[threads];
            long[] nanos = new long[threads];
            Thread[] workers = new Thread[threads];
            long start = System.nanoTime();
            for (int i = 0; i < threads; i++) {
                int id = i;
                workers[i] = new Thread(() -> {
                    long began = System.nanoTime();
                    sums[id] = work(pipelines / threads, id);
                    nanos[id] = System.nanoTime() - began;
                }, "leaf-lambdas-" + i);
                workers[i].start();
            }
            for (Thread w : workers) w.join();
            double seconds = (System.nanoTime() - start) / 1e9;
            StringBuilder each = new StringBuilder();
            for (int i = 0; i < threads; i++) {
                checksum += sums[i];
                each.append(' ').append(nanos[i] / 1e9);
            }
            // No printf: java.util.Formatter runs streams of its own, and the JDK's shared profile of the
            // stream's loop then compiles it slower for the rest of the run, with or without the agent
            // (1.4-1.9 s per repetition against 0.34-0.56 s in 2 of 6 JVMs of a printf-ing variant).
            System.out.println("leaf-lambdas " + rep + " " + seconds + "  # per thread:" + each);
        }
        System.out.println("checksum " + checksum);
    }
}
