package io.gil4j.analyzer.compare;

import io.gil4j.analyzer.model.ThreadClass;

/**
 * Throughput loss of the threads of one class (CPU-bound or I/O-bound), null loss when a side has no
 * such threads. {@code a} and {@code b} are the per-class throughput figures (ops/s, or 1/s of
 * instrumented time without Operation events: see {@link Comparisons}).
 */
public record ClassLoss(ThreadClass threadClass, int threadsA, int threadsB, double a, double b, Double loss,
                        String basis) {
}
