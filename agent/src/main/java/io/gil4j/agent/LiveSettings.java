package io.gil4j.agent;

import io.gil4j.bootstrap.GilLock;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What may change in a running agent, and the one place that changes it: the mode (through
 * {@link GilLock#setMode}) and the switch interval. Used by JMX and by a later attach.
 *
 * <p>Assumptions and guarantees: one instance per JVM ({@link #current}), made when the agent starts;
 * every change is checked first (an {@link IllegalArgumentException} with the line the user sees, the
 * lock untouched), then applied, then announced: a {@code gil.Config} event marks the moment in any
 * recording, and the {@code io.gil4j.*} system properties, which an attaching client reads, follow.
 */
public final class LiveSettings {
    /** System properties an attaching client reads (they are the target's; the program sees them too). */
    public static final String MODE_PROPERTY = "io.gil4j.mode";
    public static final String INTERVAL_PROPERTY = "io.gil4j.interval";
    public static final String INCLUDE_PROPERTY = "io.gil4j.include";
    public static final String VERSION_PROPERTY = "io.gil4j.version";
    /** After an attach: the loaded classes still waiting for their running frames (comma-separated). */
    public static final String DEFERRED_PROPERTY = "io.gil4j.deferred";

    private static volatile LiveSettings current;

    private final GilLock lock;
    private final String include;
    private final Consumer<LiveSettings> announce;

    /** The agent makes one at start ({@link #install}); tests may make their own. */
    public LiveSettings(GilLock lock, String include, Consumer<LiveSettings> announce) {
        this.lock = lock;
        this.include = include;
        this.announce = announce;
    }

    /** The running agent's settings, or null before the agent started (or in a JVM without it). */
    public static LiveSettings current() {
        return current;
    }

    static void install(LiveSettings s, String version) {
        current = s;
        System.setProperty(VERSION_PROPERTY, version);
        System.setProperty(INCLUDE_PROPERTY, s.include);
        s.publish();
    }

    public String mode() {
        return lock.mode().name().toLowerCase(Locale.ROOT);
    }

    public long intervalNanos() {
        return lock.intervalNanos();
    }

    public String include() {
        return include;
    }

    /** gil, legacy or off (any case); anything else is refused with the accepted values. */
    public synchronized void setMode(String name) {
        setMode(AgentOptions.mode(name == null ? "" : name.trim()));
    }

    private void setMode(AgentOptions.Mode m) {
        GilLock.Mode core = AgentInstaller.coreMode(m);
        if (lock.mode() == core) return;
        lock.setMode(core);
        publish();
        announce.accept(this);
    }

    /** 1 us to 10 s. */
    public synchronized void setIntervalNanos(long nanos) {
        checkInterval(nanos);
        if (lock.intervalNanos() == nanos) return;
        lock.setIntervalNanos(nanos);
        publish();
        announce.accept(this);
    }

    private static void checkInterval(long nanos) {
        if (nanos < 1_000 || nanos > 10_000_000_000L) {
            throw new IllegalArgumentException("interval must be between 1us and 10s, got " + nanos + "ns");
        }
    }

    /** Applies what a later attach asked for; checks everything before changing anything. */
    synchronized void apply(AgentOptions.LiveChange change) {
        if (change.intervalNanos() != null) checkInterval(change.intervalNanos());
        if (change.intervalNanos() != null) setIntervalNanos(change.intervalNanos());
        if (change.mode() != null) setMode(change.mode());
    }

    private void publish() {
        System.setProperty(MODE_PROPERTY, mode());
        System.setProperty(INTERVAL_PROPERTY, lock.intervalNanos() + "ns");
    }
}
