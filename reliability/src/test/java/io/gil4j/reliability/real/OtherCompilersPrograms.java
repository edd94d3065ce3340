package io.gil4j.reliability.real;

import clojure.java.api.Clojure;
import clojure.lang.IFn;
import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import java.util.concurrent.atomic.AtomicLong;
import kotlin.Unit;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlinx.coroutines.BuildersKt;
import kotlinx.coroutines.CoroutineStart;
import kotlinx.coroutines.DelayKt;
import kotlinx.coroutines.Dispatchers;
import scala.collection.immutable.HashMap;
import scala.collection.immutable.HashMap$;
import scala.collection.immutable.Vector;
import scala.collection.immutable.Vector$;

/**
 * Libraries compiled by scalac, Groovy, kotlinc and Clojure, driven from Java: code shapes javac never
 * emits (loops inside expressions, constructors that pick their {@code super()} at run time, suspend
 * functions' state machines, classes compiled at run time), run under the GIL with the library's
 * packages instrumented. Every result is deterministic.
 */
final class OtherCompilersPrograms {
    private OtherCompilersPrograms() { }

    /** Scala 2.13's persistent collections: 4 threads each build a Vector and a HashMap and fold them. */
    static String scala() throws Exception {
        AtomicLong sum = new AtomicLong();
        RealPrograms.threads(4, me -> {
            scala.collection.mutable.Builder<Object, Vector<Object>> b = Vector$.MODULE$.newBuilder();
            HashMap<Object, Object> m = HashMap$.MODULE$.empty();
            for (int i = 0; i < 20_000; i++) {
                b.addOne(i * 7 + me);
                m = m.updated(i % 5_000, (long) i * me);
            }
            Vector<Object> v = b.result();
            long s = 0;
            for (int i = 0; i < v.length(); i += 3) s += (Integer) v.apply(i);
            for (int k = 0; k < 5_000; k += 7) s += (Long) m.apply(k);
            s += v.<Long>foldLeft(0L, (acc, x) -> acc + (Integer) x % 13);
            sum.addAndGet(s + m.size());
        });
        return "sum=" + sum.get();
    }

    /** Groovy 5: 4 threads each compile and run a script with closures, ranges and string templates. */
    static String groovy() throws Exception {
        AtomicLong sum = new AtomicLong();
        String script = "def words = (1..n).collect { \"w${it % 97}\" }\n"
                + "def counts = words.countBy { it }\n"
                + "def total = counts.values().sum() + counts.keySet().collect { it.size() }.sum()\n"
                + "(1..200).inject(total) { acc, i -> acc + (i * seed) % 11 }";
        RealPrograms.threads(4, me -> {
            for (int round = 0; round < 5; round++) {
                Binding binding = new Binding();
                binding.setVariable("n", 5_000 + round);
                binding.setVariable("seed", me + 1);
                Object r = new GroovyShell(binding).evaluate(script);
                sum.addAndGet(((Number) r).longValue());
            }
        });
        return "sum=" + sum.get();
    }

    /**
     * Clojure 1.12: 4 threads each evaluate forms (compiled to classes at run time), bump a shared atom
     * with {@code swap!} and a shared ref in {@code dosync} transactions (the STM retries on conflict).
     */
    static String clojure() throws Exception {
        IFn eval = Clojure.var("clojure.core", "eval");
        IFn read = Clojure.var("clojure.core", "read-string");
        eval.invoke(read.invoke("(do (create-ns 'gil) (intern 'gil 'counter (atom 0)) (intern 'gil 'total (ref 0)))"));
        RealPrograms.threads(4, me -> {
            for (int round = 0; round < 20; round++) {
                eval.invoke(read.invoke("(let [s (reduce + (map #(* % %) (range " + (2_000 + me * 10 + round) + ")))]"
                        + " (swap! gil/counter + (mod s 1000))"
                        + " (dotimes [i 50] (dosync (alter gil/total + (mod (+ s i) 7)))))"));
            }
        });
        Object counter = eval.invoke(read.invoke("@gil/counter"));
        Object total = eval.invoke(read.invoke("@gil/total"));
        return "counter=" + counter + " total=" + total;
    }

    /** kotlinx.coroutines: 400 coroutines on Dispatchers.Default, each computing, then suspending in delay. */
    static String kotlin() throws Exception {
        AtomicLong sum = new AtomicLong();
        BuildersKt.runBlocking(Dispatchers.getDefault(), (scope, cont) -> {
            for (int k = 0; k < 400; k++) {
                long seed = k;
                BuildersKt.launch(scope, EmptyCoroutineContext.INSTANCE, CoroutineStart.DEFAULT, (inner, done) -> {
                    long x = seed;
                    for (int i = 0; i < 20_000; i++) x = x * 6364136223846793005L + 1442695040888963407L;
                    sum.addAndGet(x & 0xffff);
                    return DelayKt.delay(1 + seed % 3, done); // suspends; the coroutine completes when it resumes
                });
            }
            return Unit.INSTANCE;
        });
        return "sum=" + sum.get();
    }
}
