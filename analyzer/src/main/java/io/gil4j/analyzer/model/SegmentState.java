package io.gil4j.analyzer.model;

import io.gil4j.analyzer.GilEventNames.ReleaseKinds;

/** What a thread was doing during a timeline segment. */
public enum SegmentState {
    HELD("held"), WAIT("waiting"), RELEASED_IO("released: io"), RELEASED_SLEEP("released: sleep"),
    RELEASED_LOCK("released: lock"), RELEASED_WAIT("released: wait"), RELEASED_USER("released: user"),
    RELEASED_OTHER("released: other");

    private final String label;

    SegmentState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean released() {
        return ordinal() >= RELEASED_IO.ordinal();
    }

    /** Maps a {@code gil.Release.kind} to a state; unknown kinds become {@link #RELEASED_OTHER}. */
    public static SegmentState ofReleaseKind(String kind) {
        if (kind == null) {
            return RELEASED_OTHER;
        }
        return switch (kind) {
            case ReleaseKinds.IO -> RELEASED_IO;
            case ReleaseKinds.SLEEP -> RELEASED_SLEEP;
            case ReleaseKinds.LOCK -> RELEASED_LOCK;
            case ReleaseKinds.WAIT -> RELEASED_WAIT;
            case ReleaseKinds.USER -> RELEASED_USER;
            default -> RELEASED_OTHER;
        };
    }
}
