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
        GilLock l = new GilLock(GilLock.Mode.GIL, intervalNanos, 100, safetyNet);
        l.setListener(new RecordingListener() {
            @Override public void revoked(Thread holder, String holderState, long latencyNanos) {
                revocations.add(new Revocation(holder.getName(), holderState, latencyNanos));
            }
        });
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
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             java.net.Socket client = new java.net.Socket(server.getInetAddress(), server.getLocalPort());
             java.net.Socket accepted = server.accept()) {
            CountDownLatch holding = new CountDownLatch(1);
            AtomicReference<GilThread.Totals> totals = new AtomicReference<>();
            Thread h = holder("native-reader", holding, () -> {
                try {
                    client.getInputStream().read(); // native, RUNNABLE to Java; no hook in unit tests
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }, totals);
            holding.await();
            Thread.sleep(20);
            long start = System.nanoTime();
            assertThat(waitFor()).as("the GIL taken while the holder still read").isFalse();
            long waited = System.nanoTime() - start;
            accepted.getOutputStream().write(1);
            h.join();
            assertThat(revocations).extracting(Revocation::why).containsExactly("NO_CPU_PROGRESS");
            assertThat(waited).as("waited, against a %d ms interval", interval / MS).isLessThan(interval / 4);
            assertThat(totals.get().releasedByKind()[GilReasons.KIND_IO]).as("booked as I/O").isPositive();
        }
    }
}
