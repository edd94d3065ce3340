package io.gil4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A thread's bookkeeping: time charged to the phase being left, the open segment in a snapshot, the
 * wait-duration buckets, the totals' arithmetic and the saved releases of nested callbacks. Times are
 * synthetic (offsets from the state's own start), so every figure is exact.
 */
class GilThreadTest {

    /** A fresh thread's state, created on that thread (the state is per thread). */
    private static GilThread fresh() throws Exception {
        FutureTask<GilThread> task = new FutureTask<>((Callable<GilThread>) GilThread::current);
        Thread t = new Thread(task, "gil-thread-test");
        t.start();
        GilThread st = task.get(10, TimeUnit.SECONDS);
        return st;
    }

    @Test
    void eachPhaseIsChargedTheTimeUntilTheNextChangeAndASnapshotAddsTheOpenOne() throws Exception {
        GilThread st = fresh();
        long p0 = st.lastChangeNanos();
        assertThat(st.firstEntryNanos).isEqualTo(p0);
        assertThat(st.phase()).isEqualTo(GilThread.OUTSIDE);
        st.enter(GilThread.HELD, p0 + 100);
        st.enter(GilThread.WAITING, p0 + 350);
        st.enter(GilThread.HELD, p0 + 400);
        st.releaseKind = GilReasons.KIND_SLEEP;
        st.enter(GilThread.RELEASED, p0 + 1_000);
        st.enter(GilThread.OUTSIDE, p0 + 3_000);
        assertThat(st.lastChangeNanos()).isEqualTo(p0 + 3_000);

        GilThread.Totals t = st.snapshot(p0 + 3_050);
        assertThat(t.wall()).isEqualTo(3_050);
        assertThat(t.outside()).as("100 before the first take and the open 50").isEqualTo(150);
        assertThat(t.held()).isEqualTo(250 + 600);
        assertThat(t.waiting()).isEqualTo(50);
        assertThat(t.released()).isEqualTo(2_000);
        assertThat(t.releasedByKind()[GilReasons.KIND_SLEEP]).isEqualTo(2_000);
        assertThat(t.releasedByKind()[GilReasons.KIND_IO]).isZero();
        assertThat(t.held() + t.waiting() + t.released() + t.outside()).isEqualTo(t.wall());
    }

    @Test
    void anOpenReleaseCountsForItsKindInASnapshot() throws Exception {
        GilThread st = fresh();
        long p0 = st.lastChangeNanos();
        st.enter(GilThread.HELD, p0 + 10);
        st.releaseKind = GilReasons.KIND_LOCK;
        st.enter(GilThread.RELEASED, p0 + 20);
        GilThread.Totals t = st.snapshot(p0 + 120);
        assertThat(t.released()).isEqualTo(100);
        assertThat(t.releasedByKind()[GilReasons.KIND_LOCK]).isEqualTo(100);
        assertThat(t.releasedByKind()[GilReasons.KIND_IO]).isZero();
        assertThat(t.held()).isEqualTo(10);
        assertThat(t.outside()).isEqualTo(10);
        assertThat(st.snapshot(p0 + 5).released()).as("a clock behind the phase start adds nothing").isZero();
    }

    @Test
    void aHandedOverHolderIsOutsideFromTheHandOver() throws Exception {
        GilThread st = fresh();
        long p0 = st.lastChangeNanos();
        st.enter(GilThread.HELD, p0);
        st.handedOver = true;
        st.handedOverAtNanos = p0 + 300;
        GilThread.Totals t = st.snapshot(p0 + 1_000);
        assertThat(t.held()).isEqualTo(300);
        assertThat(t.outside()).isEqualTo(700);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "999, 0", "1000, 1", "1999, 1", "2000, 2", "3999, 2", "4000, 3", "1000000, 10",
            "9223372036854775807, 31", "-5, 0"})
    void waitsAreCountedInPowerOfTwoMicrosecondBuckets(long nanos, int bucket) throws Exception {
        GilThread st = fresh();
        st.recordWait(nanos);
        long[] b = st.waitBuckets();
        assertThat(b[bucket]).isEqualTo(1);
        assertThat(java.util.Arrays.stream(b).sum()).isEqualTo(1);
    }

    @Test
    void eachBucketsUpperLimitIsTheNextBucketsStart() {
        assertThat(GilThread.waitBucketLimitNanos(0)).isEqualTo(1_000);
        assertThat(GilThread.waitBucketLimitNanos(1)).isEqualTo(2_000);
        assertThat(GilThread.waitBucketLimitNanos(10)).isEqualTo(1_024_000);
        assertThat(GilThread.waitBucketLimitNanos(GilThread.WAIT_BUCKETS - 2)).isEqualTo((1L << 30) * 1000);
        assertThat(GilThread.waitBucketLimitNanos(GilThread.WAIT_BUCKETS - 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void totalsAddAndSubtractFieldByField() {
        long[] k1 = {1, 2, 3, 4, 5};
        long[] k2 = {10, 20, 30, 40, 50};
        GilThread.Totals a = new GilThread.Totals(100, 20, 30, 15, 35, k1, 7, 3, 2, 1, 9);
        GilThread.Totals b = new GilThread.Totals(1000, 200, 300, 150, 350, k2, 70, 30, 20, 10, 90);
        GilThread.Totals sum = a.plus(b);
        assertThat(sum).usingRecursiveComparison().isEqualTo(
                new GilThread.Totals(1100, 220, 330, 165, 385, new long[] {11, 22, 33, 44, 55}, 77, 33, 22, 11, 99));
        GilThread.Totals diff = b.minus(a);
        assertThat(diff).usingRecursiveComparison().isEqualTo(
                new GilThread.Totals(900, 180, 270, 135, 315, new long[] {9, 18, 27, 36, 45}, 63, 27, 18, 9, 81));
        assertThat(a.plus(GilThread.Totals.ZERO)).usingRecursiveComparison().isEqualTo(a);
    }

    @Test
    void nestedCallbacksSaveAndRestoreTheOpenReleaseBeyondTheInitialStack() throws Exception {
        GilThread st = fresh();
        int depth = 5; // more than the two slots the stack starts with
        for (int d = 0; d < depth; d++) {
            st.releaseStartNanos = 1000 + d;
            st.releaseKind = d % GilReasons.KIND_COUNT;
            st.releaseLazy = d % 2 == 0;
            st.releaseToken = "token" + d;
            st.releasePoint = "point" + d;
            st.pushRelease();
            assertThat(st.callbackDepth).isEqualTo(d + 1);
        }
        for (int d = depth - 1; d >= 0; d--) {
            st.releaseToken = null;
            st.popRelease();
            assertThat(st.callbackDepth).isEqualTo(d);
            assertThat(st.releaseStartNanos).isEqualTo(1000 + d);
            assertThat(st.releaseKind).isEqualTo(d % GilReasons.KIND_COUNT);
            assertThat(st.releaseLazy).isEqualTo(d % 2 == 0);
            assertThat(st.releaseToken).isEqualTo("token" + d);
            assertThat(st.releasePoint).isEqualTo("point" + d);
        }
    }

    @Test
    void aForgottenThreadsTotalsStayInTheSumAndItLeavesTheList() throws Exception {
        FutureTask<GilThread> task = new FutureTask<>((Callable<GilThread>) GilThread::current);
        new Thread(task, "gil-thread-forgotten").start();
        GilThread st = task.get(10, TimeUnit.SECONDS);
        st.acquisitions = 1234;
        long now = System.nanoTime();
        long before = GilThread.sum(now).acquisitions();
        GilThread.forget(st);
        assertThat(GilThread.sum(now).acquisitions()).as("kept as retired").isEqualTo(before);
        for (java.util.Iterator<GilThread> it = GilThread.all(); it.hasNext(); ) assertThat(it.next()).isNotSameAs(st);
        GilThread.forget(st); // twice: counted once
        assertThat(GilThread.sum(now).acquisitions()).isEqualTo(before);
    }
}
