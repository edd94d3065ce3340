package io.gil4j.reliability.work;

import io.gil4j.testkit.work.Countdown;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

/**
 * Virtual-thread programs (JDK 21+), compiled with release 17: virtual threads are made through
 * reflection. {@code Virtual NAME...} prints {@code NAME=<result>}.
 */
public final class Virtual {
    private Virtual() { }

    /** CPU-bound work between blocking points: the tests' one countdown, n steps from n. */
    static long spin(long n) {
        return Countdown.lcg(n, n);
    }

    /**
     * The first use of a class in another jar by 2,000 virtual threads at once on 2 carriers: the
     * loaders retake the GIL pinned, with the loader's lock held. Under the agent it hung 6 runs in 8
     * on JDK 25 until pinned virtual threads stopped queuing on the GIL's mutex (GilLock, "pinned
     * virtual threads"). Must run first in its JVM, before anything loads the countdown.
     */
    static long pinnedClassLoad() throws Exception {
        return sumOnVirtualThreads(2_000, v -> () -> (Countdown.lcg(v, 20_000) & 0) + v);
    }

    /** Runs task(0) .. task(n - 1) on a virtual thread each and adds up their results. */
    static long sumOnVirtualThreads(int n, IntFunction<Callable<Long>> task) throws Exception {
        ExecutorService ex = perTask();
        try {
            List<Future<Long>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) fs.add(ex.submit(task.apply(i)));
            long s = 0;
            for (Future<Long> f : fs) s += f.get(120, TimeUnit.SECONDS);
            return s;
        } finally {
            ex.shutdown();
            ex.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    static ExecutorService perTask() throws Exception {
        Method m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        return (ExecutorService) m.invoke(null);
    }

    static Thread start(Runnable r) throws Exception {
        Method m = Thread.class.getMethod("startVirtualThread", Runnable.class);
        return (Thread) m.invoke(null, r);
    }

    /** 10,000 virtual threads doing CPU work and sleeps. */
    static long tenThousand() throws Exception {
        return sumOnVirtualThreads(10_000, v -> () -> {
            long s = spin(2_000) & 0;
            Thread.sleep(1 + v % 3);
            s += spin(1_000) & 0;
            return v + s;
        });
    }

    /** Virtual threads that park while they hold the GIL: LockSupport, a contended ReentrantLock, a BlockingQueue. */
    static long parking() throws Exception {
        AtomicLong sum = new AtomicLong();
        // LockSupport ping-pong between pairs of virtual threads.
        List<Thread> ts = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            long[] turn = new long[1];
            Thread[] pair = new Thread[2];
            Object gate = new Object();
            synchronized (gate) {
                for (int k = 0; k < 2; k++) {
                    int me = k;
                    Runnable body = () -> {
                        for (int i = 0; i < 100; i++) {
                            while (read(turn) % 2 != me) LockSupport.parkNanos(1_000_000);
                            spin(200);
                            bump(turn);
                            LockSupport.unpark(pair[1 - me]);
                        }
                        sum.addAndGet(1);
                    };
                    pair[k] = (Thread) Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class)
                            .invoke(Thread.class.getMethod("ofVirtual").invoke(null), body);
                }
                for (Thread t : pair) {
                    t.start();
                    ts.add(t);
                }
            }
        }
        // A contended ReentrantLock held across sleeps and CPU work.
        ReentrantLock lock = new ReentrantLock();
        long[] counter = new long[1];
        for (int i = 0; i < 200; i++) {
            ts.add(start(() -> {
                for (int j = 0; j < 5; j++) {
                    lock.lock();
                    try {
                        long c = counter[0];
                        spin(500);
                        if ((j & 3) == 0) LockSupport.parkNanos(100_000);
                        counter[0] = c + 1;
                    } finally {
                        lock.unlock();
                    }
                }
            }));
        }
        // Producers and consumers over a small BlockingQueue.
        BlockingQueue<Long> q = new ArrayBlockingQueue<>(4);
        AtomicLong consumed = new AtomicLong();
        for (int i = 0; i < 50; i++) {
            long base = i * 1000L;
            ts.add(start(() -> {
                try {
                    for (long j = 0; j < 40; j++) q.put(base + j);
                } catch (InterruptedException e) {
                    throw new RuntimeException(e);
                }
            }));
            ts.add(start(() -> {
                try {
                    for (int j = 0; j < 40; j++) consumed.addAndGet(q.take());
                } catch (InterruptedException e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        for (Thread t : ts) {
            t.join(120_000);
            if (t.isAlive()) throw new IllegalStateException("virtual thread did not finish: " + t);
        }
        return sum.get() * 1_000_000_000L + counter[0] * 1_000_000L + consumed.get();
    }

    static synchronized long read(long[] a) {
        return a[0];
    }

    static synchronized void bump(long[] a) {
        a[0]++;
    }

    /** Far more virtual threads than carriers, all CPU-bound (run with -Djdk.virtualThreadScheduler.parallelism=2). */
    static long oversubscribed() throws Exception {
        return sumOnVirtualThreads(2_000, v -> () -> {
            long s = 0;
            for (int k = 0; k < 5; k++) {
                s += spin(20_000) & 1;
                Thread.yield();
            }
            return v * 2L + (s & 0);
        });
    }

    /** Initialized by one virtual thread, slowly: its initializer sleeps, so it gives the GIL up and needs it back. */
    static final class SlowInit {
        static final long VALUE;

        static {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            VALUE = spin(1_000);
        }
    }

    /**
     * A virtual thread that holds the GIL waits for another one's class initialization, which needs the
     * GIL back after its sleep. The waiting holder is RUNNABLE to Java and keeps its carrier; only its
     * carrier's stopped CPU time shows it is stuck (CPython's import waits release the GIL).
     */
    static long classInitWait() throws Exception {
        ExecutorService ex = perTask();
        try {
            Future<Long> init = ex.submit(() -> SlowInit.VALUE);
            Thread.sleep(10);
            Future<Long> user = ex.submit(() -> spin(1_000) + SlowInit.VALUE);
            return init.get(60, TimeUnit.SECONDS) ^ user.get(60, TimeUnit.SECONDS);
        } finally {
            ex.shutdown();
            ex.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    public static void main(String[] args) throws Exception {
        for (String name : args) {
            long r;
            switch (name) {
                case "tenThousand": r = tenThousand(); break;
                case "parking": r = parking(); break;
                case "oversubscribed": r = oversubscribed(); break;
                case "classInitWait": r = classInitWait(); break;
                case "pinnedClassLoad": r = pinnedClassLoad(); break;
                default: throw new IllegalArgumentException(name);
            }
            System.out.println(name + "=" + r);
        }
    }
}
