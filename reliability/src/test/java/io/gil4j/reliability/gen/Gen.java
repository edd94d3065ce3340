package io.gil4j.reliability.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generator of random concurrent programs, as data: a list of threads, each a list of
 * {@link Op}s. The same seed always gives the same program; {@code io.gil4j.reliability.work.Interp}
 * runs it. Not instrumented (it only builds data).
 */
public final class Gen {
    private Gen() { }

    public static final int CPU = 0, SYNC = 1, RLOCK = 2, WAIT = 3, FILE = 4, SOCKET = 5, SPAWN = 6, SLEEP = 7, MERGE = 8;
    public static final int LOCKS = 3;

    public static final class Op {
        public final int kind;
        public final int a;
        public final int b;
        public final List<Op> sub;

        Op(int kind, int a, int b, List<Op> sub) {
            this.kind = kind;
            this.a = a;
            this.b = b;
            this.sub = sub;
        }

        @Override
        public String toString() {
            String[] names = {"cpu", "sync", "rlock", "wait", "file", "socket", "spawn", "sleep", "merge"};
            return names[kind] + "(" + a + "," + b + (sub == null ? "" : "," + sub) + ")";
        }
    }

    public static List<List<Op>> program(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int threads = 2 + r.nextInt(4);
        List<List<Op>> out = new ArrayList<>();
        for (int t = 0; t < threads; t++) out.add(ops(r, 8 + r.nextInt(16), 2));
        return out;
    }

    static List<Op> ops(SplittableRandom r, int n, int depth) {
        List<Op> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(100);
            Op op;
            if (k < 22) op = new Op(CPU, 1 + r.nextInt(300), 0, null);             // x 1000 iterations
            else if (k < 37) op = new Op(SYNC, r.nextInt(LOCKS), 1 + r.nextInt(50), null);
            else if (k < 50) op = new Op(RLOCK, r.nextInt(LOCKS), 1 + r.nextInt(50), null);
            else if (k < 56) op = new Op(WAIT, r.nextInt(3), 0, null);             // timed wait, ms
            else if (k < 66) op = new Op(FILE, 1 + r.nextInt(4096), 0, null);
            else if (k < 78) op = new Op(SOCKET, 1 + r.nextInt(2048), 0, null);
            else if (k < 85 && depth > 0) op = new Op(SPAWN, 0, r.nextInt(2), ops(r, 2 + r.nextInt(5), depth - 1));
            else if (k < 91) op = new Op(SLEEP, r.nextInt(3), 0, null);
            else op = new Op(MERGE, r.nextInt(8), 1 + r.nextInt(9), null);
            out.add(op);
        }
        return out;
    }
}
