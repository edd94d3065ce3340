package io.gil4j.agent.jmx;

import java.util.List;
import java.util.Map;

/**
 * The GIL as JConsole, VisualVM, JMC and JMX exporters see it: {@code io.gil4j:type=Gil} in the platform
 * MBean server. Counters are cumulative seconds and counts since start (or since
 * {@link #resetStatistics}), never ratios over a window of the bean's choosing, so a scraper at any
 * interval computes exact rates from two reads; the moving averages are for people looking at a console.
 */
public interface GilMXBean {
    /** gil, legacy or off. */
    String getMode();

    /**
     * Switches the GIL while the program runs: {@code off} lets every waiter go at once; {@code gil} or
     * {@code legacy} makes every thread in instrumented code take the GIL at its next checkpoint.
     */
    void setMode(String mode);

    /** The switch interval, in milliseconds. */
    double getIntervalMillis();

    /** Changes the switch interval of the running program (waiters use it from their next wait). */
    void setIntervalMillis(double millis);

    /** The include= patterns. */
    String getInclude();

    double getHeldSeconds();

    double getWaitingSeconds();

    double getReleasedSeconds();

    /** Released seconds per kind of blocking point (io, sleep, lock, wait, user). */
    Map<String, Double> getReleasedSecondsByKind();

    long getAcquisitions();

    long getSwitches();

    long getDropRequests();

    long getRevocations();

    /**
     * Times a waiter took the GIL from a thread that held it outside instrumented code for a frame that
     * ran before a later attach (sticky holders): switches, not stuck holders.
     */
    long getHandOvers();

    /** Threads waiting for the GIL now. */
    int getWaiters();

    /** Threads that have entered instrumented code (alive, and dead ones not yet written to a recording). */
    int getThreads();

    /** Share of time the GIL was held: exponentially weighted averages over 1, 5 and 15 minutes. */
    double getUtilization1m();

    double getUtilization5m();

    double getUtilization15m();

    /** Mean number of threads waiting for the GIL, averaged the same way. */
    double getMeanWaiters1m();

    double getMeanWaiters5m();

    double getMeanWaiters15m();

    /** Per thread: its cumulative totals and shares. */
    List<GilThreadStats> getThreadStats();

    /** Starts the cumulative counters over from now (the GIL itself is not touched). */
    void resetStatistics();
}
