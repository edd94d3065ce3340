package io.gil4j.bench.startup;

/**
 * A CPU-bound loop timed from {@code main}'s first statement: what the agent's own start-up work on
 * other threads (JIT of its code, JMX, JFR) takes from a program's first half second on a small
 * machine. Prints {@code early_loop_ms=<ms>}. Argument: the loop's iteration count.
 */
public final class EarlyLoop {
    private EarlyLoop() { }

    static long xorshift(long n) {
        long x = 88172645463325252L;
        for (long i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        long x = xorshift(Long.parseLong(args[0]));
        long t1 = System.nanoTime();
        System.out.printf("early_loop_ms=%.1f (state %d)%n", (t1 - t0) / 1e6, x & 1);
    }
}
