package io.gil4j.analyzer.rules;

import io.gil4j.analyzer.model.RunModel;

import java.util.Set;

/**
 * A finding about a run, in the style of JDK Mission Control's {@code flightrecorder.rules.jdk}: small,
 * stateless, evaluated on the finished {@link RunModel}. Implementations must be thread-safe (they hold
 * no state), must not throw on any model, and return {@link Severity#NOT_APPLICABLE} when the events
 * they need are unknown to the recording ({@link Rules#evaluate} also checks {@link #requiredEvents()}).
 */
public interface Rule {
    /** Stable identifier, kebab-case, used in JSON. */
    String id();

    /** Short human name. */
    String name();

    /** Event names without which the rule cannot say anything. */
    Set<String> requiredEvents();

    RuleResult evaluate(RunModel model);
}
