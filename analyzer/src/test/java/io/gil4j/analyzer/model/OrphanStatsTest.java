package io.gil4j.analyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.analyzer.read.StatsSample;
import io.gil4j.analyzer.read.ThreadRef;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link OrphanStats}: final Stats samples that lost their thread (JFR writes a dead thread as null)
 * go back to the thread whose earlier sample and event totals they can continue, the cheapest first.
 */
class OrphanStatsTest {
    private static final long MS = 1_000_000L;

    private static StatsSample sample(long wallMs, long heldMs, long waitMs, long releasedMs, long acquisitions, long switches) {
        return new StatsSample(wallMs * MS, heldMs * MS, waitMs * MS, releasedMs * MS, 0, releasedMs * MS, 0, 0, 0, 0,
                acquisitions, switches, 0, 0, -1, -1);
    }

    private static ThreadAccumulator thread(long id, StatsSample last) {
        ThreadAccumulator a = new ThreadAccumulator(0, new ThreadRef(id, "t" + id), new SegmentSampler.Budget(1000, 100));
        if (last != null) a.stats(0, last);
        return a;
    }

    @Test
    void eachOrphanGoesToTheThreadItContinuesAtTheLeastGrowth() {
        ThreadAccumulator busy = thread(1, sample(100, 90, 5, 0, 10, 5));
        ThreadAccumulator idle = thread(2, sample(100, 10, 80, 5, 10, 5));
        StatsSample busyFinal = sample(200, 180, 10, 0, 20, 10);
        StatsSample idleFinal = sample(200, 20, 170, 5, 20, 10);
        List<ThreadAccumulator> anonymous = new ArrayList<>();
        OrphanStats.assign(List.of(new OrphanStats.Orphan(5, idleFinal), new OrphanStats.Orphan(5, busyFinal)),
                List.of(busy, idle), k -> {
                    ThreadAccumulator a = thread(-k, null);
                    anonymous.add(a);
                    return a;
                });
        assertThat(busy.lastStats).isSameAs(busyFinal);
        assertThat(idle.lastStats).isSameAs(idleFinal);
        assertThat(anonymous).isEmpty();
    }

    @Test
    void anOrphanThatNoThreadCanContinueBecomesItsOwnThread() {
        ThreadAccumulator t = thread(1, sample(100, 90, 5, 0, 10, 5));
        StatsSample smaller = sample(50, 40, 5, 0, 5, 2); // counters only grow: not t's later sample
        List<ThreadAccumulator> anonymous = new ArrayList<>();
        OrphanStats.assign(List.of(new OrphanStats.Orphan(5, smaller)), List.of(t), k -> {
            ThreadAccumulator a = thread(-k, null);
            anonymous.add(a);
            return a;
        });
        assertThat(t.lastStats.wallNanos()).isEqualTo(100 * MS);
        assertThat(anonymous).singleElement().satisfies(a -> assertThat(a.lastStats).isSameAs(smaller));
    }

    @Test
    void everyCounterMustGrowAndTheEventsMustFit() {
        ThreadAccumulator t = thread(1, sample(100, 50, 30, 10, 10, 5));
        assertThat(OrphanStats.cost(sample(200, 60, 40, 20, 20, 10), t)).isEqualTo(30 * MS);
        assertThat(OrphanStats.cost(sample(99, 60, 40, 20, 20, 10), t)).as("wall shrank").isEqualTo(-1);
        assertThat(OrphanStats.cost(sample(200, 49, 40, 20, 20, 10), t)).as("held shrank").isEqualTo(-1);
        assertThat(OrphanStats.cost(sample(200, 60, 29, 20, 20, 10), t)).as("wait shrank").isEqualTo(-1);
        assertThat(OrphanStats.cost(sample(200, 60, 40, 9, 20, 10), t)).as("released shrank").isEqualTo(-1);
        assertThat(OrphanStats.cost(sample(200, 60, 40, 20, 9, 10), t)).as("acquisitions shrank").isEqualTo(-1);
        assertThat(OrphanStats.cost(sample(200, 60, 40, 20, 20, 4), t)).as("switches shrank").isEqualTo(-1);
        assertThat(OrphanStats.cost(sample(100, 50, 30, 10, 10, 5), t)).as("the same sample again").isZero();

        // no Stats yet, only events: their (thresholded) totals are a lower bound, with a little slack
        ThreadAccumulator events = thread(2, null);
        events.holdNanos = 100 * MS;
        events.waitNanos = 50 * MS;
        events.releaseNanos = 20 * MS;
        assertThat(OrphanStats.cost(sample(300, 100, 50, 20, 1, 1), events)).isZero();
        assertThat(OrphanStats.cost(sample(300, 99, 50, 20, 1, 1), events)).as("within the slack").isEqualTo(MS);
        assertThat(OrphanStats.cost(sample(300, 96, 50, 20, 1, 1), events)).as("beyond 2 ms + 1%").isEqualTo(-1);
        assertThat(OrphanStats.cost(sample(300, 100, 46, 20, 1, 1), events)).isEqualTo(-1);
        assertThat(OrphanStats.cost(sample(300, 100, 50, 17, 1, 1), events)).isEqualTo(-1);
    }

    @Test
    void theUnknownThreadNeverTakesAnOrphan() {
        ThreadAccumulator unknown = new ThreadAccumulator(0, ThreadRef.UNKNOWN, new SegmentSampler.Budget(1000, 100));
        List<ThreadAccumulator> anonymous = new ArrayList<>();
        OrphanStats.assign(List.of(new OrphanStats.Orphan(5, sample(10, 5, 0, 0, 1, 1))), List.of(unknown), k -> {
            ThreadAccumulator a = thread(-k, null);
            anonymous.add(a);
            return a;
        });
        assertThat(unknown.lastStats).isNull();
        assertThat(anonymous).hasSize(1);
    }
}
