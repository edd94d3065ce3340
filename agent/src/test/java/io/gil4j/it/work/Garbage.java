package io.gil4j.it.work;

/**
 * Allocates short-lived arrays and strings and keeps nothing: young collections with nothing of its own
 * to copy, so what they copy is what start-up left (StartupHeapIT). Argument: thousands of iterations (about 0.65 MB each).
 */
public final class Garbage {
    private Garbage() { }

    /** Read after the loop so that the JIT cannot drop the allocations. */
    static volatile Object sink;

    public static void main(String[] args) {
        long thousands = Long.parseLong(args[0]);
        long sum = 0;
        for (long i = 0; i < thousands * 1000; i++) {
            byte[] b = new byte[512];
            b[(int) (i & 511)] = (byte) i;
            String s = Long.toString(i) + b.length;
            sum += s.length() + b[(int) (i & 511)];
            if ((i & 4095) == 0) sink = s;
        }
        System.out.println("result=" + (sum & 1));
    }
}
