package io.gil4j.bench.unseen;

import java.util.*;

/**
 * {@code UnseenShapes SHAPE THREADS REPS [WORK]}: CPU-bound shapes that gil4j was not tuned on (the
 * fidelity corpus's are in {@code io.gil4j.bench.corpus}), written after the corpus as a check of what a
 * new user's code meets: a stack-machine interpreter's switch loop, a sort through a comparator chain of
 * method references, an expression tree evaluated through a generic visitor (javac's bridge methods),
 * a lexer scanning a string through small helpers, a sieve, a table-driven CRC, and a boxed list walked
 * by an iterator into a small accumulator object. Each repetition starts THREADS threads that share a
 * fixed amount of work and joins them; prints {@code SHAPE REP SECONDS} per repetition.
 * {@code benchmarks/unseen.sh} runs it with and without the agent.
 */
public final class UnseenShapes {
    private UnseenShapes() { }

    static volatile long sink;

    // ---- interp: a stack-machine interpreter loop (switch dispatch)
    static final int ADD = 1, MUL = 2, JNZ = 4, DEC = 5, MOD = 9;
    static long interp(long n) {
        // acc = (acc * 31 + c) % 1000003 while c counts down from n, as a five-instruction program
        long[] st = new long[16];
        int sp = 0;
        long acc = 0, c = n;
        int[] prog = {MUL, ADD, MOD, DEC, JNZ};
        while (true) {
            for (int pc = 0; pc < prog.length; pc++) {
                switch (prog[pc]) {
                    case MUL: st[sp++] = acc * 31; break;
                    case ADD: st[sp - 1] += c; break;
                    case MOD: acc = st[--sp] % 1000003; break;
                    case DEC: c--; break;
                    case JNZ: if (c == 0) return acc; break;
                    default: throw new IllegalStateException();
                }
            }
        }
    }

    // ---- sortcmp: sorting records through a Comparator chain of method references
    record Person(String name, int age, long id) {
        int ageBucket() { return age / 10; }
    }
    static long sortcmp(long n) {
        Random r = new Random(42);
        long sum = 0;
        Comparator<Person> cmp = Comparator.comparingInt(Person::ageBucket).thenComparing(Person::name).thenComparingLong(Person::id);
        for (long k = 0; k < n; k++) {
            List<Person> l = new ArrayList<>();
            for (int i = 0; i < 2000; i++) l.add(new Person("p" + r.nextInt(500), r.nextInt(90), r.nextLong()));
            l.sort(cmp);
            sum += l.get(0).id();
        }
        return sum;
    }

    // ---- visitor: expression-tree evaluation through a visitor
    interface Expr { <R> R accept(Visitor<R> v); }
    interface Visitor<R> { R num(Num n); R add(Add a); R mul(Mul m); R neg(Neg n); }
    record Num(long v) implements Expr { public <R> R accept(Visitor<R> v) { return v.num(this); } }
    record Add(Expr l, Expr r) implements Expr { public <R> R accept(Visitor<R> v) { return v.add(this); } }
    record Mul(Expr l, Expr r) implements Expr { public <R> R accept(Visitor<R> v) { return v.mul(this); } }
    record Neg(Expr e) implements Expr { public <R> R accept(Visitor<R> v) { return v.neg(this); } }
    static final class Eval implements Visitor<Long> {
        public Long num(Num n) { return n.v(); }
        public Long add(Add a) { return a.l().accept(this) + a.r().accept(this); }
        public Long mul(Mul m) { return (m.l().accept(this) * m.r().accept(this)) % 1_000_003; }
        public Long neg(Neg n) { return -n.e().accept(this); }
    }
    static Expr build(Random r, int depth) {
        if (depth == 0) return new Num(r.nextInt(100));
        switch (r.nextInt(4)) {
            case 0: return new Add(build(r, depth - 1), build(r, depth - 1));
            case 1: return new Mul(build(r, depth - 1), build(r, depth - 1));
            case 2: return new Neg(build(r, depth - 1));
            default: return new Add(new Num(r.nextInt(9)), build(r, depth - 1));
        }
    }
    static long visitor(long n) {
        Expr e = build(new Random(7), 14);
        Eval ev = new Eval();
        long s = 0;
        for (long k = 0; k < n; k++) s += e.accept(ev);
        return s;
    }

