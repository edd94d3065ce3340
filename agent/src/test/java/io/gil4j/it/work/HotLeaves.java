package io.gil4j.it.work;

/**
 * An instrumented method and a leaf it calls, hot enough for both of the JIT's tiers to compile them
 * (with their inlining printed by -XX:+PrintInlining in CompilerDirectiveIT). Prints the sum.
 */
public final class HotLeaves {
    private int x;

    private HotLeaves() { }

    int get() {
        return x;
    }

    int step(int i) {
        x += i & 7;
        return get();
    }

    public static void main(String[] args) {
        HotLeaves h = new HotLeaves();
        long sum = 0;
        for (int r = 0; r < 200; r++) {
            for (int i = 0; i < 20_000; i++) sum += h.step(i);
        }
        System.out.println("sum " + sum);
    }
}
