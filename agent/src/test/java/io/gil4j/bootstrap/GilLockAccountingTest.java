package io.gil4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the lock counts and tells its listener on one thread, where nothing races: takes and switches,
 * releases around blocking calls by kind, drop requests (and none inside a class initializer), mode
 * {@code off}'s entries and its table of threads inside, the arguments it refuses, and what forgetting a thread clears.
 * Each case runs on a fresh thread, so that its {@link GilThread} starts from zero.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GilLockAccountingTest {
    private static final long MS = 1_000_000L;

    private final RecordingListener recorder = new RecordingListener();

    private GilLock install(GilLock.Mode mode) {
        GilLock l = new GilLock(mode, 5 * MS, 100);
        l.setListener(recorder);
        Gil.install(l);
        return l;
    }

    @AfterEach
    void uninstall() {
        Gil.install(new GilLock(GilLock.Mode.DISABLED, 5 * MS, 100));
    }

    private static GilThread.Totals totals() {
        GilThread st = GilThread.peek();
        return st.snapshot(System.nanoTime());
    }

    @Test
    void theSmallestIntervalAndCheckIntervalAreAcceptedAndZeroIsRefused() {
        assertThat(new GilLock(GilLock.Mode.GIL, 1, 1).intervalNanos()).isEqualTo(1);
        assertThatThrownBy(() -> new GilLock(GilLock.Mode.GIL, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GilLock(GilLock.Mode.GIL, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        GilLock l = new GilLock(GilLock.Mode.GIL, 5 * MS, 100);
        l.setIntervalNanos(1);
        assertThat(l.intervalNanos()).isEqualTo(1);
        assertThatThrownBy(() -> l.setIntervalNanos(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(l.intervalNanos()).as("a refused interval leaves the old one").isEqualTo(1);
    }

    @Test
    void anOutermostFrameTakesAndGivesBackAndOnlyTheFirstTakeIsASwitch() throws Exception {
        GilLock l = install(GilLock.Mode.GIL);
        long switchesBefore = l.switchNumber();
        GilThread.Totals t = FreshThread.call(() -> {
            for (int i = 0; i < 3; i++) {
                boolean took = Gil.enter();
                assertThat(took).as("outermost entry %d takes the GIL", i).isTrue();
                assertThat(l.owner()).isSameAs(Thread.currentThread());
                boolean nested = Gil.enter();
                assertThat(nested).as("a nested frame does not take it again").isFalse();
                Gil.exit(nested);
                assertThat(l.owner()).as("a nested exit keeps it").isSameAs(Thread.currentThread());
                Gil.exit(took);
                assertThat(l.owner()).as("the outermost exit gives it back").isNull();
            }
            return totals();
        });
        assertThat(t.acquisitions()).isEqualTo(3);
        assertThat(t.switches()).as("the same thread taking it again is no switch").isEqualTo(1);
        assertThat(l.switchNumber() - switchesBefore).isEqualTo(1);
        assertThat(recorder.calls).containsExactly("holdBegin", "holdEnd exit", "holdBegin", "holdEnd exit", "holdBegin", "holdEnd exit");
    }

    @Test
    void aBlockingCallReleasesAndTakesBackAndCountsItsTimeByKind() throws Exception {
        GilLock l = install(GilLock.Mode.GIL);
        GilThread.Totals t = FreshThread.call(() -> {
            boolean took = Gil.enter();
            boolean released = Gil.beginBlocking("test.sleep", GilReasons.KIND_SLEEP);
            assertThat(released).isTrue();
            assertThat(l.owner()).as("released during the call").isNull();
            Thread.sleep(20);
            Gil.endBlocking(released);
            assertThat(l.owner()).as("taken back after it").isSameAs(Thread.currentThread());
            Gil.exit(took);
            // Outside instrumented code there is nothing to release.
            boolean outside = Gil.beginBlocking("test.sleep", GilReasons.KIND_SLEEP);
            Gil.endBlocking(outside);
            assertThat(outside).isFalse();
            return totals();
        });
        assertThat(t.releases()).isEqualTo(1);
        assertThat(t.acquisitions()).as("the entry and the take after the call").isEqualTo(2);
        assertThat(t.releasedByKind()[GilReasons.KIND_SLEEP]).as("released time booked as sleep").isGreaterThanOrEqualTo(15 * MS);
        assertThat(t.releasedByKind()[GilReasons.KIND_IO]).isZero();
        assertThat(t.released()).isEqualTo(t.releasedByKind()[GilReasons.KIND_SLEEP]);
        assertThat(recorder.calls).containsExactly("holdBegin", "holdEnd blocking", "releaseBegin",
                "releaseEnd token test.sleep sleep", "holdBegin", "holdEnd exit");
    }

    @Test
    void aDropRequestIsAnsweredAtACheckpointButNotInsideAClassInitializer() throws Exception {
        GilLock l = install(GilLock.Mode.GIL);
        long[] drops = FreshThread.call(() -> {
            boolean took = Gil.enter();
            boolean clinit = Gil.enterClinit();
            assertThat(clinit).as("already held: the initializer's frame takes nothing").isFalse();
            l.breaker |= GilLock.DROP; // what a waiter whose clock ran out does
            Gil.checkpoint();
            long insideClinit = GilThread.peek().dropRequests;
            assertThat(l.breaker & GilLock.DROP).as("the request still stands").isNotZero();
            Gil.exitClinit(clinit);
            Gil.checkpoint();
            long after = GilThread.peek().dropRequests;
            assertThat(l.owner()).as("nobody waited: it took the GIL straight back").isSameAs(Thread.currentThread());
            assertThat(l.breaker & GilLock.DROP).as("the request was cleared").isZero();
            Gil.exit(took);
            return new long[] {insideClinit, after};
        });
        assertThat(drops[0]).as("drops answered inside the initializer").isZero();
        assertThat(drops[1]).as("drops answered after it").isEqualTo(1);
        assertThat(recorder.calls).contains("holdEnd drop-request");
    }

    @Test
    void unbalancedClassInitializerExitsDoNotGoNegative() throws Exception {
        install(GilLock.Mode.GIL);
        int depth = FreshThread.call(() -> {
            boolean took = Gil.enter();
            Gil.lock().exitClinit(); // no matching entry
            Gil.lock().enterClinit();
            int d = GilThread.peek().clinitDepth;
            Gil.lock().exitClinit();
            Gil.exit(took);
            return d;
        });
        assertThat(depth).isEqualTo(1);
    }

    @Test
    void modeOffCountsEntriesFromOutsideAndTakesNothing() throws Exception {
        GilLock l = install(GilLock.Mode.OFF);
        GilThread.Totals t = FreshThread.call(() -> {
            for (int i = 0; i < 3; i++) {
                boolean took = Gil.enter();
                // No thread is named in OFF: one that was (a hint) made the JIT's profile of the entry
                // test flip whenever the hint passed to another thread, and recompile slower code.
                assertThat(l.owner()).as("nobody owns anything in OFF").isNull();
                assertThat(l.runsInside(Thread.currentThread())).as("inside: in the OFF table").isTrue();
                if (i == 0) {
                    boolean released = Gil.beginBlocking("test.io", GilReasons.KIND_IO);
                    Gil.endBlocking(released);
                }
                Gil.exit(took);
                assertThat(l.owner()).isNull();
            }
            return totals();
        });
        assertThat(t.acquisitions()).as("off counts entries from outside only (the predictor adds releases)").isEqualTo(3);
        assertThat(t.releases()).isEqualTo(1);
        assertThat(recorder.calls).as("no hold events in off").doesNotContain("holdBegin");
    }

    @Test
    void modeOffServesTheNestedEntriesOfEveryThread() throws Exception {
        GilLock l = install(GilLock.Mode.OFF);
        java.util.concurrent.CountDownLatch hintInside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch otherDone = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.FutureTask<Boolean> hint = new java.util.concurrent.FutureTask<>(() -> {
            boolean took = Gil.enter();
            hintInside.countDown();
            otherDone.await(10, TimeUnit.SECONDS);
            Gil.exit(took);
            return took;
        });
        new Thread(hint, "off-hint").start();
        assertThat(hintInside.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            GilThread.Totals t = FreshThread.call(() -> {
                Thread me = Thread.currentThread();
                assertThat(OffThreads.holds(me)).as("not yet inside").isFalse();
                boolean took = Gil.enter();
                assertThat(l.owner()).as("nobody owns anything in OFF").isNull();
                assertThat(OffThreads.holds(me)).as("inside: in its slot").isTrue();
                for (int i = 0; i < 3; i++) {
                    assertThat(Gil.enter()).as("a nested entry takes nothing").isFalse();
                    assertThat(Gil.enterLeaf()).isFalse();
                }
                boolean released = Gil.beginBlocking("test.io", GilReasons.KIND_IO);
                assertThat(OffThreads.holds(me)).as("released around a blocking call: out of its slot").isFalse();
                boolean callback = Gil.enter();
                assertThat(callback).as("a callback from inside the blocking call enters from outside").isTrue();
                assertThat(OffThreads.holds(me)).isTrue();
                Gil.exit(callback);
                assertThat(OffThreads.holds(me)).as("back in the blocking call").isFalse();
                Gil.endBlocking(released);
                Gil.exit(took);
                assertThat(OffThreads.holds(me)).as("outside again").isFalse();
                return totals();
            });
            assertThat(t.acquisitions()).as("the first entry and the callback's, not the nested ones").isEqualTo(2);
            assertThat(t.releases()).isEqualTo(1);
        } finally {
            otherDone.countDown();
        }
        assertThat(hint.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void switchingFromOffEmptiesTheOffTableSoThatNestedEntriesRejoin() throws Exception {
        GilLock l = install(GilLock.Mode.OFF);
        boolean[] seen = FreshThread.call(() -> {
            Thread me = Thread.currentThread();
            boolean took = Gil.enter();
            boolean[] r = new boolean[6];
            r[0] = OffThreads.holds(me);
            r[1] = l.runsInside(me); // Gil.needsNothing's test, on the installed lock
            l.setMode(GilLock.Mode.GIL);
            r[2] = OffThreads.holds(me);
            r[3] = l.runsInside(me);
            Gil.enterLeafOutside(); // the nested leaf's slow way: the rejoin takes the GIL
            r[4] = l.owner() == me;
            r[5] = OffThreads.enter(me, l);
            Gil.exit(took);
            return r;
        });
        assertThat(seen[0]).as("inside in OFF: in the table").isTrue();
        assertThat(seen[1]).as("a nested entry in OFF needs nothing").isTrue();
        assertThat(seen[2]).as("the switch to GIL emptied the table").isFalse();
        assertThat(seen[3]).as("after the switch a nested entry is not free any more").isFalse();
        assertThat(seen[4]).as("it rejoined: it holds the GIL").isTrue();
        assertThat(seen[5]).as("no thread enters the table outside OFF").isFalse();
        assertThat(l.owner()).isNull();
    }

    @Test
    void aThreadThatDiedInsideLeavesItsOffSlotWhenForgotten() throws Exception {
        GilLock l = install(GilLock.Mode.OFF);
        Thread[] self = new Thread[1];
        GilThread st = FreshThread.call(() -> {
            self[0] = Thread.currentThread();
            Gil.enter(); // and never exits
            return GilThread.peek();
        });
        assertThat(OffThreads.holds(self[0])).isTrue();
        l.forget(st);
        assertThat(OffThreads.holds(self[0])).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = GilLock.Mode.class, names = {"GIL", "LEGACY"})
    void forgettingAThreadClearsItsMarksFromTheBreaker(GilLock.Mode mode) throws Exception {
        GilLock l = install(mode);
        int before = l.breaker;
        GilThread st = FreshThread.call(() -> {
            boolean took = Gil.enter();
            Gil.exit(took);
            return GilThread.peek();
        });
        st.revoked = true;
        l.breaker += GilLock.REVOKED_UNIT;
        st.rejoin = true;
        l.breaker += GilLock.REVOKED_UNIT;
        l.forget(st);
        assertThat(l.breaker).as("both marks left the breaker").isEqualTo(before);
        assertThat(st.revoked).isFalse();
        assertThat(st.rejoin).isFalse();
        for (java.util.Iterator<GilThread> it = GilThread.all(); it.hasNext(); ) {
            assertThat(it.next()).as("forgotten").isNotSameAs(st);
        }
    }

    /** What the safety net does to a holder stuck where no hook saw it: takes the GIL and marks it. */
    private static void revokeByHand(GilLock l, GilThread st, int kind) {
        st.revokedAtNanos = System.nanoTime();
        st.revokedKind = kind;
        st.revoked = true;
        l.breaker += GilLock.REVOKED_UNIT;
        l.owner = null;
    }

    /** What a switch from off leaves: a thread that ran instrumented code without the GIL, marked. */
    private static void markToRejoin(GilLock l, GilThread st) {
        l.owner = null;
        st.rejoin = true;
        l.breaker += GilLock.REVOKED_UNIT;
    }

    @Test
    void aCallbackFromInsideABlockingCallHoldsTheGilForTheCallbackOnly() throws Exception {
        GilLock l = install(GilLock.Mode.GIL);
        GilThread.Totals t = FreshThread.call(() -> {
            boolean took = Gil.enter();
            boolean released = Gil.beginBlocking("test.select", GilReasons.KIND_IO);
            boolean callback = Gil.enter(); // the blocking call calls back into instrumented code
            assertThat(callback).as("the callback's frame takes the GIL").isTrue();
            assertThat(l.owner()).isSameAs(Thread.currentThread());
            assertThat(GilThread.peek().callbackDepth).isEqualTo(1);
            Gil.exit(callback);
            assertThat(l.owner()).as("given back when the callback returns").isNull();
            assertThat(GilThread.peek().phase()).as("back in the blocking call's release").isEqualTo(GilThread.RELEASED);
            assertThat(GilThread.peek().callbackDepth).isZero();
            Gil.endBlocking(released);
            assertThat(l.owner()).isSameAs(Thread.currentThread());
            Gil.exit(took);
            return totals();
        });
        assertThat(t.acquisitions()).as("entry, callback, return from the call").isEqualTo(3);
        assertThat(t.releases()).isEqualTo(1);
    }

    @Test
    void aDisabledLockTakesNothingAndKeepsNoStateForTheThread() throws Exception {
        GilLock l = install(GilLock.Mode.DISABLED);
        boolean[] seen = FreshThread.call(() -> {
            boolean took = Gil.enter();
            boolean released = Gil.beginBlocking("test.io", GilReasons.KIND_IO);
            Gil.endBlocking(released);
            Gil.exit(took);
            return new boolean[] {took, released, GilThread.peek() != null, l.owner() != null};
        });
        assertThat(seen).containsExactly(false, false, false, false);
        assertThat(recorder.calls).isEmpty();
    }

    @Test
    void aDropRequestPendingWhenTheGilIsTakenIsClearedByTheTake() throws Exception {
        GilLock l = install(GilLock.Mode.GIL);
        l.breaker |= GilLock.DROP; // left by a waiter whose holder has just gone
        int after = FreshThread.call(() -> {
            boolean took = Gil.enter();
            int b = l.breaker;
            Gil.exit(took);
            return b;
        });
        assertThat(after & GilLock.DROP).isZero();
    }

    @Test
    void aRevokedHolderNoticesAtItsNextFrameAndTakesTheGilBack() throws Exception {
        GilLock l = install(GilLock.Mode.GIL);
        int before = l.breaker;
        GilThread.Totals t = FreshThread.call(() -> {
            boolean took = Gil.enter();
            GilThread st = GilThread.peek();
            revokeByHand(l, st, GilReasons.KIND_LOCK);
            boolean nested = Gil.enter();
            assertThat(nested).as("a nested frame still takes nothing of its own").isFalse();
            assertThat(l.owner()).as("taken back").isSameAs(Thread.currentThread());
            assertThat(st.revoked).isFalse();
            Gil.exit(nested);
            Gil.exit(took);
            return totals();
        });
        assertThat(l.breaker).as("the mark left the breaker").isEqualTo(before);
        assertThat(t.releases()).as("the revoked stretch counts as a release").isEqualTo(1);
        assertThat(t.acquisitions()).isEqualTo(2);
        assertThat(recorder.calls).as("the hold ends as revoked; the uncontended take back waits for nothing")
                .containsExactly("holdBegin", "holdEnd revoked", "holdBegin", "holdEnd exit");
    }

    @Test
    void aRevokedHolderThatLeavesInstrumentedCodeDoesNotTakeItBack() throws Exception {
        GilLock l = install(GilLock.Mode.GIL);
        int before = l.breaker;
        GilThread.Totals t = FreshThread.call(() -> {
            boolean took = Gil.enter();
            revokeByHand(l, GilThread.peek(), GilReasons.KIND_LOCK);
            Gil.exit(took);
            assertThat(l.owner()).isNull();
            assertThat(GilThread.peek().revoked).isFalse();
            return totals();
        });
        assertThat(l.breaker).isEqualTo(before);
        assertThat(t.releases()).isEqualTo(1);
        assertThat(t.acquisitions()).isEqualTo(1);
    }

    @Test
    void aRevokedHolderThatBlocksReleasesThereAndTakesTheGilAfterTheCall() throws Exception {
        GilLock l = install(GilLock.Mode.GIL);
        int before = l.breaker;
        GilThread.Totals t = FreshThread.call(() -> {
            boolean took = Gil.enter();
            GilThread st = GilThread.peek();
            revokeByHand(l, st, GilReasons.KIND_LOCK);
            boolean released = Gil.beginBlocking("test.io", GilReasons.KIND_IO);
            assertThat(released).as("the blocking call opens a release for the revoked stretch and the call").isTrue();
            assertThat(st.revoked).isFalse();
            assertThat(st.phase()).isEqualTo(GilThread.RELEASED);
            Gil.endBlocking(released);
            assertThat(l.owner()).isSameAs(Thread.currentThread());
            Gil.exit(took);
            return totals();
        });
        assertThat(l.breaker).isEqualTo(before);
        assertThat(t.releases()).as("the revocation and the call").isEqualTo(2);
    }

    @Test
    void aThreadMarkedToRejoinTakesTheGilAtItsNextFrameOrAfterItsNextBlockingCall() throws Exception {
        GilLock l = install(GilLock.Mode.GIL);
        int before = l.breaker;
        FreshThread.call(() -> {
            boolean took = Gil.enter();
            GilThread st = GilThread.peek();
            markToRejoin(l, st);
            boolean nested = Gil.enter();
            assertThat(l.owner()).as("rejoined at the next frame").isSameAs(Thread.currentThread());
            assertThat(st.rejoin).isFalse();
            Gil.exit(nested);

            markToRejoin(l, st);
            boolean released = Gil.beginBlocking("test.io", GilReasons.KIND_IO);
            assertThat(released).isTrue();
            assertThat(st.rejoin).isFalse();
            Gil.endBlocking(released);
            assertThat(l.owner()).as("rejoined after the call").isSameAs(Thread.currentThread());
            Gil.exit(took);
            return null;
        });
        assertThat(l.breaker).isEqualTo(before);
    }

    @Test
    void aHolderInsideTheLockItselfDoesNotReleaseForTheLocksOwnBlocking() throws Exception {
        GilLock l = install(GilLock.Mode.GIL);
        FreshThread.call(() -> {
            boolean took = Gil.enter();
            GilThread st = GilThread.peek();
            st.inCore = true; // as while it signals a waiter under the lock's mutex
            boolean released = Gil.beginBlocking("java.util.concurrent.locks.LockSupport.park", GilReasons.KIND_LOCK);
            st.inCore = false;
            assertThat(released).isFalse();
            assertThat(l.owner()).isSameAs(Thread.currentThread());
            Gil.exit(took);
            return null;
        });
    }

    /** A {@code throughput=} method's begin and end reach the listener with its token; no token, no end. */
    @Test
    void operationsReachTheListenerWithTheirToken() {
        List<String> ends = new java.util.concurrent.CopyOnWriteArrayList<>();
        GilLock l = new GilLock(GilLock.Mode.GIL, 5 * MS, 100);
        l.setListener(new RecordingListener() {
            @Override public Object operationBegin() { return "op-token"; }
            @Override public void operationEnd(Object token, String method) { ends.add(token + " " + method); }
        });
        Gil.install(l);
        Object token = Gil.operationBegin();
        assertThat(token).isEqualTo("op-token");
        Gil.operationEnd(token, "com.example.Service.handle");
        Gil.operationEnd(null, "com.example.Service.notRecorded");
        assertThat(ends).containsExactly("op-token com.example.Service.handle");
        assertThat(l.toString()).startsWith("GilLock[GIL, interval=5000us, owner=null, waiters=0");
    }

    /**
     * Legacy mode (Python 2's check interval): a holder gives the GIL up every {@code checkInterval}
     * checkpoints exactly, whenever another thread waits; every hold it ends that way counts a whole
     * number of check intervals (more than one only where nobody waited at a tick).
     */
    @Test
    void legacyHoldsEndEveryCheckIntervalCheckpoints() throws Exception {
        List<Long> dropHolds = new java.util.concurrent.CopyOnWriteArrayList<>();
        GilLock l = new GilLock(GilLock.Mode.LEGACY, 5 * MS, 10);
        l.setListener(new RecordingListener() {
            @Override public void holdEnd(GilThread thread, int endReason, long checkpoints) {
                if (endReason == GilReasons.END_DROP_REQUEST) dropHolds.add(checkpoints);
            }
        });
        Gil.install(l);
        java.util.concurrent.CyclicBarrier both = new java.util.concurrent.CyclicBarrier(2);
        Runnable body = () -> {
            try {
                both.await();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            boolean took = Gil.enter();
            try {
                long x = 1;
                // By time, not count: both threads must still be at it when the other waits.
                long until = System.nanoTime() + 300 * MS;
                while (System.nanoTime() < until) {
                    for (int k = 0; k < 200; k++) x = x * 6364136223846793005L + 1;
                    Gil.checkpoint();
                }
                if (x == 42) System.out.println(x);
            } finally {
                Gil.exit(took);
            }
        };
        Thread a = new Thread(body, "legacy-a");
        Thread b = new Thread(body, "legacy-b");
        a.start();
        b.start();
        a.join();
        b.join();
        assertThat(dropHolds).as("holds ended at a tick").isNotEmpty();
        assertThat(dropHolds).allSatisfy(n -> assertThat(n % 10).as("checkpoints in a hold: %d", n).isZero());
        assertThat(dropHolds).allSatisfy(n -> assertThat(n).isPositive());
    }
}