    // ---- lexer: scanning a String char by char through small helpers
    static boolean isIdent(char c) { return Character.isLetterOrDigit(c) || c == '_'; }
    static boolean isSpace(char c) { return c == ' ' || c == '\n' || c == '\t'; }
    static int scanNumber(String s, int i) { while (i < s.length() && Character.isDigit(s.charAt(i))) i++; return i; }
    static int scanIdent(String s, int i) { while (i < s.length() && isIdent(s.charAt(i))) i++; return i; }
    static final String TEXT;
    static {
        StringBuilder b = new StringBuilder();
        Random r = new Random(3);
        for (int i = 0; i < 20000; i++) {
            switch (r.nextInt(4)) {
                case 0: b.append("foo_").append(r.nextInt(1000)).append(' '); break;
                case 1: b.append(r.nextInt(100000)).append('\n'); break;
                case 2: b.append("( + ) "); break;
                default: b.append("bar\t");
            }
        }
        TEXT = b.toString();
    }
    static long lexer(long n) {
        long tokens = 0;
        for (long k = 0; k < n; k++) {
            String s = TEXT;
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (isSpace(c)) { i++; continue; }
                if (Character.isDigit(c)) { i = scanNumber(s, i); tokens++; continue; }
                if (Character.isLetter(c)) { i = scanIdent(s, i); tokens++; continue; }
                i++; tokens++;
            }
        }
        return tokens;
    }

    // ---- sieve: nested loops with a stride
    static long sieve(long n) {
        long count = 0;
        for (long k = 0; k < n; k++) {
            boolean[] composite = new boolean[200_000];
            for (int p = 2; p * p < composite.length; p++) {
                if (composite[p]) continue;
                for (int m = p * p; m < composite.length; m += p) composite[m] = true;
            }
            for (int p = 2; p < composite.length; p++) if (!composite[p]) count++;
        }
        return count;
    }

    // ---- crc: table-driven CRC over a byte[]
    static final int[] TABLE = new int[256];
    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int j = 0; j < 8; j++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            TABLE[i] = c;
        }
    }
    static long crc(long n) {
        byte[] data = new byte[1 << 16];
        new Random(5).nextBytes(data);
        long s = 0;
        for (long k = 0; k < n; k++) {
            int c = ~0;
            for (byte b : data) c = TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
            s += ~c;
        }
        return s;
    }

    // ---- boxed: iterating a List<Integer> with a getter-heavy accumulator object
    static final class Acc {
        private long total; private int count;
        void add(int v) { total += v; count++; }
        long total() { return total; }
        int count() { return count; }
    }
    static long boxed(long n) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) list.add(i * 7 % 1000);
        long s = 0;
        for (long k = 0; k < n; k++) {
            Acc a = new Acc();
            for (Integer v : list) if (v % 3 != 0) a.add(v);
            s += a.total() / Math.max(1, a.count());
        }
        return s;
    }

    static long run(String shape, long n) {
        switch (shape) {
            case "interp": return interp(n);
            case "sortcmp": return sortcmp(n);
            case "visitor": return visitor(n);
            case "lexer": return lexer(n);
            case "sieve": return sieve(n);
            case "crc": return crc(n);
            case "boxed": return boxed(n);
            default: throw new IllegalArgumentException(shape);
        }
    }

    static final Map<String, Long> WORK = Map.of("interp", 60_000_000L, "sortcmp", 300L, "visitor", 28_000L,
            "lexer", 3_000L, "sieve", 600L, "crc", 3000L, "boxed", 30_000L);

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || !WORK.containsKey(args[0])) {
            System.err.println("usage: UnseenShapes SHAPE THREADS REPS [WORK], SHAPE one of " + new TreeSet<>(WORK.keySet()));
            System.exit(2);
        }
        String shape = args[0];
        int threads = Integer.parseInt(args[1]);
        int reps = Integer.parseInt(args[2]);
        long work = args.length > 3 ? Long.parseLong(args[3]) : WORK.get(shape);
        for (int rep = 0; rep < reps; rep++) {
            Thread[] ts = new Thread[threads];
            long t0 = System.nanoTime();
            for (int i = 0; i < threads; i++) {
                ts[i] = new Thread(() -> sink += run(shape, work / threads));
                ts[i].start();
            }
            for (Thread t : ts) t.join();
            System.out.println(shape + " " + rep + " " + (System.nanoTime() - t0) / 1e9);
        }
    }
}
