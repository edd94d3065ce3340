package io.gil4j.analyzer.rules;

/** How bad a finding is, in increasing order (JMC's rule severities). */
public enum Severity {
    /** The events the rule needs are not in the recording. */
    NOT_APPLICABLE,
    OK,
    INFO,
    WARNING,
    CRITICAL
}
