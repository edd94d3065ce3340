package io.gil4j.bench.corpus;

/** Call shapes of the corpus: megamorphic interface calls and exceptions as control flow. */
final class CallShapes {
    private CallShapes() { }

    interface Op {
        long apply(long x);
    }

    static final class Add implements Op {
        public long apply(long x) { return x + 0x9E3779B97F4A7C15L; }
    }

    static final class Xor implements Op {
        public long apply(long x) { return x ^ (x >>> 29); }
    }

    static final class Mul implements Op {
        public long apply(long x) { return x * 0xBF58476D1CE4E5B9L; }
    }

    static final class Rot implements Op {
        public long apply(long x) { return Long.rotateLeft(x, 17); }
    }

    static final class Sub implements Op {
        public long apply(long x) { return x - (x << 7); }
    }

    /** (j) Megamorphic virtual calls: 5 implementations of an interface, called in turn. Work = calls. */
    static long megamorphic(long work, long seed) {
        Op[] ops = {new Add(), new Xor(), new Mul(), new Rot(), new Sub()};
        long x = seed;
        int idx = 0;
        for (long i = 0; i < work; i++) {
            x = ops[idx].apply(x);
            idx = idx == ops.length - 1 ? 0 : idx + 1;
        }
        return x;
    }

    /** A stackless exception, used for control flow. */
    static final class Signal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;

        Signal(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    static final Signal PREALLOCATED = new Signal(1);

    static int step(int x, int i) {
        if ((i & 15) == 0) throw PREALLOCATED;
        if ((i & 255) == 1) throw new Signal(i);
        return x * 31 + i;
    }

    /** (k) Exceptions as control flow: a preallocated one every 16 iterations, a new one every 256. Work = iterations. */
    static long exceptions(long work, long seed) {
        int x = (int) seed;
        long caught = 0;
        for (long i = 0; i < work; i++) {
            try {
                x = step(x, (int) i);
            } catch (Signal e) {
                x ^= e.code;
                caught++;
            }
        }
        return x + caught;
    }
}
