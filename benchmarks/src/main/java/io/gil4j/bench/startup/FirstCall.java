package io.gil4j.bench.startup;

import java.time.Instant;

/**
 * Time to the first instrumented call: main's first statement calls {@link #first}, which (under the
 * agent) is the first instrumented method to run; it prints the wall-clock time since the launch
 * instant that startup.sh passes as epoch nanoseconds (taken just before it starts java). (The OS's
 * process start time, ProcessHandle.Info.startInstant, is no use here: on Linux it is derived from the
 * boot time in whole seconds.)
 *
 * <p>Usage: {@code FirstCall LAUNCH_EPOCH_NANOS [linger_ms]}; linger_ms keeps the JVM alive after the
 * print (the pre-flight uses it so that the agent's verbose notes, printed every 100 ms, come out).
 */
public final class FirstCall {
    private FirstCall() { }

    public static void main(String[] args) throws InterruptedException {
        first(Long.parseLong(args[0]));
        if (args.length > 1) Thread.sleep(Long.parseLong(args[1]));
    }

    static void first(long launchEpochNanos) {
        Instant now = Instant.now();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        System.out.printf("first_call_ms=%.1f%n", (nowNanos - launchEpochNanos) / 1e6);
    }
}
