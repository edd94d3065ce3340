package io.gil4j.agent.jmx;

/**
 * 1, 5 and 15-minute exponentially weighted moving averages of a value sampled at a fixed period, the
 * way Unix computes its load average: each sample moves an average by 1 - e^(-period / window) of the
 * distance to it. Not thread-safe: one sampler.
 */
final class MovingAverages {
    private final double a1;
    private final double a5;
    private final double a15;
    private volatile double m1;
    private volatile double m5;
    private volatile double m15;
    private boolean started;

    MovingAverages(int periodSeconds) {
        a1 = 1 - Math.exp(-periodSeconds / 60.0);
        a5 = 1 - Math.exp(-periodSeconds / 300.0);
        a15 = 1 - Math.exp(-periodSeconds / 900.0);
    }

    void add(double v) {
        if (!started) {
            m1 = m5 = m15 = v;
            started = true;
            return;
        }
        m1 += a1 * (v - m1);
        m5 += a5 * (v - m5);
        m15 += a15 * (v - m15);
    }

    double oneMinute() { return m1; }

    double fiveMinutes() { return m5; }

    double fifteenMinutes() { return m15; }
}
