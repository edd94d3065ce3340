package io.gil4j.analyzer.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule's verdict: severity, a one-paragraph message for people, and the numbers behind it (insertion
 * ordered; values are Numbers or Strings) for machines.
 */
public record RuleResult(String ruleId, String ruleName, Severity severity, String message,
                         Map<String, Object> numbers) {

    public RuleResult {
        numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
    }

    public static RuleResult of(Rule rule, Severity severity, String message, Map<String, Object> numbers) {
        return new RuleResult(rule.id(), rule.name(), severity, message, numbers);
    }

    public static RuleResult notApplicable(Rule rule, String why) {
        return new RuleResult(rule.id(), rule.name(), Severity.NOT_APPLICABLE, why, Map.of());
    }
}
