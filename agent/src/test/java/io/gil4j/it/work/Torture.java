package io.gil4j.it.work;

import io.gil4j.testkit.work.Countdown;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.LongStream;

/**
 * Concurrent programs that must finish and print the same result with and without the agent.
 * {@code Torture NAME} runs one and prints {@code NAME=<result>}; each result is deterministic.
 */
public final class Torture {
    private Torture() { }

    /** CPU-bound work between blocking points: the tests' one countdown, n steps from n. */
    static long spin(long n) {
        return Countdown.lcg(n, n);
    }

    /** Two threads contend for one monitor and keep it across GIL switches (long work inside). */
    static long synchronizedContention() throws Exception {
        Object lock = new Object();
        long[] total = new long[1];
        List<Thread> ts = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    synchronized (lock) {
                        total[0] += spin(200_000) & 1;
                        total[0]++;
                    }
                }
            });
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) t.join();
        return total[0] - (total[0] - 200) + 0 * spin(1); // the count is what must match: 4 x 50
    }

    /** wait/notify ping-pong between two instrumented threads. */
    static long waitNotify() throws Exception {
        Object lock = new Object();
        int[] turn = {0};
        int rounds = 2000;
        Thread[] ts = new Thread[2];
        for (int k = 0; k < 2; k++) {
            int me = k;
            ts[k] = new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
                    synchronized (lock) {
                        while (turn[0] % 2 != me) {
                            try {
                                lock.wait();
                            } catch (InterruptedException e) {
                                throw new RuntimeException(e);
                            }
                        }
                        turn[0]++;
                        lock.notifyAll();
                    }
                }
            });
            ts[k].start();
        }
        for (Thread t : ts) t.join();
        return turn[0];
    }

    static long reentrantLockCondition() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        Condition changed = lock.newCondition();
        int[] turn = {0};
        Thread[] ts = new Thread[3];
        for (int k = 0; k < 3; k++) {
            int me = k;
            ts[k] = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    lock.lock();
                    try {
                        while (turn[0] % 3 != me) changed.awaitUninterruptibly();
                        turn[0]++;
                        spin(1000);
                        changed.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }
            });
            ts[k].start();
        }
        for (Thread t : ts) t.join();
        return turn[0];
    }

    static long producerConsumer() throws Exception {
        BlockingQueue<Long> q = new ArrayBlockingQueue<>(4);
        long[] sum = {0};
        Thread consumer = new Thread(() -> {
            try {
                for (int i = 0; i < 20_000; i++) sum[0] += q.take();
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        consumer.start();
        for (long i = 0; i < 20_000; i++) q.put(i);
        consumer.join();
        return sum[0];
    }

    static long completableFutures() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<CompletableFuture<Long>> fs = new ArrayList<>();
            for (long i = 0; i < 50; i++) {
                long k = i;
                fs.add(CompletableFuture.supplyAsync(() -> spin(10_000) & 0xff, pool)
                        .thenApplyAsync(x -> x + k, pool)
                        .thenCombine(CompletableFuture.supplyAsync(() -> k * 2, pool), Long::sum));
            }
            long s = 0;
            for (CompletableFuture<Long> f : fs) s += f.get();
            return s;
        } finally {
            pool.shutdown();
        }
    }

    static long parallelStream() {
        return LongStream.range(0, 2_000).parallel().map(i -> spin(2_000 + i) & 0xffff).sum();
    }

    static Runnable spinInto(long[] v) {
        return () -> v[0] = spin(100_000) & 0xff;
    }

    /** A class initializer that starts a thread and waits for it. */
    static final class InitStartsThread {
        static final long VALUE;

        static {
            long[] v = new long[1];
            // The task is Torture's lambda, not this class's: a lambda body of this class would need
            // this class initialized, which would deadlock with or without the agent.
            Thread t = new Thread(spinInto(v));
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
            VALUE = v[0];
        }
    }

    /** Class initialization that several threads race for, one of them holding the GIL while blocked. */
    static final class SlowInit {
        static final long VALUE = spin(3_000_000) & 0xff;
    }

    static long classInit() throws Exception {
        long[] seen = new long[4];
        Thread[] ts = new Thread[4];
        for (int k = 0; k < 4; k++) {
            int me = k;
            ts[k] = new Thread(() -> seen[me] = SlowInit.VALUE + InitStartsThread.VALUE);
            ts[k].start();
        }
        for (Thread t : ts) t.join();
        return seen[0] + seen[1] + seen[2] + seen[3];
    }

    static int recurse(int n) {
        return n == 0 ? 0 : 1 + recurse(n - 1);
    }

    static long exceptions() throws Exception {
        long caught = 0;
        for (int i = 0; i < 1000; i++) {
            try {
                if (i % 2 == 0) throw new IllegalStateException("x" + i);
                Integer.parseInt("not a number " + i);
            } catch (RuntimeException e) {
                caught++;
            }
        }
        int depth;
        try {
            depth = recurse(Integer.MAX_VALUE);
        } catch (StackOverflowError e) {
            depth = -1;
        }
        // After the overflow the GIL must be usable by another thread.
        long[] other = new long[1];
        Thread t = new Thread(() -> other[0] = spin(1000) & 1);
        t.start();
        t.join(10_000);
        return caught * 10 + (depth == -1 ? 1 : 0) + (t.isAlive() ? 100 : 0) + 0 * other[0];
    }

    static long threadDeath() throws Exception {
        long ok = 0;
        for (int i = 0; i < 20; i++) {
            Thread t = new Thread(() -> {
                spin(10_000);
                throw new IllegalArgumentException("dies holding nothing");
            });
            t.setUncaughtExceptionHandler((th, e) -> { });
            t.start();
            t.join();
            ok++;
        }
        long[] after = new long[1];
        Thread t = new Thread(() -> after[0] = 1);
        t.start();
        t.join();
        return ok + after[0];
    }

    static long interrupts() throws Exception {
        long interrupted = 0;
        for (int i = 0; i < 20; i++) {
            Thread sleeper = new Thread(() -> {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            sleeper.start();
            Thread.sleep(5);
            sleeper.interrupt();
            sleeper.join();
            interrupted++;
        }
        // interrupt a thread that is waiting for the GIL: it must keep its interrupt status
        Thread busy = new Thread(() -> spin(30_000_000));
        busy.start();
        boolean[] kept = new boolean[1];
        Thread waiter = new Thread(() -> {
            // Waits (up to 10 s) to see the interrupt: deterministic without the agent; with it, the
            // interrupt usually lands while this thread waits for the GIL and must not be swallowed.
            long end = System.nanoTime() + 10_000_000_000L;
            while (!Thread.currentThread().isInterrupted() && System.nanoTime() < end) {
                spin(10);
            }
            kept[0] = Thread.currentThread().isInterrupted();
        });
        waiter.start();
        waiter.interrupt();
        waiter.join();
        busy.join();
        return interrupted + (kept[0] ? 1000 : 0);
    }

    static long executorPool() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> fs = new ArrayList<>();
            for (long i = 0; i < 64; i++) {
                long k = i;
                fs.add(pool.submit(() -> (spin(20_000) & 1) + k));
            }
            long s = 0;
            for (Future<Long> f : fs) s += f.get();
            CountDownLatch latch = new CountDownLatch(4);
            for (int i = 0; i < 4; i++) pool.execute(latch::countDown);
            latch.await();
            return s;
        } finally {
            pool.shutdown();
        }
    }

    public static void main(String[] args) throws Exception {
        for (String name : args) {
            long r;
            switch (name) {
                case "synchronized": r = synchronizedContention(); break;
                case "waitNotify": r = waitNotify(); break;
                case "reentrantLock": r = reentrantLockCondition(); break;
                case "producerConsumer": r = producerConsumer(); break;
                case "completableFuture": r = completableFutures(); break;
                case "parallelStream": r = parallelStream(); break;
                case "classInit": r = classInit(); break;
                case "exceptions": r = exceptions(); break;
                case "threadDeath": r = threadDeath(); break;
                case "interrupts": r = interrupts(); break;
                case "executor": r = executorPool(); break;
                default: throw new IllegalArgumentException(name);
            }
            System.out.println(name + "=" + r);
        }
    }
}
