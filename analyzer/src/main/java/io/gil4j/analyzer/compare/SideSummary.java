package io.gil4j.analyzer.compare;

import io.gil4j.analyzer.model.Distribution;

import java.nio.file.Path;
import java.util.List;

/**
 * One side of an A/B comparison.
 *
 * @param throughput      operations per second (basis "operations") or runs per second (basis "wall-time")
 * @param latency         gil.Operation durations (empty without Operation events)
 */
public record SideSummary(List<Path> files, String mode, long wallNanos, long operations, double throughput,
                          String throughputBasis, Distribution latency) {
}
