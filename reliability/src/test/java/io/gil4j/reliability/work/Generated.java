package io.gil4j.reliability.work;

import io.gil4j.testkit.work.Countdown;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls the classes InstrumentationFailureIT generates (io.gil4j.reliability.work.gen.Huge, Long,
 * Jsr) from several threads, beside instrumented CPU work that must still be scheduled.
 */
public final class Generated {
    private Generated() { }

    /** CPU-bound work between blocking points: the tests' one countdown, n steps from n. */
    static long spin(long n) {
        return Countdown.lcg(n, n);
    }

    static long call(String cls, String method, Class<?>[] types, Object... args) throws Exception {
        Method m = Class.forName("io.gil4j.reliability.work.gen." + cls).getMethod(method, types);
        return (Long) m.invoke(null, args);
    }

    public static void main(String[] args) throws Exception {
        long[] r = new long[5];
        List<Thread> ts = new ArrayList<>();
        ts.add(new Thread(() -> {
            try {
                for (int i = 0; i < 20; i++) r[0] += call("Huge", "compute", new Class<?>[0]) + call("Huge", "small", new Class<?>[0]);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }));
        ts.add(new Thread(() -> {
            try {
                for (int i = 0; i < 20; i++) r[1] += call("Long", "compute", new Class<?>[0]);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }));
        ts.add(new Thread(() -> {
            try {
                r[2] = call("Jsr", "compute", new Class<?>[] {long.class}, 5_000_000L);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }));
        ts.add(new Thread(() -> r[3] = spin(10_000_000)));
        ts.add(new Thread(() -> r[4] = spin(10_000_000)));
        for (Thread t : ts) t.start();
        for (Thread t : ts) t.join();
        System.out.println("huge=" + r[0] + " long=" + r[1] + " jsr=" + r[2] + " others=" + (r[3] + r[4]));
    }
}
