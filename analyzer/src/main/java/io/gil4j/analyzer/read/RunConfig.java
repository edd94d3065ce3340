package io.gil4j.analyzer.read;

/**
 * The agent's options as written in {@code gil.Config}. Durations are nanoseconds, -1 when unknown;
 * strings may be null; {@code monitorEvents} is null where the recording does not say (agents before
 * the JVMTI helper). {@link #DEFAULTS} describes a recording without a Config event, using the
 * agent's documented defaults (mode gil, 5 ms interval) and {@code present() == false}.
 */
public record RunConfig(boolean present, String mode, long intervalNanos, int checkInterval, String include,
                        String exclude, String release, String throughput, long waitThresholdNanos,
                        long holdThresholdNanos, long releaseThresholdNanos, long statsPeriodNanos, String options, String javaVersion,
                        int cores, String agentVersion, Boolean monitorEvents) {

    public static final long DEFAULT_INTERVAL_NANOS = 5_000_000L;
    public static final RunConfig DEFAULTS = new RunConfig(false, "gil", DEFAULT_INTERVAL_NANOS, 100, null, null,
            null, null, 0, 1_000_000L, 1_000_000L, 1_000_000_000L, null, null, 0, null, null);

    /** The switch interval to judge against: the recorded one when sane, else the default 5 ms. */
    public long effectiveIntervalNanos() {
        return intervalNanos > 0 ? intervalNanos : DEFAULT_INTERVAL_NANOS;
    }

    public long effectiveStatsPeriodNanos() {
        return statsPeriodNanos > 0 ? statsPeriodNanos : 1_000_000_000L;
    }

    public String effectiveMode() {
        return mode != null ? mode : "gil";
    }
}
