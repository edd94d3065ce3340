package io.gil4j.it.work;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The occupancy oracle: threads keep calling a method whose body is straight-line code (no loop, no
 * call: no checkpoint inside, so no switch can happen there). Each call writes its thread's id into a
 * shared field on entry and reads it back at the end; under a GIL nobody else can have written it in
 * between. Without the agent two threads on two cores overwrite each other's id all the time (the
 * control). {@code Occupancy THREADS SECONDS} prints {@code overlaps=N calls=M}.
 */
public final class Occupancy {
    private Occupancy() { }

    private static volatile int occupant;
    private static final AtomicLong OVERLAPS = new AtomicLong();

    /** Straight-line: sixteen LCG steps between writing and checking the occupant. */
    static long critical(int id, long x) {
        occupant = id;
        x = x * 6364136223846793005L + 1442695040888963407L;
        x = x * 6364136223846793005L + 1442695040888963407L;
        x = x * 6364136223846793005L + 1442695040888963407L;
        x = x * 6364136223846793005L + 1442695040888963407L;
        x = x * 6364136223846793005L + 1442695040888963407L;
        x = x * 6364136223846793005L + 1442695040888963407L;
        x = x * 6364136223846793005L + 1442695040888963407L;
        x = x * 6364136223846793005L + 1442695040888963407L;
        x = x * 6364136223846793005L + 1442695040888963407L;
        x = x * 6364136223846793005L + 1442695040888963407L;
        x = x * 6364136223846793005L + 1442695040888963407L;
        x = x * 6364136223846793005L + 1442695040888963407L;
        x = x * 6364136223846793005L + 1442695040888963407L;
        x = x * 6364136223846793005L + 1442695040888963407L;
        x = x * 6364136223846793005L + 1442695040888963407L;
        x = x * 6364136223846793005L + 1442695040888963407L;
        if (occupant != id) x = overlap(x);
        return x;
    }

    private static long overlap(long x) {
        OVERLAPS.incrementAndGet();
        return x + 1;
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        long nanos = (long) (Double.parseDouble(args[1]) * 1e9);
        long[] calls = new long[threads];
        long[] sums = new long[threads];
        Thread[] ts = new Thread[threads];
        long deadline = System.nanoTime() + nanos;
        for (int i = 0; i < threads; i++) {
            int id = i + 1;
            ts[i] = new Thread(() -> {
                long x = id;
                long n = 0;
                while (System.nanoTime() < deadline) {
                    for (int k = 0; k < 1000; k++) x = critical(id, x);
                    n += 1000;
                }
                calls[id - 1] = n;
                sums[id - 1] = x;
            }, "occupant-" + id);
            ts[i].start();
        }
        long total = 0;
        long sum = 0;
        for (int i = 0; i < threads; i++) {
            ts[i].join();
            total += calls[i];
            sum ^= sums[i];
        }
        System.out.println("overlaps=" + OVERLAPS.get() + " calls=" + total + " sum=" + sum);
    }
}
