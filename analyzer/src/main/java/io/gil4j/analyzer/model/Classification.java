package io.gil4j.analyzer.model;

/**
 * A thread's class and the numbers that decided it.
 *
 * @param demandHeldShare held / (held + released): the share of its own work that needs the GIL
 * @param heldWaitShare   (held + wait) / instrumented time, shown for context
 * @param releasedShare   released / instrumented time
 * @param reason          one sentence saying which threshold decided
 */
public record Classification(ThreadClass threadClass, double demandHeldShare, double heldWaitShare,
                             double releasedShare, String reason) {
}
