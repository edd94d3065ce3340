package io.gil4j.bench.outside;

/** The instrumented loop: Collatz walks through {@link Leaves}, a class of its own. */
public final class Walks {
    private Walks() { }

    public static long run(int n) {
        long s = 0;
        for (int i = 1; i < n; i++) {
            int x = i;
            while (x != 1) {
                x = Leaves.step(x);
                s += Leaves.box(x) & 1;
            }
        }
        return s;
    }
}
