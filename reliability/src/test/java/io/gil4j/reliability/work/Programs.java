package io.gil4j.reliability.work;

import io.gil4j.testkit.work.Countdown;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Exchanger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Concurrent programs run under the GIL (this package is instrumented). {@code Programs NAME...}
 * runs each and prints {@code NAME=<result>}; every result is deterministic, so the output with the
 * agent must equal the output without it.
 */
public final class Programs {
    private Programs() { }

    /** CPU-bound work between blocking points: the tests' one countdown, n steps from n. */
    static long spin(long n) {
        return Countdown.lcg(n, n);
    }

    interface Body {
        void run(int index) throws Exception;
    }

    /** Runs body(0..n-1) on n platform threads and joins them; rethrows the first failure. */
    static void threads(int n, Body body) throws Exception {
        List<Thread> ts = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int k = 0; k < n; k++) {
            int me = k;
            Thread t = new Thread(() -> {
                try {
                    body.run(me);
                } catch (Throwable e) {
                    synchronized (failure) {
                        if (failure[0] == null) failure[0] = e;
                    }
                }
            }, "w" + k);
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) t.join();
        if (failure[0] != null) throw new RuntimeException("worker failed", failure[0]);
    }

    /** Many threads take three monitors, always in the same global order A, B, C (or a suffix of it). */
    static long lockOrder() throws Exception {
        Object a = new Object();
        Object b = new Object();
        Object c = new Object();
        long[] n = new long[3];
        threads(12, me -> {
            for (int i = 0; i < 150; i++) {
                switch ((me + i) % 3) {
                    case 0:
                        synchronized (a) {
                            synchronized (b) {
                                synchronized (c) {
                                    n[0]++;
                                    spin(2_000);
                                }
                            }
                        }
                        break;
                    case 1:
                        synchronized (b) {
                            synchronized (c) {
                                n[1]++;
                                spin(1_000);
                            }
                        }
                        break;
                    default:
                        synchronized (a) {
                            synchronized (c) {
                                n[2]++;
                            }
                        }
                }
            }
        });
        return n[0] * 1_000_000 + n[1] * 1000 + n[2];
    }

    /** Nested monitors held across GIL switches: the work inside is many intervals long. */
    static long nestedMonitors() throws Exception {
        Object outer = new Object();
        Object inner = new Object();
        long[] count = new long[1];
        threads(4, me -> {
            for (int i = 0; i < 6; i++) {
                synchronized (outer) {
                    synchronized (inner) {
                        long before = count[0];
                        spin(3_000_000); // several switch intervals while both monitors are held
                        count[0] = before + 1;
                    }
                }
                spin(200_000);
            }
        });
        return count[0];
    }

    /** Turn-taking with waits in while loops under notifyAll storms (most wake-ups are spurious for the waker). */
    static long spuriousWakeups() throws Exception {
        Object lock = new Object();
        int parties = 6;
        int rounds = 150;
        long[] turn = {0};
        long[] sum = {0};
        boolean[] done = {false};
        Thread storm = new Thread(() -> {
            while (true) {
                synchronized (lock) {
                    if (done[0]) return;
                    lock.notifyAll();
                }
                Thread.yield();
            }
        }, "storm");
        storm.start();
        threads(parties, me -> {
            for (int i = 0; i < rounds; i++) {
                synchronized (lock) {
                    while (turn[0] % parties != me) {
                        if ((i & 1) == 0) lock.wait();
                        else lock.wait(1);
                    }
                    sum[0] += turn[0] * (me + 1);
                    turn[0]++;
                    lock.notifyAll();
                }
            }
        });
        synchronized (lock) {
            done[0] = true;
        }
        storm.join();
        return turn[0] * 1_000_000_000L + sum[0];
    }

    static long semaphore() throws Exception {
        Semaphore s = new Semaphore(3);
        AtomicInteger inUse = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        AtomicLong total = new AtomicLong();
        threads(8, me -> {
            for (int i = 0; i < 120; i++) {
                s.acquire();
                try {
                    int u = inUse.incrementAndGet();
                    max.accumulateAndGet(u, Math::max);
                    spin(5_000);
                    total.incrementAndGet();
                    inUse.decrementAndGet();
                } finally {
                    s.release();
                }
            }
        });
        return total.get() + (max.get() <= 3 ? 0 : 1_000_000_000L);
    }

    static long cyclicBarrier() throws Exception {
        AtomicLong rounds = new AtomicLong();
        long[] perRound = new long[4];
        AtomicLong check = new AtomicLong();
        CyclicBarrier barrier = new CyclicBarrier(4, () -> {
            long s = 0;
            for (long v : perRound) s += v;
            check.addAndGet(s);
            rounds.incrementAndGet();
        });
        threads(4, me -> {
            for (int r = 0; r < 80; r++) {
                perRound[me] = (long) r * (me + 1);
                spin(1_000 * (me + 1));
                barrier.await();
            }
        });
        return rounds.get() * 1_000_000 + check.get();
    }

    static long phaser() throws Exception {
        Phaser ph = new Phaser(5);
        AtomicLong sum = new AtomicLong();
        threads(5, me -> {
            for (int p = 0; p < 60; p++) {
                sum.addAndGet(ph.getPhase() * (me + 1L));
                spin(2_000);
                ph.arriveAndAwaitAdvance();
            }
            ph.arriveAndDeregister();
        });
        return sum.get();
    }

    static long exchanger() throws Exception {
        Exchanger<Long> ex = new Exchanger<>();
        long[] got = new long[2];
        threads(2, me -> {
            for (long i = 0; i < 500; i++) got[me] += ex.exchange(i * (me == 0 ? 1 : 1000));
        });
        return got[0] * 7 + got[1];
    }

    /** Writers keep x == y; optimistic and pessimistic readers must never see them differ. */
    static long stampedLock() throws Exception {
        StampedLock sl = new StampedLock();
        long[] xy = new long[2];
        AtomicLong torn = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        threads(6, me -> {
            for (int i = 0; i < 400; i++) {
                if (me < 2) {
                    long st = sl.writeLock();
                    try {
                        xy[0]++;
                        spin(500);
                        xy[1]++;
                    } finally {
                        sl.unlockWrite(st);
                    }
                } else {
                    long st = sl.tryOptimisticRead();
                    long x = xy[0];
                    long y = xy[1];
                    if (!sl.validate(st)) {
                        st = sl.readLock();
                        try {
                            x = xy[0];
                            y = xy[1];
                        } finally {
                            sl.unlockRead(st);
                        }
                    }
                    if (x != y) torn.incrementAndGet();
                    reads.incrementAndGet();
                }
            }
        });
        return xy[0] * 1000 + xy[1] + torn.get() * 1_000_000_000L + reads.get();
    }

    static long readWriteLock() throws Exception {
        ReentrantReadWriteLock rw = new ReentrantReadWriteLock(true);
        long[] xy = new long[2];
        AtomicLong torn = new AtomicLong();
        threads(6, me -> {
            for (int i = 0; i < 300; i++) {
                if (me < 2) {
                    rw.writeLock().lock();
                    try {
                        xy[0] += 2;
                        spin(1_000);
                        xy[1] += 2;
                    } finally {
                        rw.writeLock().unlock();
                    }
                } else {
                    rw.readLock().lock();
                    try {
                        long x = xy[0];
                        spin(300);
                        if (x != xy[1]) torn.incrementAndGet();
                    } finally {
                        rw.readLock().unlock();
                    }
                }
            }
        });
        return xy[0] + xy[1] + torn.get() * 1_000_000_000L;
    }

    static long transferQueue() throws Exception {
        LinkedTransferQueue<Long> q = new LinkedTransferQueue<>();
        AtomicLong sum = new AtomicLong();
        threads(4, me -> {
            if (me < 2) {
                for (long i = 0; i < 1000; i++) q.transfer(i + me * 10_000L);
            } else {
                for (int i = 0; i < 1000; i++) sum.addAndGet(q.take());
            }
        });
        return sum.get();
    }

    static long synchronousQueue() throws Exception {
        SynchronousQueue<Long> q = new SynchronousQueue<>();
        AtomicLong sum = new AtomicLong();
        threads(4, me -> {
            if (me < 2) {
                for (long i = 0; i < 1000; i++) q.put(i * (me + 1));
            } else {
                for (int i = 0; i < 1000; i++) {
                    Long v = q.poll(30, TimeUnit.SECONDS);
                    if (v == null) throw new IllegalStateException("no element in 30 s");
                    sum.addAndGet(v);
                }
            }
        });
        return sum.get();
    }

    static long chmCompute() throws Exception {
        ConcurrentHashMap<Integer, Long> m = new ConcurrentHashMap<>();
        threads(8, me -> {
            for (int i = 0; i < 2000; i++) {
                int key = i % 16;
                m.compute(key, (k, v) -> (v == null ? 0 : v) + k + 1 + (spin(50) & 0));
                m.merge(100 + key, 1L, Long::sum);
                m.computeIfAbsent(1000 + (i % 64), k -> (long) k * k);
            }
        });
        long s = 0;
        for (var e : m.entrySet()) s += e.getKey() * 31L + e.getValue();
        return s;
    }

    static long scheduledExecutor() throws Exception {
        ScheduledExecutorService ses = Executors.newScheduledThreadPool(2);
        try {
            AtomicLong ticks = new AtomicLong();
            CountDownLatch fifty = new CountDownLatch(50);
            ScheduledFuture<?> rate = ses.scheduleAtFixedRate(() -> {
                ticks.incrementAndGet();
                spin(10_000);
                fifty.countDown();
            }, 0, 1, TimeUnit.MILLISECONDS);
            List<ScheduledFuture<Long>> delayed = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                long v = i;
                delayed.add(ses.schedule(() -> v * v + (spin(1_000) & 0), i % 7, TimeUnit.MILLISECONDS));
            }
            long s = 0;
            for (ScheduledFuture<Long> f : delayed) s += f.get(60, TimeUnit.SECONDS);
            if (!fifty.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("fixed-rate task stalled");
            rate.cancel(false);
            return s + 1_000_000L; // + the 50 ticks reached
        } finally {
            ses.shutdown();
            if (!ses.awaitTermination(30, TimeUnit.SECONDS)) throw new IllegalStateException("executor did not stop");
        }
    }

    static final class Fib extends RecursiveTask<Long> {
        final int n;

        Fib(int n) {
            this.n = n;
        }

        @Override
        protected Long compute() {
            if (n < 12) return slow(n);
            Fib a = new Fib(n - 1);
            a.fork();
            Fib b = new Fib(n - 2);
            return b.compute() + a.join();
        }

        static long slow(int n) {
            return n < 2 ? n : slow(n - 1) + slow(n - 2);
        }
    }

    static long forkJoin() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(4);
        try {
            long own = pool.invoke(new Fib(24));
            long common = ForkJoinPool.commonPool().invoke(new Fib(22));
            Future<Long> f = pool.submit(() -> java.util.stream.LongStream.range(0, 200_000).parallel().map(i -> i % 1000).sum());
            return own * 1_000_000 + common + f.get();
        } finally {
            pool.shutdown();
        }
    }

    static long depth(long n) {
        return n == 0 ? 0 : 1 + depth(n - 1);
    }

    /** Deep (not overflowing) recursion on a big-stack thread while another thread competes for the GIL. */
    static long deepRecursion() throws Exception {
        long[] r = new long[2];
        Thread deep = new Thread(null, () -> {
            for (int i = 0; i < 20; i++) r[0] += depth(50_000);
        }, "deep", 512L << 20);
        Thread other = new Thread(() -> r[1] = spin(20_000_000) & 0xffff, "other");
        deep.start();
        other.start();
        deep.join();
        other.join();
        return r[0] * 100_000 + r[1];
    }

    static long overflow(long n) {
        return overflow(n + 1) + 1;
    }

    /** StackOverflowError inside instrumented code, caught; the thread and the others go on. */
    static long stackOverflow() throws Exception {
        AtomicLong caught = new AtomicLong();
        threads(3, me -> {
            for (int i = 0; i < 4; i++) {
                if (me < 2) {
                    try {
                        overflow(0);
                    } catch (StackOverflowError e) {
                        caught.incrementAndGet();
                    }
                } else {
                    caught.addAndGet(spin(1_000_000) & 0);
                    caught.addAndGet(1000);
                }
            }
        });
        return caught.get();
    }

    /** 2^31 loop iterations, split in chunks over 4 threads. */
    static long hugeLoop() throws Exception {
        int chunks = 16;
        long per = (1L << 31) / chunks;
        long[] part = new long[chunks];
        AtomicInteger next = new AtomicInteger();
        threads(4, me -> {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                long s = 0;
                long from = c * per;
                long to = from + per;
                for (long i = from; i < to; i++) s += i ^ (i >>> 7);
                part[c] = s;
            }
        });
        long s = 0;
        for (long p : part) s += p;
        return s;
    }

    /** Exchanger and LinkedTransferQueue hand-offs, 10 times over: the shortest reproducer of a lost park wake-up. */
    static long handoffs() throws Exception {
        long s = 0;
        for (int i = 0; i < 10; i++) s += exchanger() + transferQueue();
        return s;
    }

    public static void main(String[] args) throws Exception {
        for (String name : args) {
            long r;
            switch (name) {
                case "lockOrder": r = lockOrder(); break;
                case "nestedMonitors": r = nestedMonitors(); break;
                case "spuriousWakeups": r = spuriousWakeups(); break;
                case "semaphore": r = semaphore(); break;
                case "cyclicBarrier": r = cyclicBarrier(); break;
                case "phaser": r = phaser(); break;
                case "exchanger": r = exchanger(); break;
                case "stampedLock": r = stampedLock(); break;
                case "readWriteLock": r = readWriteLock(); break;
                case "transferQueue": r = transferQueue(); break;
                case "synchronousQueue": r = synchronousQueue(); break;
                case "chmCompute": r = chmCompute(); break;
                case "scheduledExecutor": r = scheduledExecutor(); break;
                case "forkJoin": r = forkJoin(); break;
                case "deepRecursion": r = deepRecursion(); break;
                case "stackOverflow": r = stackOverflow(); break;
                case "hugeLoop": r = hugeLoop(); break;
                case "handoffs": r = handoffs(); break;
                default: throw new IllegalArgumentException("unknown program " + name);
            }
            System.out.println(name + "=" + r);
        }
    }
}
