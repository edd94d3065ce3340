package io.gil4j.analyzer.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentSamplerTest {
    @Test
    void staysWithinCapAndKeepsLongSegments() {
        SegmentSampler s = new SegmentSampler(new SegmentSampler.Budget(1_000_000, 1000));
        long t = 0;
        for (int i = 0; i < 100_000; i++) {
            long d = i % 100 == 0 ? 1_000_000 : 500; // a few long segments among many short ones
            s.add(t, d, i % 2 == 0 ? SegmentState.HELD : SegmentState.WAIT);
            t += d + 10;
        }
        Timeline tl = s.timeline();
        assertThat(tl.segments().size()).isLessThanOrEqualTo(1000);
        assertThat(tl.segments()).filteredOn(x -> x.duration() >= 1_000_000).hasSize(1000);
        assertThat(tl.droppedSegments()).isPositive();
        assertThat(tl.segments()).isSortedAccordingTo((a, b) -> Long.compare(a.start(), b.start()));
    }

    @Test
    void coalescesContinuingSegmentsOfTheSameState() {
        SegmentSampler s = new SegmentSampler(SegmentSampler.Budget.defaults());
        for (int i = 0; i < 10; i++) {
            s.add(i * 100L, 100, SegmentState.HELD);
        }
        assertThat(s.timeline().segments()).hasSize(1);
        assertThat(s.timeline().segments().get(0).duration()).isEqualTo(1000);
    }

    @Test
    void doesNotCoalesceAnotherStateAGapOrAnEarlierStart() {
        SegmentSampler s = new SegmentSampler(SegmentSampler.Budget.defaults());
        s.add(0, 100, SegmentState.HELD);
        s.add(100, 100, SegmentState.WAIT);    // another state
        s.add(201, 100, SegmentState.WAIT);    // a gap of 1 ns, resolution 0
        s.add(150, 10, SegmentState.WAIT);     // starts before the last one
        s.add(310, 10, SegmentState.WAIT);     // starts before the last one's end (301): coalesced into it
        assertThat(s.timeline().segments()).extracting(Segment::start, Segment::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0L, 100L), org.assertj.core.groups.Tuple.tuple(100L, 200L),
                org.assertj.core.groups.Tuple.tuple(150L, 160L), org.assertj.core.groups.Tuple.tuple(201L, 301L),
                org.assertj.core.groups.Tuple.tuple(310L, 320L));
        assertThat(s.timeline().droppedSegments()).isZero();
        assertThat(s.timeline().droppedBelowNanos()).isZero();
    }

    @Test
    void aCoalescedSegmentKeepsTheLaterEnd() {
        SegmentSampler s = new SegmentSampler(SegmentSampler.Budget.defaults());
        s.add(0, 1000, SegmentState.HELD);
        s.add(10, 5, SegmentState.HELD); // inside the first: the end stays 1000
        assertThat(s.timeline().segments()).extracting(Segment::end).containsExactly(1000L);
    }

    @Test
    void equallyLongSegmentsAreDecimatedNotAllDropped() {
        SegmentSampler s = new SegmentSampler(new SegmentSampler.Budget(1_000_000, 300));
        for (int i = 0; i < 301; i++) {
            s.add(i * 1000L, 500, i % 2 == 0 ? SegmentState.HELD : SegmentState.WAIT);
        }
        Timeline tl = s.timeline();
        // 300 segments fill the cap; the 301st halves them (every other one kept), then is added
        assertThat(tl.segments()).hasSize(151);
        assertThat(tl.droppedSegments()).isEqualTo(150);
        assertThat(tl.segments()).extracting(Segment::start).startsWith(0L, 2000L, 4000L).endsWith(298_000L, 300_000L);
        assertThat(tl.droppedBelowNanos()).isZero();
    }

    @Test
    void raisingTheResolutionDropsTheShortSegmentsAndCountsThem() {
        SegmentSampler s = new SegmentSampler(new SegmentSampler.Budget(1_000_000, 256));
        for (int i = 0; i < 256; i++) {
            long d = i % 4 == 0 ? 10_000 : 100; // 64 long, 192 short
            s.add(i * 20_000L, d, i % 2 == 0 ? SegmentState.HELD : SegmentState.WAIT);
        }
        s.add(256 * 20_000L, 10_000, SegmentState.HELD);
        Timeline tl = s.timeline();
        assertThat(tl.segments()).hasSize(65).allMatch(x -> x.duration() == 10_000);
        assertThat(tl.droppedSegments()).isEqualTo(192);
        assertThat(tl.droppedBelowNanos()).isEqualTo(1_000); // the first step above 0 is 1 us
        s.add(300 * 20_000L, 999, SegmentState.WAIT);   // shorter than the resolution now: dropped at once
        s.add(301 * 20_000L, 1_000, SegmentState.WAIT); // as long as it: kept
        assertThat(s.timeline().segments()).hasSize(66);
        assertThat(s.timeline().droppedSegments()).isEqualTo(193);
    }

    @Test
    void threadsShareTheTotalBudgetButEachKeepsAtLeast256() {
        SegmentSampler.Budget budget = new SegmentSampler.Budget(1_000, 20_000);
        SegmentSampler first = new SegmentSampler(budget);
        assertThat(budget.perThreadCap()).isEqualTo(1_000);
        for (int i = 0; i < 3; i++) new SegmentSampler(budget);
        assertThat(budget.perThreadCap()).isEqualTo(256); // 1000 / 4 = 250, raised to the floor
        assertThat(new SegmentSampler.Budget(1_000_000, 20_000).perThreadCap()).isEqualTo(20_000);
        for (int i = 0; i < 1_000; i++) first.add(i * 1000L, 500, SegmentState.HELD);
        assertThat(first.timeline().segments().size()).isLessThanOrEqualTo(256);
    }
}
