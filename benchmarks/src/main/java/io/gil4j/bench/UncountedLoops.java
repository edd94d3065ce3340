package io.gil4j.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
/**
 * Loops with no counter the agent's analysis can use (BENCHMARKS.md, "Loops counted at their back-edge"): a
 * linked list's walk, a binary search whose bounds move in branches, a counter moved by 1 or 3 in an
 * if-else, a while loop with a {@code continue} (two ways back to its header), a state machine (a switch
 * in the body), a Collatz count. Each on one thread and on two doing half the work; prints the medians of
 * three timings after two warm-ups; arguments name the loops to run (all by default). Run it bare and under
 * {@code -javaagent:agent/target/gil.jar=include=io.gil4j.bench.UncountedLoops*}.
 */
public final class UncountedLoops {
    private UncountedLoops() { }

    static final class Node { int v; Node next; Node(int v, Node n) { this.v = v; this.next = n; } }
    static long walk(Node p) { long s = 0; while (p != null) { s += p.v; p = p.next; } return s; }
    static int search(int[] a, int key) {
        int lo = 0, hi = a.length - 1;
        while (lo <= hi) { int mid = (lo + hi) >>> 1; int m = a[mid];
            if (m < key) lo = mid + 1; else if (m > key) hi = mid - 1; else return mid; }
        return -(lo + 1);
    }
    static long condStep(int n) { long s = 0; for (int i = 0; i < n; ) { s += i; if ((i & 1) == 0) i += 1; else i += 3; } return s; }
    static long skipQuarters(int[] a) { long s = 0; int i = 0; while (i < a.length) { int v = a[i++]; if ((v & 3) == 0) continue; s = s * 31 + v; } return s; }
    static long stateMachine(int[] a) {
        long s = 0; int state = 0;
        for (int i = 0; i < a.length; i++) {
            switch (state) {
                case 0: s += a[i]; state = a[i] & 3; break;
                case 1: s ^= a[i]; state = 2; break;
                case 2: s -= a[i] >> 1; state = 0; break;
                default: s += 3; state = 1;
            }
        }
        return s;
    }
    static long collatz(long x) { long c = 0; while (x != 1) { x = (x & 1) == 0 ? x >> 1 : 3 * x + 1; c++; } return c; }
    interface Work { long run(int part, int parts); }
    static double time(int threads, Work w) throws Exception {
        long[] out = new long[threads];
        Thread[] ts = new Thread[threads];
        long t0 = System.nanoTime();
        for (int k = 0; k < threads; k++) { int kk = k; ts[k] = new Thread(() -> out[kk] = w.run(kk, threads)); ts[k].start(); }
        for (Thread t : ts) t.join();
        sink += Arrays.stream(out).sum();
        return (System.nanoTime() - t0) / 1e9;
    }
    static long sink;
    public static void main(String[] args) throws Exception {
        Node head = null; for (int i = 0; i < 10_000; i++) head = new Node(i, head);
        Node h = head;
        int[] sorted = new int[1 << 16]; for (int i = 0; i < sorted.length; i++) sorted[i] = i * 3;
        Map<String, Work> works = new LinkedHashMap<>();
        works.put("walk", (p, n) -> { long s = 0; for (int r = 0; r < 40_000 / n; r++) s += walk(h); return s; });
        works.put("search", (p, n) -> { long s = 0; for (int r = 0; r < 8_000_000 / n; r++) s += search(sorted, (r * 7) % 200_000); return s; });
        works.put("condStep", (p, n) -> { long s = 0; for (int r = 0; r < 4_000 / n; r++) s += condStep(100_000); return s; });
        int[] values = new int[10_000]; for (int i = 0; i < values.length; i++) values[i] = i * 7 + 1;
        works.put("skipQuarters", (p, n) -> { long s = 0; for (int r = 0; r < 40_000 / n; r++) s += skipQuarters(values); return s; });
        works.put("stateMachine", (p, n) -> { long s = 0; for (int r = 0; r < 40_000 / n; r++) s += stateMachine(values); return s; });
        works.put("collatz", (p, n) -> { long s = 0; for (int r = 1; r < 600_000 / n; r++) s += collatz(r + p * 1_000_003L); return s; });
        StringBuilder sb = new StringBuilder();
        if (args.length > 0) works.keySet().retainAll(java.util.List.of(args));
        if (works.isEmpty()) {
            System.err.println("UncountedLoops: no such loop; the loops: walk search condStep skipQuarters stateMachine collatz");
            System.exit(2);
        }
        for (var e : works.entrySet()) {
            for (int w = 0; w < 2; w++) { time(1, e.getValue()); time(2, e.getValue()); }
            double[] t1 = new double[3], t2 = new double[3];
            for (int r = 0; r < 3; r++) { t1[r] = time(1, e.getValue()); t2[r] = time(2, e.getValue()); }
            Arrays.sort(t1); Arrays.sort(t2);
            sb.append(String.format("%s t1 %.3f t2 %.3f  ", e.getKey(), t1[1], t2[1]));
        }
        System.out.println(sb + " sink=" + (sink & 1));
    }
}
