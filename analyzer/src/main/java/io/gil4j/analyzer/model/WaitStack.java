package io.gil4j.analyzer.model;

import java.util.List;

/**
 * A place where threads waited for the GIL: the user-code frames of gil.Wait stack traces (agent frames
 * removed, top first), how many waits and how long in total.
 */
public record WaitStack(List<String> frames, long waits, long totalWaitNanos) {
}
