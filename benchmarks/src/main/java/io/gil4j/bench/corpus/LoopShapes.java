package io.gil4j.bench.corpus;

/** Loop shapes of the corpus: what C2 does to counted and uncounted loops over primitives and arrays. */
final class LoopShapes {
    private LoopShapes() { }

    /** (a) Countdown over a long counter, an uncounted loop to C2. Work = iterations. */
    static long countdown(long work, long seed) {
        long n = work;
        long x = seed;
        while (n > 0) {
            n--;
            x = x * 31 + n;
        }
        return x;
    }

    /** (b) Int LCG in a for loop over an int counter: a counted loop (strip-mined, no safepoint poll per iteration). Work = iterations. */
    static long lcg(long work, long seed) {
        if (work > Integer.MAX_VALUE) throw new IllegalArgumentException("lcg: work > Integer.MAX_VALUE");
        int n = (int) work;
        int x = (int) seed;
        for (int i = 0; i < n; i++) {
            x = x * 1103515245 + 12345;
        }
        return x;
    }

    /**
     * (b2) 64-bit LCG (Knuth's MMIX constants) in a for loop down a long counter, the test kit's
     * countdown ({@code SeedShapeIT}'s): a counted loop whose steps C2 may fold together (JDK 25's
     * runs about 12 steps a nanosecond, more than one multiply-add each could; JDK 17's does not).
     * Work = iterations.
     */
    static long lcg64(long work, long seed) {
        long x = seed;
        for (long i = work; i > 0; i--) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    static final int VECTOR_LENGTH = 10_000;

    /** (c) An int[] update loop that C2 vectorizes, repeated over a 10k array. Work = passes over the array. */
    static long vector(long work, long seed) {
        int[] a = new int[VECTOR_LENGTH];
        for (int i = 0; i < a.length; i++) a[i] = (int) seed + i;
        for (long p = 0; p < work; p++) update(a);
        long s = 0;
        for (int v : a) s = s * 31 + v;
        return s;
    }

    static final int WIDE_VECTOR_LENGTH = 250_000;

    /**
     * (c') The same update loop over an array 25 times longer (1 MB, in cache on most servers): a loop that
     * any chunk size cuts into many chunks. Work = passes over the array.
     */
    static long wideVector(long work, long seed) {
        int[] a = new int[WIDE_VECTOR_LENGTH];
        for (int i = 0; i < a.length; i++) a[i] = (int) seed + i;
        for (long p = 0; p < work; p++) update(a);
        long s = 0;
        for (int v : a) s = s * 31 + v;
        return s;
    }

    static void update(int[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i] * 3 + 1;
        }
    }

    static final int FOLD_LENGTH = 1 << 16;

    /** (d) Sum of i*k over a counted loop: C2 strength-reduces the multiply and unrolls. Work = passes of 65,536 iterations. */
    static long fold(long work, long seed) {
        long s = seed;
        for (long p = 0; p < work; p++) s += sumScaled((int) p | 1, FOLD_LENGTH);
        return s;
    }

    static long sumScaled(int k, int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += (long) i * k;
        }
        return s;
    }

    static final int MATRIX = 48;

    /** (e) Dense 48x48 double matrix multiply (i-k-j order, inner loop vectorizable), result fed back. Work = multiplies. */
    static long matmul(long work, long seed) {
        int n = MATRIX, nn = n * n;
        double[] a = new double[nn], b = new double[nn], c = new double[nn];
        long x = seed;
        for (int i = 0; i < nn; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            a[i] = (x >>> 11) * 0x1.0p-53 / n;
            x = x * 6364136223846793005L + 1442695040888963407L;
            b[i] = (x >>> 11) * 0x1.0p-53 / n;
        }
        for (long r = 0; r < work; r++) {
            multiply(a, b, c, n);
            a[(int) (r % nn)] = c[(int) ((r * 7) % nn)];
        }
        double s = 0;
        for (double v : c) s += v;
        return Double.doubleToLongBits(s);
    }

    static void multiply(double[] a, double[] b, double[] c, int n) {
        java.util.Arrays.fill(c, 0.0);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double aik = a[i * n + k];
                int bo = k * n, co = i * n;
                for (int j = 0; j < n; j++) {
                    c[co + j] += aik * b[bo + j];
                }
            }
        }
    }
}
