package io.gil4j.analyzer;

import io.gil4j.analyzer.model.RunModel;
import io.gil4j.analyzer.rules.RuleResult;
import io.gil4j.analyzer.rules.Rules;
import io.gil4j.analyzer.rules.Severity;

import java.util.List;

/** The result of {@code report}: the model of the run(s) and the findings of every rule. */
public record AnalysisReport(RunModel model, List<RuleResult> findings) {
    public Severity worstSeverity() {
        return Rules.worst(findings);
    }

    public RuleResult finding(String ruleId) {
        return findings.stream().filter(f -> f.ruleId().equals(ruleId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rule " + ruleId));
    }
}
