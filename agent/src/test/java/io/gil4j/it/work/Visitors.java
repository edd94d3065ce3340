package io.gil4j.it.work;

import java.util.Random;

/**
 * {@code Visitors N}: evaluates an expression tree N times through a generic visitor whose one
 * implementation returns {@code Long}, so that each {@code visit} call goes through javac's bridge
 * ({@code Object num(Num)}) to the real method ({@code Long num(Num)}) of the same final class: a call
 * gil4j sends to the real method's held copy. Prints {@code sum=<n>}.
 */
public final class Visitors {
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

    private Visitors() { }

    static Expr build(Random r, int depth) {
        if (depth == 0) return new Num(r.nextInt(100));
        switch (r.nextInt(4)) {
            case 0: return new Add(build(r, depth - 1), build(r, depth - 1));
            case 1: return new Mul(build(r, depth - 1), build(r, depth - 1));
            case 2: return new Neg(build(r, depth - 1));
            default: return new Add(new Num(r.nextInt(9)), build(r, depth - 1));
        }
    }

    public static void main(String[] args) {
        long n = Long.parseLong(args[0]);
        Expr e = build(new Random(7), 14);
        Eval eval = new Eval();
        long sum = 0;
        for (long k = 0; k < n; k++) sum += e.accept(eval);
        System.out.println("sum=" + sum);
    }
}
