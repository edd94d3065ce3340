package io.gil4j.bench.corpus;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The fidelity corpus ({@code benchmarks/corpus.sh}): small CPU-bound shapes that exercise what C2 does to
 * ordinary code (counted loops, vectorization, strength reduction, inlining limits, escape analysis,
 * megamorphic calls, exceptions, lambdas and streams), run with and without the agent to see which shapes
 * the agent's instrumentation de-optimizes and how each one behaves when N threads contend for the GIL.
 *
 * <p>Usage: {@code Corpus SHAPE THREADS TOTAL_WORK REPS}. TOTAL_WORK ({@code -} = the shape's default, sized
 * so that one thread doing it all takes about 0.3 to 0.6 s without the agent) is split evenly over THREADS
 * platform threads, which start together; untimed warm-up repetitions (one, or {@code -Dcorpus.warmups=W}),
 * then REPS timed repetitions, each on fresh threads. Prints, after the last, one line per timed repetition,
 * {@code SHAPE THREADS SECONDS}, then {@code # warmups=W} and {@code # checksum=C}: the sum of the threads' results, the same on every repetition (checked here) and in
 * every JVM with the same THREADS and TOTAL_WORK, agent or not (checked by corpus.sh).
 *
 * <p>Warm-up variants of any shape: {@code warm1-SHAPE} runs the warm-up on 1 thread (the JIT compiles
 * uncontended code) and the timed repetitions on THREADS; {@code warmc-SHAPE} runs the warm-up contended,
 * on {@value #CONTENDED_WARMUP_THREADS} threads, whatever THREADS is. Plain {@code SHAPE} warms up on THREADS.
 *
 * <p>{@code Corpus list} prints {@code SHAPE DEFAULT_WORK} per base shape.
 */
public final class Corpus {
    private Corpus() { }

    static final int CONTENDED_WARMUP_THREADS = 4;

    /** Untimed repetitions before the timed ones (system property; default 1). */
    static final String WARMUPS_PROPERTY = "corpus.warmups";

    /** Base shapes and their default total work (units: see each shape's javadoc). */
    static final Map<String, Long> DEFAULT_WORK = new LinkedHashMap<>();

    static {
        DEFAULT_WORK.put("countdown", 400_000_000L);
        DEFAULT_WORK.put("lcg", 320_000_000L);
        DEFAULT_WORK.put("lcg64", 400_000_000L);
        DEFAULT_WORK.put("vector", 1_600_000L);
        DEFAULT_WORK.put("widevector", 40_000L);
        DEFAULT_WORK.put("fold", 16_000L);
        DEFAULT_WORK.put("matmul", 7_000L);
        DEFAULT_WORK.put("trees", 45_000L);
        DEFAULT_WORK.put("wordcount", 3_600L);
        DEFAULT_WORK.put("stream", 100_000L);
        DEFAULT_WORK.put("strings", 130_000L);
        DEFAULT_WORK.put("megamorphic", 120_000_000L);
        DEFAULT_WORK.put("exceptions", 240_000_000L);
        DEFAULT_WORK.put("inline30", 150_000_000L);
        DEFAULT_WORK.put("inline40", 100_000_000L);
        DEFAULT_WORK.put("inline320", 14_000_000L);
        DEFAULT_WORK.put("inline330", 15_000_000L);
    }

    static volatile long sink;
    static volatile Throwable failure;

    /** One thread's share of a shape. */
    static long run(String shape, long work, long seed) {
        switch (shape) {
            case "countdown": return LoopShapes.countdown(work, seed);
            case "lcg": return LoopShapes.lcg(work, seed);
            case "lcg64": return LoopShapes.lcg64(work, seed);
            case "vector": return LoopShapes.vector(work, seed);
            case "widevector": return LoopShapes.wideVector(work, seed);
            case "fold": return LoopShapes.fold(work, seed);
            case "matmul": return LoopShapes.matmul(work, seed);
            case "trees": return LibShapes.trees(work, seed);
            case "wordcount": return LibShapes.wordcount(work, seed);
            case "stream": return LibShapes.stream(work, seed);
            case "strings": return LibShapes.strings(work, seed);
            case "megamorphic": return CallShapes.megamorphic(work, seed);
            case "exceptions": return CallShapes.exceptions(work, seed);
            case "inline30": return InlineShapes.inline30(work, seed);
            case "inline40": return InlineShapes.inline40(work, seed);
            case "inline320": return InlineShapes.inline320(work, seed);
            case "inline330": return InlineShapes.inline330(work, seed);
            default: throw new IllegalArgumentException("unknown shape " + shape);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 1 && args[0].equals("list")) {
            for (Map.Entry<String, Long> e : DEFAULT_WORK.entrySet()) System.out.println(e.getKey() + " " + e.getValue());
            return;
        }
        if (args.length != 4) {
            System.err.println("usage: Corpus SHAPE THREADS TOTAL_WORK|- REPS   or   Corpus list");
            System.exit(2);
        }
        String shape = args[0];
        String base = shape;
        int threads = Integer.parseInt(args[1]);
        int warmupThreads = threads;
        if (shape.startsWith("warm1-")) { base = shape.substring(6); warmupThreads = 1; }
        else if (shape.startsWith("warmc-")) { base = shape.substring(6); warmupThreads = CONTENDED_WARMUP_THREADS; }
        if (!DEFAULT_WORK.containsKey(base)) throw new IllegalArgumentException("unknown shape " + base);
        long total = args[2].equals("-") ? DEFAULT_WORK.get(base) : Long.parseLong(args[2].replace("_", ""));
        int reps = Integer.parseInt(args[3]);
        if (threads < 1 || reps < 1 || total < threads) throw new IllegalArgumentException("bad arguments " + Arrays.toString(args));

        long[] sum = new long[1];
        // Several untimed repetitions where asked: allocation-heavy shapes on four threads ran their first
        // two or three repetitions 2-5x slower than the later ones, agent or not (the JIT still compiling).
        int warmups = Integer.getInteger(WARMUPS_PROPERTY, 1);
        if (warmups < 1) {
            System.err.println("Corpus: -D" + WARMUPS_PROPERTY + "=" + warmups + ": at least 1");
            System.exit(2);
        }
        for (int w = 0; w < warmups; w++) rep(base, warmupThreads, total, sum);
        long expected = warmupThreads == threads ? sum[0] : 0;
        boolean known = warmupThreads == threads;
        double[] secs = new double[reps];
        for (int r = 0; r < reps; r++) {
            secs[r] = rep(base, threads, total, sum);
            if (known && sum[0] != expected) throw new IllegalStateException(shape + ": checksum " + sum[0] + " != " + expected);
            expected = sum[0];
            known = true;
        }
        // printed at the end: formatting between repetitions would run JDK code (Formatter, regex) whose
        // profiles the shapes share (the stream shape runs at a third of its speed after the first printf)
        for (double s : secs) System.out.printf("%s %d %.6f%n", shape, threads, s);
        sink = expected;
        System.out.println("# warmups=" + warmups);
        System.out.println("# checksum=" + expected);
    }

    /** One repetition: THREADS fresh threads share TOTAL work; returns the seconds from go to the last join. */
    static double rep(String base, int threads, long total, long[] checksum) throws InterruptedException {
        long[] out = new long[threads];
        Thread[] ts = new Thread[threads];
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            int slot = t;
            long part = total / threads + (t < total % threads ? 1 : 0);
            ts[t] = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                out[slot] = run(base, part, slot + 1);
            }, "corpus-" + t);
            ts[t].setUncaughtExceptionHandler((th, e) -> failure = e);
            ts[t].start();
        }
        long t0 = System.nanoTime();
        go.countDown();
        for (Thread t : ts) t.join();
        long t1 = System.nanoTime();
        if (failure != null) throw new IllegalStateException(base + " failed on a worker thread", failure);
        long s = 0;
        for (long v : out) s += v;
        checksum[0] = s;
        return (t1 - t0) / 1e9;
    }
}
