package io.gil4j.analyzer.model;

import io.gil4j.analyzer.read.RunConfig;

import java.nio.file.Path;

/**
 * One recording (one run of the program). {@code wallNanos} = max(last gil event end - first gil event
 * start, largest gil.Stats wallNanos); times are epoch nanoseconds.
 */
public record RunInfo(Path file, long startNanos, long endNanos, long wallNanos, RunConfig config, long gilEvents) {
}
