package io.gil4j.bench.handoff;

import io.gil4j.bench.BenchLock;
import io.gil4j.bootstrap.Gil;
import io.gil4j.bootstrap.GilLock;
import io.gil4j.bootstrap.GilReasons;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Handoff latency: how long from one thread giving something up to the other thread running, for a
 * plain {@link LockSupport#unpark} and for the GIL, measured side by side in one JVM (blocks of ROUNDS
 * alternate: pingpong, mirror, gil, pingpong, ...), into one HdrHistogram per kind.
 *
 * <ul>
 * <li><b>pingpong</b>: two threads ping-pong through a volatile turn word and park/unpark. The side that
 *     has the turn waits until the other is parked (state WAITING), reads t0 and unparks it; the woken
 *     side records now - t0 as soon as park returns and sees its turn.</li>
 * <li><b>mirror</b>: the gil kind's exact choreography (below) with a token word and one unpark in
 *     place of the GIL: the fair baseline, because the woken thread has been parked for the same short
 *     time as the GIL waiter (how long a thread has been idle changes how fast the VM wakes it).</li>
 * <li><b>gil</b>: the same two threads, in-process, with one {@code GilLock(GIL, 5 ms, 100)} for the JVM
 *     ({@link BenchLock}, staged as the agent stages its own).
 *     Each holds the GIL ({@code Gil.enter()}) and parks only inside {@code Gil.beginBlocking(...)} /
 *     {@code Gil.endBlocking(...)} (what the agent's park hook does), so the GIL changes hands on every
 *     round. The holder gives the turn to the other side and unparks it; the other side wakes, calls
 *     endBlocking and waits for the GIL (the holder spins until {@code waiters() == 1} and the other is
 *     TIMED_WAITING, i.e. inside the GIL's condition wait); then the holder reads t0 and calls
 *     beginBlocking, which drops the GIL and signals; the other side records now - t0 when endBlocking
 *     returns holding the GIL. So both kinds time "the releaser acts" to "the woken thread runs", with
 *     the woken thread really parked in the kernel.</li>
 * </ul>
 * In all three kinds the releaser, once the Java state says the other side is parked, also waits until
 * Linux says that thread is asleep ('S' in /proc/self/task/TID/stat) before it reads t0, so every
 * handoff includes a real kernel wake-up (without that, a releaser that sees WAITING at once often
 * unparks a thread still on its way into the kernel, and the "latency" is a few hundred ns).
 * <ul>
 * </ul>
 *
 * <p>Usage: {@code Handoff [ROUNDS=20000] [BLOCKS=5] [WARMUP_ROUNDS=20000] [nosleepcheck]};
 * {@code nosleepcheck} leaves out the wait for the kernel's 'S' (the racy variant described above).
 */
public final class Handoff {
    private Handoff() { }

    static final class Pair {
        volatile int turn;
        volatile long t0;
        volatile int token;
        final AtomicIntegerArray stage = new AtomicIntegerArray(2); // 1 while parked waiting for the token
        final Histogram[] hist = {new Histogram(10_000_000_000L, 3), new Histogram(10_000_000_000L, 3)};
        Thread[] threads = new Thread[2];
        final int[] tid = new int[2]; // Linux thread ids, written before the threads' first handoff
    }

    static boolean kernelSleepCheck = true;

    static final String[] KINDS = {"pingpong", "mirror", "gil"};

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        kernelSleepCheck = !(args.length > 3 && args[3].equals("nosleepcheck"));
        Histogram[] all = new Histogram[KINDS.length];
        for (int k = 0; k < KINDS.length; k++) {
            all[k] = new Histogram(10_000_000_000L, 3);
            run(KINDS[k], warmup);
        }
        StringBuilder perBlock = new StringBuilder();
        for (int b = 0; b < blocks; b++) {
            perBlock.append(String.format(" block %d:", b + 1));
            for (int k = 0; k < KINDS.length; k++) {
                Histogram h = run(KINDS[k], rounds);
                all[k].add(h);
                perBlock.append(String.format("  %s p50 %.1f p99 %.1f", KINDS[k], h.getValueAtPercentile(50) / 1e3,
                        h.getValueAtPercentile(99) / 1e3));
            }
            perBlock.append('\n');
        }
        System.out.printf("handoff latency (us), %d blocks of %d rounds per kind, kinds alternating block by block, %s; %s %s, %d CPUs%n",
                blocks, rounds, kernelSleepCheck ? "waking a thread asleep in the kernel" : "no check that the woken thread is asleep in the kernel", System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.print(perBlock);
        System.out.printf("%-9s %8s %8s %8s %8s %8s %9s%n", "kind", "p50", "p90", "p99", "p99.9", "max", "count");
        for (int k = 0; k < KINDS.length; k++) print(KINDS[k], all[k]);
        for (int k = 0; k < 2; k++) {
            System.out.printf("ratio gil/%s: p50 %.2f, p99 %.2f (target <= 1.5)%n", KINDS[k],
                    (double) all[2].getValueAtPercentile(50) / all[k].getValueAtPercentile(50),
                    (double) all[2].getValueAtPercentile(99) / all[k].getValueAtPercentile(99));
        }
    }

    private static void print(String kind, Histogram h) {
        System.out.printf("%-9s %8.1f %8.1f %8.1f %8.1f %8.1f %9d%n", kind, h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, h.getTotalCount());
    }

    /** One block: two fresh threads, ROUNDS handoffs in all; returns the latencies (ns). */
    static Histogram run(String kind, int rounds) throws InterruptedException {
        Pair p = new Pair();
        boolean viaGil = kind.equals("gil");
        GilLock lock = viaGil ? BenchLock.staged(5_000_000L) : null;
        int perSide = rounds / 2;
        for (int i = 0; i < 2; i++) {
            int me = i;
            p.threads[i] = new Thread(() -> {
                p.tid[me] = currentTid();
                switch (kind) {
                    case "gil": gilSide(p, lock, me, perSide); break;
                    case "mirror": mirrorSide(p, me, perSide); break;
                    default: unparkSide(p, me, perSide); break;
                }
            }, "handoff-" + kind + "-" + i);
            p.threads[i].setDaemon(true);
        }
        p.turn = 0;
        p.token = 0;
        p.threads[1].start();
        // side 1 first parks waiting for its turn (with the GIL released, in the gil kind)
        while (p.threads[1].getState() != Thread.State.WAITING) Thread.onSpinWait();
        p.threads[0].start();
        p.threads[0].join();
        p.threads[1].join();
        Histogram h = p.hist[0].copy();
        h.add(p.hist[1]);
        return h;
    }

    private static void unparkSide(Pair p, int me, int rounds) {
        Thread other = p.threads[1 - me];
        Histogram h = p.hist[me];
        int done = 0;
        if (me == 1) { // the other side starts: wait for the first turn
            while (p.turn != me) LockSupport.park();
            h.recordValue(System.nanoTime() - p.t0);
        }
        for (;;) {
            // hand the turn over to a parked other side
            if (me == 0 && done == rounds) break;
            while (other.getState() != Thread.State.WAITING) Thread.onSpinWait();
            awaitKernelSleep(p, 1 - me);
            p.t0 = System.nanoTime();
            p.turn = 1 - me;
            LockSupport.unpark(other);
            if (me == 1 && done == rounds - 1) break;
            while (p.turn != me) LockSupport.park();
            long now = System.nanoTime();
            h.recordValue(now - p.t0);
            done++;
        }
    }

    /**
     * The gil kind's structure with a bare unpark in place of the GIL: the token plays the GIL. The
     * token holder wakes the other side (turn), waits until it is parked waiting for the token, reads
     * t0 and hands the token over with one unpark; the other side records when it sees the token.
     */
    private static void mirrorSide(Pair p, int me, int rounds) {
        Thread other = p.threads[1 - me];
        Histogram h = p.hist[me];
        int done = 0;
        if (me == 1) {
            parkForTurnThenToken(p, me);
            h.recordValue(System.nanoTime() - p.t0);
        }
        for (;;) {
            if (me == 0 && done == rounds) break;
            p.turn = 1 - me;
            LockSupport.unpark(other);
            while (p.stage.get(1 - me) != 1 || other.getState() != Thread.State.WAITING) Thread.onSpinWait();
            awaitKernelSleep(p, 1 - me);
            p.t0 = System.nanoTime();
            p.token = 1 - me;
            LockSupport.unpark(other);
            if (me == 1 && done == rounds - 1) break;
            parkForTurnThenToken(p, me);
            h.recordValue(System.nanoTime() - p.t0);
            done++;
        }
    }

    private static void parkForTurnThenToken(Pair p, int me) {
        while (p.turn != me) LockSupport.park();
        p.stage.set(me, 1);
        while (p.token != me) LockSupport.park();
        p.stage.set(me, 0);
    }

    private static void gilSide(Pair p, GilLock lock, int me, int rounds) {
        Thread other = p.threads[1 - me];
        Histogram h = p.hist[me];
        boolean acquired = Gil.enter();
        try {
            int done = 0;
            if (me == 1) {
                parkReleased(p, me);
                h.recordValue(System.nanoTime() - p.t0);
            }
            for (;;) {
                if (me == 0 && done == rounds) break;
                // wake the other side: it leaves its park and waits for the GIL, which we hold
                p.turn = 1 - me;
                LockSupport.unpark(other);
                while (lock.waiters() != 1 || other.getState() != Thread.State.TIMED_WAITING) Thread.onSpinWait();
                awaitKernelSleep(p, 1 - me);
                p.t0 = System.nanoTime();
                if (me == 1 && done == rounds - 1) break; // our frame exit below drops the GIL
                parkReleased(p, me);                      // drops the GIL, parks, takes it back
                h.recordValue(System.nanoTime() - p.t0);
                done++;
            }
        } finally {
            Gil.exit(acquired);
        }
    }

    /**
     * Java's WAITING/TIMED_WAITING is set on the way into park, before the thread sleeps in the kernel:
     * without this, a fast releaser often unparks a thread that has not gone to sleep yet (no kernel
     * wake-up at all). Spin until Linux reports the other thread sleeping ('S' in its stat).
     */
    static void awaitKernelSleep(Pair p, int other) {
        if (!kernelSleepCheck) return;
        Path stat = Path.of("/proc/self/task/" + p.tid[other] + "/stat");
        for (int i = 0; i < 100_000; i++) {
            try {
                String s = new String(Files.readAllBytes(stat), StandardCharsets.US_ASCII);
                if (s.charAt(s.lastIndexOf(')') + 2) == 'S') return;
            } catch (IOException | RuntimeException e) {
                return; // no /proc: fall back to the Java state alone
            }
        }
    }

    static int currentTid() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            return Integer.parseInt(target.substring(target.lastIndexOf('/') + 1));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Park until it is our turn, with the GIL released around the park (the agent's park hook). */
    private static void parkReleased(Pair p, int me) {
        boolean released = Gil.beginBlocking("java.util.concurrent.locks.LockSupport.park", GilReasons.KIND_LOCK);
        try {
            while (p.turn != me) LockSupport.park();
        } finally {
            Gil.endBlocking(released);
        }
    }
}
