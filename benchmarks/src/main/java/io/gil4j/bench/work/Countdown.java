package io.gil4j.bench.work;

/**
 * A single-threaded CPU-bound countdown for {@code benchmarks/countdown.sh}: {@code n} steps of a
 * 64-bit linear congruential generator (Knuth's MMIX constants), the result printed so the loop cannot
 * be dropped. Under the agent ({@code include=io.gil4j.bench.work.**}) its loop back-edge carries a GIL
 * checkpoint and {@code main}/{@code run} take the GIL on entry; without it, it is plain Java.
 *
 * <p>Output, one line: {@code result=<x> n=<n> loop_s=<seconds of the loop alone>}.
 */
public final class Countdown {
    private Countdown() { }

    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000_000L;
        long t0 = System.nanoTime();
        long x = run(n, 1L);
        long t1 = System.nanoTime();
        System.out.printf("result=%d n=%d loop_s=%.3f%n", x, n, (t1 - t0) / 1e9);
    }

    static long run(long n, long seed) {
        long x = seed;
        while (n-- > 0) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }
}
