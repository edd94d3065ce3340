package io.gil4j.analyzer.rules;

import io.gil4j.analyzer.model.RunModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The registry of rules and their evaluation. */
public final class Rules {
    private static final List<Rule> ALL = List.of(new GilSaturationRule(), new ConvoyEffectRule(),
            new UninstrumentedHoldRule(), new StarvationRule(), new HiddenBlockingRule(), new LegacyThrashingRule());

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    /** Evaluates every rule; a rule whose required events the model does not know is NOT_APPLICABLE. */
    public static List<RuleResult> evaluate(RunModel model) {
        List<RuleResult> out = new ArrayList<>();
        for (Rule rule : ALL) {
            out.add(evaluate(rule, model));
        }
        return List.copyOf(out);
    }

    public static RuleResult evaluate(Rule rule, RunModel model) {
        List<String> missing = rule.requiredEvents().stream().filter(e -> !model.knows(e)).sorted().toList();
        if (!missing.isEmpty()) {
            return RuleResult.notApplicable(rule, "the recording has no " + String.join(", ", missing) + " events");
        }
        try {
            return rule.evaluate(model);
        } catch (RuntimeException e) { // a rule bug must not cost the user the whole report
            return RuleResult.of(rule, Severity.INFO, "rule could not be evaluated: " + e, Map.of());
        }
    }

    /** The worst severity among results (OK when empty). */
    public static Severity worst(List<RuleResult> results) {
        return results.stream().map(RuleResult::severity).max(Enum::compareTo).orElse(Severity.OK);
    }
}
