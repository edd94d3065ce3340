package io.gil4j.analyzer.read;

import java.util.List;

/**
 * The user-code part of a stack trace: frames formatted {@code class.method:line}, top first, with the
 * gil4j agent's own frames ({@code io.gil4j.*}) removed, at most {@link #MAX_FRAMES} frames. Immutable;
 * the hash is computed once because these are map keys on the per-event path.
 */
public final class StackKey {
    public static final int MAX_FRAMES = 8;
    public static final StackKey NONE = new StackKey(List.of());

    private final List<String> frames;
    private final int hash;

    public StackKey(List<String> frames) {
        this.frames = List.copyOf(frames);
        this.hash = this.frames.hashCode();
    }

    /** Top frame first; empty when the event had no stack trace. */
    public List<String> frames() {
        return frames;
    }

    public String topFrame() {
        return frames.isEmpty() ? "<no stack trace>" : frames.get(0);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof StackKey k && k.hash == hash && k.frames.equals(frames);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return String.join(" <- ", frames);
    }
}
