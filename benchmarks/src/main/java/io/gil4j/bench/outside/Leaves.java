package io.gil4j.bench.outside;

/** Static leaves that {@link io.gil4j.bench.OutsideLeaves} calls from outside the GIL and {@link Walks} calls from inside. */
public final class Leaves {
    private Leaves() { }

    /** One Collatz step. */
    public static int step(int x) {
        return (x & 1) == 0 ? x >>> 1 : 3 * x + 1;
    }

    /** A box, as a library's arithmetic returns one: without the agent the JIT removes it in a caller's loop. */
    public static Integer box(int x) {
        return Integer.valueOf(x);
    }
}
