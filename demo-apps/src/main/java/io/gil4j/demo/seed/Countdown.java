package io.gil4j.demo.seed;

/**
 * The CPU-bound half of the seed experiment: CPython's {@code while n > 0: n -= 1}, made
 * non-foldable for the JIT. Each iteration is one step of a 64-bit linear congruential generator
 * (Knuth's MMIX constants) whose final state is returned and printed, so C2 can neither drop the
 * loop nor replace it by a closed form; the multiply's latency bounds it near 1 ns per iteration,
 * about 30x faster than CPython's countdown, hence the larger default N.
 */
public final class Countdown {
    private Countdown() {
    }

    public static long countdown(long n, long seed) {
        long x = seed;
        while (n > 0) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            n--;
        }
        return x;
    }
}
