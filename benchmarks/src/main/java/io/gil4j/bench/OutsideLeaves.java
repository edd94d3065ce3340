package io.gil4j.bench;

import io.gil4j.bench.outside.Leaves;
import io.gil4j.bench.outside.Walks;

/**
 * Static methods that code outside the GIL and instrumented code of another class both call, as a
 * library's arithmetic or utilities are: run with {@code include=io.gil4j.bench.outside.**}. This class is
 * not instrumented: its main thread first calls the leaves OUTSIDE times without the GIL (a runtime's
 * own uninstrumented code, a callback's first call), then a thread runs the instrumented walks.
 *
 * <p>Why it is a workload of its own: a leaf's entry test is in its own bytecode, so its profile is the
 * leaf's, shared by every caller. Calls from outside take its slow path, so the JIT compiled that path
 * as a call into the instrumented loop the leaf is inlined into: on JDK 17 the box {@code box} returns
 * then lived across a call and was allocated, and nothing was hoisted across it (4.3x the time without
 * the agent on JDK 17, 1.4x on JDK 25; 2026-12-07). Calls between classes now go to the leaves' held
 * copies, which have no entry test (BENCHMARKS.md "Calls to other classes' static methods").
 *
 * <p>Usage: {@code OutsideLeaves OUTSIDE REPS}: prints {@code outside-leaves REP SECONDS} for each
 * repetition and a checksum.
 */
public final class OutsideLeaves {
    private OutsideLeaves() { }

    public static void main(String[] args) throws InterruptedException {
        int outside = Integer.parseInt(args[0]);
        int reps = Integer.parseInt(args[1]);
        long sum = 0;
        for (int i = 0; i < outside; i++) sum += Leaves.step(i) + Leaves.box(i);
        long[] walked = new long[1];
        Thread t = new Thread(() -> {
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                walked[0] += Walks.run(300_000);
                System.out.printf("outside-leaves %d %.4f%n", r, (System.nanoTime() - t0) / 1e9);
            }
        }, "walks");
        t.start();
        t.join();
        System.out.println("checksum " + (sum + walked[0]));
    }
}
