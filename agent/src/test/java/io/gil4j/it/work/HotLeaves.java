package io.gil4j.it.work;

/**
 * Instrumented methods hot enough for both of the JIT's tiers to compile them (with their inlining
 * printed by -XX:+PrintInlining in CompilerDirectiveIT): a method and a leaf it calls, a loop that calls
 * into the JDK (the check after such calls), and a method entered from threads that do not hold the GIL
 * (the take and the release). Several kinds, so that C1 compiles calls to several of the GIL's helpers:
 * with only the first, JDK 25's C1 printed one or two of them per JVM, and none in one CI run. Prints the sum.
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

    static long bits(int[] a) {
        long s = 0;
        for (int v : a) s += Integer.bitCount(v) + Long.numberOfTrailingZeros(v | 1L << 40);
        return s;
    }

    public static long entered(int n) {
        long s = 0;
        for (int i = 0; i < n; i++) s += i ^ (s >>> 3);
        return s;
    }

    public static void main(String[] args) throws InterruptedException {
        HotLeaves h = new HotLeaves();
        long sum = 0;
        for (int r = 0; r < 200; r++) {
            for (int i = 0; i < 20_000; i++) sum += h.step(i);
        }
        int[] a = new int[64];
        for (int i = 0; i < a.length; i++) a[i] = i * 0x9E3779B9;
        for (int r = 0; r < 20_000; r++) sum += bits(a);
        long[] fromOutside = new long[1];
        Thread t = new Thread(() -> {
            for (int r = 0; r < 20_000; r++) fromOutside[0] += entered(16);
        });
        t.start();
        t.join();
        System.out.println("sum " + (sum + fromOutside[0]));
    }
}
