package io.gil4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The safety net on holders that block where no hook sees them (unit tests install no JDK hooks and
 * no JVMTI helper): who is revoked, with which state and kind, what the revoked thread's totals say
 * once it notices, a holder that died holding, and the lock built without the net.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GilLockSafetyNetTest {
    private static final long MS = 1_000_000L;

    record Revocation(String holder, String why, long latencyNanos) { }

    private final List<Revocation> revocations = new CopyOnWriteArrayList<>();

    private GilLock install(boolean safetyNet) {
        return install(safetyNet, 5 * MS);
    }

    private GilLock install(boolean safetyNet, long intervalNanos) {
        return install(new GilLock(GilLock.Mode.GIL, intervalNanos, 100, safetyNet));
    }

    /** Records the lock's revocations in {@link #revocations}. */
    private class RevocationRecorder extends RecordingListener {
        @Override public void revoked(Thread holder, String holderState, long latencyNanos) {
            revocations.add(new Revocation(holder.getName(), holderState, latencyNanos));
        }
    }

    private GilLock install(GilLock l) {
        return install(l, new RevocationRecorder());
    }

    private GilLock install(GilLock l, RevocationRecorder listener) {
        l.setListener(listener);
        Gil.install(l);
        return l;
    }

    @AfterEach
    void uninstall() {
        Gil.install(new GilLock(GilLock.Mode.DISABLED, 5 * MS, 100));
    }

    /** Set by a holder once {@code stuck} has returned. */
    private final java.util.concurrent.atomic.AtomicBoolean moved = new java.util.concurrent.atomic.AtomicBoolean();

    /** Starts a holder that enters, signals, runs {@code stuck}, then takes a checkpoint and exits, leaving its totals. */
    private Thread holder(String name, CountDownLatch holding, Runnable stuck, AtomicReference<GilThread.Totals> totals) {
        Thread t = new Thread(() -> {
            boolean a = Gil.enter();
            try {
                holding.countDown();
                stuck.run();
                moved.set(true);
                Gil.checkpoint(); // notices the revocation and takes the GIL back
            } finally {
                Gil.exit(a);
                totals.set(GilThread.peek().snapshot(System.nanoTime()));
            }
        }, name);
        t.start();
        return t;
    }

    /** A holder that reads {@code client}: native, RUNNABLE to Java, and no hook sees it in unit tests. */
    private Thread nativeReader(java.net.Socket client, CountDownLatch holding, AtomicReference<GilThread.Totals> totals) {
        return holder("native-reader", holding, () -> {
            try {
                client.getInputStream().read();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }, totals);
    }

    /** A waiter that enters and leaves; whether the holder had moved on when the waiter got the GIL. */
    private boolean waitFor() throws InterruptedException {
        java.util.concurrent.atomic.AtomicBoolean seen = new java.util.concurrent.atomic.AtomicBoolean();
        Thread w = new Thread(() -> {
            boolean a = Gil.enter();
            seen.set(moved.get());
            Gil.exit(a);
        }, "waiter");
        w.start();
        w.join();
        return seen.get();
    }

    @Test
    void aHolderBlockedOnAContendedMonitorIsRevokedAsALock() throws Exception {
        GilLock l = install(true);
        Object monitor = new Object();
        CountDownLatch holding = new CountDownLatch(1);
        AtomicReference<GilThread.Totals> totals = new AtomicReference<>();
        Thread h;
        synchronized (monitor) {
            h = holder("blocked", holding, () -> {
                synchronized (monitor) { // BLOCKED until the test lets go
                    monitor.notifyAll();
                }
            }, totals);
            holding.await();
            while (h.getState() != Thread.State.BLOCKED) Thread.onSpinWait();
            // The test holds the monitor until the waiter is done: it can only get the GIL by revocation.
            assertThat(waitFor()).isFalse();
        }
        h.join();
        assertThat(revocations).extracting(Revocation::holder, Revocation::why).containsExactly(org.assertj.core.groups.Tuple.tuple("blocked", "BLOCKED"));
        assertThat(revocations.get(0).latencyNanos()).isPositive();
        assertThat(l.revocations()).isEqualTo(1);
        GilThread.Totals t = totals.get();
        assertThat(t.revocations()).isEqualTo(1);
        assertThat(t.releasedByKind()[GilReasons.KIND_LOCK]).as("the stretch booked as a lock wait").isPositive();
        assertThat(t.releasedByKind()[GilReasons.KIND_WAIT]).isZero();
        assertThat(l.breaker).as("no mark left").isZero();
    }

    @Test
    void aHolderAsleepWithoutAHookIsRevokedAsAWait() throws Exception {
        GilLock l = install(true);
        CountDownLatch holding = new CountDownLatch(1);
        AtomicReference<GilThread.Totals> totals = new AtomicReference<>();
        Thread h = holder("sleeper", holding, () -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }, totals);
        holding.await();
        while (h.getState() != Thread.State.TIMED_WAITING) Thread.onSpinWait();
        assertThat(waitFor()).as("the GIL taken while the holder still slept").isFalse();
        h.join();
        assertThat(revocations).extracting(Revocation::why).containsExactly("TIMED_WAITING");
        GilThread.Totals t = totals.get();
        assertThat(t.revocations()).isEqualTo(1);
        assertThat(t.releasedByKind()[GilReasons.KIND_WAIT]).isPositive();
        assertThat(t.releasedByKind()[GilReasons.KIND_LOCK]).isZero();
        assertThat(l.breaker).isZero();
    }

    @Test
    void aHolderThatDiedHoldingIsRevokedWithoutAMark() throws Exception {
        GilLock l = install(true);
        Thread dead = new Thread(Gil::enter, "died-holding"); // enters and never exits
        dead.start();
        dead.join();
        assertThat(l.owner()).isSameAs(dead);
        waitFor();
        assertThat(revocations).extracting(Revocation::why).containsExactly("TERMINATED");
        assertThat(l.revocations()).isEqualTo(1);
        assertThat(l.breaker).as("nobody left to notice a mark").isZero();
    }

    @Test
    void withoutTheSafetyNetAStuckHolderKeepsTheGilUntilItMoves() throws Exception {
        GilLock l = install(false);
        CountDownLatch holding = new CountDownLatch(1);
        AtomicReference<GilThread.Totals> totals = new AtomicReference<>();
        Thread h = holder("sleeper", holding, () -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }, totals);
        holding.await();
        while (h.getState() != Thread.State.TIMED_WAITING) Thread.onSpinWait();
        assertThat(waitFor()).as("the GIL came only once the holder had woken").isTrue();
        h.join();
        assertThat(revocations).isEmpty();
        assertThat(l.revocations()).isZero();
    }

    /**
     * A revocation's latency is how long waiters were kept from a stuck holder: from the last time a
     * probe saw it running, not from when the waiter began (the holder computed first, without a
     * checkpoint, for most of the wait).
     */
    @Test
    void aRevocationsLatencyCountsFromWhenTheHolderWasLastSeenRunning() throws Exception {
        install(true);
        CountDownLatch holding = new CountDownLatch(1);
        AtomicReference<GilThread.Totals> totals = new AtomicReference<>();
        Thread h = holder("busy-then-asleep", holding, () -> {
            try {
                long x = 1;
                long until = System.nanoTime() + 300 * MS;
                while (System.nanoTime() < until) x = x * 6364136223846793005L + 1;
                if (x == 42) System.out.println(x);
                Thread.sleep(300);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }, totals);
        holding.await();
        long start = System.nanoTime();
        waitFor();
        long waited = System.nanoTime() - start;
        h.join();
        assertThat(revocations).extracting(Revocation::why).containsExactly("TIMED_WAITING");
        assertThat(waited).as("the waiter waited through the computing").isGreaterThan(250 * MS);
        assertThat(revocations.get(0).latencyNanos()).as("latency of %d ms' wait", waited / MS)
                .isPositive().isLessThan(waited - 200 * MS);
    }

    /**
     * A holder blocked in native I/O (RUNNABLE to Java, asleep to the OS, no CPU used) is found by the
     * probes between the clock's waits, within about a millisecond of quiet: well inside a long
     * interval, not only when the interval runs out (twice, to compare CPU times).
     */
    @Test
    void aHolderBlockedInNativeIoIsRevokedLongBeforeTheIntervalEnds() throws Exception {
        long interval = 400 * MS;
        install(true, interval);
        AtomicReference<GilThread.Totals> totals = new AtomicReference<>();
        long waited = waitedForANativeReader(totals);
        assertThat(revocations).extracting(Revocation::why).containsExactly("NO_CPU_PROGRESS");
        assertThat(waited).as("waited, against a %d ms interval", interval / MS).isLessThan(interval / 4);
        assertThat(totals.get().releasedByKind()[GilReasons.KIND_IO]).as("booked as I/O").isPositive();
    }

    /** How long a waiter waited for the GIL from a holder reading a socket (it got it while the holder still read). */
    private long waitedForANativeReader(AtomicReference<GilThread.Totals> totals) throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             java.net.Socket client = new java.net.Socket(server.getInetAddress(), server.getLocalPort());
             java.net.Socket accepted = server.accept()) {
            CountDownLatch holding = new CountDownLatch(1);
            Thread h = nativeReader(client, holding, totals);
            holding.await();
            Thread.sleep(20);
            long start = System.nanoTime();
            assertThat(waitFor()).as("the GIL taken while the holder still read").isFalse();
            long waited = System.nanoTime() - start;
            accepted.getOutputStream().write(1);
            h.join();
            return waited;
        }
    }

    /**
     * The same holder, but the reader finds it asleep on one of the JIT's locks (a {@link JitHandOffs}
     * whose compiler thread waits where every sleeping thread does), as a thread handing a method to
     * the JIT while the compiler thread it passes through waits for a core: the quiet window leaves it
     * alone, and only the interval's end revokes it, as stuck.
     */
    @Test
    void aHolderHandingAMethodToTheJitIsLeftToTheIntervalsEnd() throws Exception {
        long interval = 200 * MS;
        JitHandOffs everySleeperOnTheJitsLock = new JitHandOffs(202, tid -> "202 0x7f0000001000 0x89 0x0", () -> new int[] {1});
        everySleeperOnTheJitsLock.learn(System.nanoTime());
        install(new GilLock(GilLock.Mode.GIL, interval, 100, true, new OsStateReader(NativeThreadState::state, everySleeperOnTheJitsLock)));
        long waited = waitedForANativeReader(new AtomicReference<>());
        assertThat(revocations).extracting(Revocation::why).containsExactly("NO_CPU_PROGRESS");
        assertThat(waited).as("waited, against a %d ms interval", interval / MS).isGreaterThan(interval / 2);
    }

    /**
     * The safety net's /proc read enters a monitor (opening a file registers it with the JDK's cleaner
     * under the cleaner list's monitor). Here the read stalls on a monitor whose owner waits for the
     * GIL, as a thread does that took the cleaner's monitor after contention and retakes the GIL in
     * the JVMTI callback. Read under the mutex, the waiter keeping the clock waited for that monitor
     * while its owner waited for the mutex, and nothing ever moved again (RandomizedIT in CI). The
     * holder is stuck in native I/O, so only a revocation lets the waiters in.
     */
    @Test
    void aStalledOsStateReadNeverHoldsTheLockUp() throws Exception {
        Object cleanerList = new Object();
        OsStateReader stalling = new OsStateReader(tid -> {
            synchronized (cleanerList) {
                return NativeThreadState.state(tid);
            }
        });
        install(new GilLock(GilLock.Mode.GIL, 5 * MS, 100, true, stalling));
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             java.net.Socket client = new java.net.Socket(server.getInetAddress(), server.getLocalPort());
             java.net.Socket accepted = server.accept()) {
            CountDownLatch holding = new CountDownLatch(1);
            AtomicReference<GilThread.Totals> totals = new AtomicReference<>();
            Thread h = nativeReader(client, holding, totals);
            holding.await();
            CountDownLatch clockKept = new CountDownLatch(1);
            Thread clockKeeper = new Thread(() -> {
                clockKept.countDown();
                boolean a = Gil.enter();
                Gil.exit(a);
            }, "clock-keeper");
            CountDownLatch monitorHeld = new CountDownLatch(1);
            CountDownLatch go = new CountDownLatch(1);
            Thread monitorOwner = new Thread(() -> {
                synchronized (cleanerList) {
                    monitorHeld.countDown();
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    boolean a = Gil.enter(); // waits for the GIL holding the monitor
                    Gil.exit(a);
                }
            }, "monitor-owner");
            monitorOwner.start();
            monitorHeld.await(); // from here on every read stalls
            clockKeeper.start(); // the first waiter keeps the clock: it waits timed
            clockKept.await();
            while (clockKeeper.getState() != Thread.State.TIMED_WAITING) Thread.sleep(1);
            go.countDown();
            clockKeeper.join(10_000);
            monitorOwner.join(10_000);
            boolean stuck = clockKeeper.isAlive() || monitorOwner.isAlive();
            accepted.getOutputStream().write(1);
            h.join(10_000);
            assertThat(stuck).as("waiters still waiting after 10 s: %s, %s", clockKeeper.getState(), monitorOwner.getState())
                    .isFalse();
            assertThat(h.isAlive()).as("holder done").isFalse();
            assertThat(revocations).extracting(Revocation::why).contains("NO_CPU_PROGRESS");
        }
    }

    /**
     * Two CPU-bound threads switch at every interval, and the clock runs out before each switch. The
     * safety net asked the OS about the holder at each of those looks (a /proc read on the reader's
     * thread per switch: about 1.3% of a core at 5 ms, 2.6% at 1 ms), though a holder whose CPU time
     * moves is plainly running. Only a holder that looks stopped may cost a read; a holder preempted
     * on a busy machine may, hence a bound and not zero.
     */
    @Test
    void cpuBoundHoldersCostNoOsReads() throws Exception {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        OsStateReader counting = new OsStateReader(tid -> {
            reads.incrementAndGet();
            return NativeThreadState.state(tid);
        });
        java.util.concurrent.atomic.AtomicInteger drops = new java.util.concurrent.atomic.AtomicInteger();
        install(new GilLock(GilLock.Mode.GIL, MS, 100, true, counting), new RevocationRecorder() {
            @Override public void dropRequested(Thread holder) { drops.incrementAndGet(); }
        });
        long until = System.nanoTime() + 300 * MS;
        Runnable spin = () -> {
            boolean a = Gil.enter();
            try {
                while (System.nanoTime() - until < 0) Gil.checkpoint();
            } finally {
                Gil.exit(a);
            }
        };
        Thread a = new Thread(spin, "spin-a"), b = new Thread(spin, "spin-b");
        a.start();
        b.start();
        a.join();
        b.join();
        assertThat(drops.get()).as("drop requests (clock ran out)").isGreaterThanOrEqualTo(30);
        assertThat(reads.get()).as("/proc reads over %d drop requests", drops.get()).isLessThan(drops.get() / 4);
        assertThat(revocations).isEmpty();
    }

    /**
     * A revoked holder can read {@code owner} as itself just before the revocation's CAS and
     * {@code ownerState} just after its successor wrote its own state there. Here {@code owner} is set
     * back to the revoked holder to hold that window open. Acting on what it found, the holder released
     * its successor's GIL and waited for the GIL in its successor's name; the GIL ended up owned by a
     * dead thread and every thread waited (RandomizedIT, 100 us, about one run in 70). What the
     * revoked holder does next (leave its frame, or block) must leave its successor alone.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"exit", "blocking"})
    void aRevokedHolderThatStillReadItselfAsOwnerLeavesItsSuccessorAlone(String next) throws Exception {
        GilLock l = install(true);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch windowOpen = new CountDownLatch(1);
        CountDownLatch stepDone = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CountDownLatch successorHolds = new CountDownLatch(1);
        CountDownLatch successorGo = new CountDownLatch(1);
        AtomicReference<GilThread> successorState = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger phaseAfterStep = new java.util.concurrent.atomic.AtomicInteger(-1);
        Thread h = new Thread(() -> {
            boolean a = Gil.enter();
            holding.countDown();
            awaitQuietly(windowOpen); // WAITING: the successor's clock revokes it
            Thread self = Thread.currentThread();
            boolean released = false;
            if (next.equals("exit")) l.exitSlow(self); else released = l.beginBlocking(self, "test", GilReasons.KIND_IO);
            phaseAfterStep.set(GilThread.peek().phase);
            stepDone.countDown();
            awaitQuietly(finish);
            if (released) {
                l.endBlocking();
                Gil.exit(a);
            }
        }, "revoked");
        Thread successor = new Thread(() -> {
            boolean a = Gil.enter();
            successorState.set(GilThread.peek());
            successorHolds.countDown();
            awaitQuietly(successorGo);
            Gil.exit(a);
        }, "successor");
        h.start();
        holding.await();
        while (h.getState() != Thread.State.WAITING) Thread.onSpinWait();
        successor.start();
        successorHolds.await();
        assertThat(revocations).extracting(Revocation::holder).containsExactly("revoked");
        assertThat(l.ownerState).isSameAs(successorState.get());
        l.owner = h; // the window: the revoked holder reads owner as itself
        windowOpen.countDown();
        stepDone.await();
        int successorPhase = successorState.get().phase;
        l.owner = successor;
        successorGo.countDown();
        successor.join();
        finish.countDown();
        h.join();
        assertThat(successorPhase).as("the successor's phase after the revoked holder's %s", next).isEqualTo(GilThread.HELD);
        assertThat(phaseAfterStep.get()).as("the revoked holder's own phase")
                .isEqualTo(next.equals("exit") ? GilThread.OUTSIDE : GilThread.RELEASED);
        assertThat(l.owner()).isNull();
        assertThat(l.breaker).as("no mark left").isZero();
    }

    /**
     * A taker between its CAS and the end of {@code acquired} still has its own state in
     * {@code ownerState}, left from its previous hold. Taken for the holder and revoked there, it then
     * wrote {@code ownerState} over its successor's, and the successor never let the GIL go
     * (RandomizedIT, 100 us). Here {@code owner} is set to a parked thread whose state is there from
     * an earlier hold, as if its CAS had just won: the net must leave it alone until its take completes.
     */
    @Test
    void aTakerBetweenItsCasAndItsAcquisitionIsNotRevoked() throws Exception {
        GilLock l = install(true, 1 * MS);
        CountDownLatch released = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Thread taker = new Thread(() -> {
            boolean a = Gil.enter();
            Gil.exit(a); // its state stays in ownerState
            released.countDown();
            awaitQuietly(finish); // WAITING: what the net revokes at once in a real holder
        }, "taker");
        taker.start();
        released.await();
        while (taker.getState() != Thread.State.WAITING) Thread.onSpinWait();
        assertThat(l.ownerState.thread).isSameAs(taker);
        l.owner = taker; // its CAS has won; acquired() has not run yet
        java.util.concurrent.atomic.AtomicBoolean tookIt = new java.util.concurrent.atomic.AtomicBoolean();
        Thread waiter = new Thread(() -> {
            boolean a = Gil.enter();
            tookIt.set(true);
            Gil.exit(a);
        }, "waiter");
        waiter.start();
        Thread.sleep(50); // 50 intervals, 200 probe periods
        assertThat(revocations).as("revoked in the window").isEmpty();
        assertThat(tookIt.get()).isFalse();
        l.owner = null; // the take completes and gives the GIL back
        waiter.join(10_000);
        finish.countDown();
        taker.join();
        assertThat(tookIt.get()).as("the waiter got the GIL once it was free").isTrue();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
