package io.gil4j.analyzer.model;

import io.gil4j.analyzer.GilEventNames;
import io.gil4j.analyzer.read.RunConfig;
import io.gil4j.analyzer.read.StackKey;
import io.gil4j.analyzer.read.StatsSample;
import io.gil4j.analyzer.read.ThreadRef;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds exact synthetic {@link RunModel}s by feeding {@link ModelBuilder} directly (no JFR, exact
 * times), for rule and math unit tests. Time starts at T0; all durations in nanoseconds.
 */
public final class Synth {
    public static final long MS = 1_000_000L;
    public static final long T0 = 1_700_000_000_000_000_000L;

    private final ModelBuilder b = new ModelBuilder();
    private final Map<String, ThreadRef> threads = new HashMap<>();

    private Synth() {
        b.beginRun(Path.of("synthetic.jfr"));
        b.declaredEventTypes(Set.copyOf(GilEventNames.ALL));
    }

    public static Synth run() {
        return new Synth();
    }


    private ThreadRef t(String name) {
        return threads.computeIfAbsent(name, n -> new ThreadRef(threads.size() + 1, n));
    }

    public Synth config(String mode, long interval) {
        b.configEvent(T0, new RunConfig(true, mode, interval, 100, null, null, null, null, 0, 0, 0, 1000 * MS, null,
                null, 2, "test", null));
        return this;
    }

    /** Final Stats of a thread at T0 + wall (outside = the rest). */
    public Synth stats(String thread, long wall, long held, long wait, long released) {
        return stats(thread, wall, held, wait, released, 0, 0);
    }

    public Synth stats(String thread, long wall, long held, long wait, long released, long switches, long acquisitions) {
        b.statsEvent(T0 + wall, t(thread), new StatsSample(wall, held, wait, released, wall - held - wait - released,
                released, 0, 0, 0, 0, acquisitions, switches, 0, 0, released > 0 ? acquisitions : 0, -1));
        return this;
    }

    /** A Stats sample at an arbitrary time (for series). */
    public Synth statsAt(String thread, long time, long wall, long held) {
        b.statsEvent(T0 + time, t(thread), new StatsSample(wall, held, 0, 0, wall - held, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1));
        return this;
    }

    public Synth waits(String thread, String reason, int count, long each) {
        for (int i = 0; i < count; i++) {
            b.waitEvent(t(thread), T0 + i * each, each, reason, 1, new StackKey(List.of("com.example.A.f:1")));
        }
        return this;
    }

    public Synth holds(String thread, String endReason, int count, long each, long checkpoints) {
        for (int i = 0; i < count; i++) {
            b.holdEvent(t(thread), T0 + i * each, each, endReason, checkpoints);
        }
        return this;
    }

    /** One revocation per latency; a negative latency is a recording without the field. */
    public Synth revokesWithLatency(String holder, String state, long... latencyNanos) {
        for (int i = 0; i < latencyNanos.length; i++) {
            b.revokeEvent(t("waiter"), T0 + i, t(holder), state, latencyNanos[i]);
        }
        return this;
    }

    public Synth revokes(String holder, String state, int count) {
        for (int i = 0; i < count; i++) {
            b.revokeEvent(t("waiter"), T0 + i, t(holder), state, 300_000L);
        }
        return this;
    }

    public Synth operations(String thread, int count) {
        for (int i = 0; i < count; i++) {
            b.operationEvent(t(thread), T0 + i, 1000, "com.example.Op.run");
        }
        return this;
    }

    public RunModel build() {
        b.endRun();
        return b.build();
    }
}
