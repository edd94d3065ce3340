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
}
