package io.gil4j.analyzer.rules;

import io.gil4j.analyzer.model.RunModel;
import io.gil4j.analyzer.model.Synth;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.gil4j.analyzer.model.Synth.MS;
import static org.assertj.core.api.Assertions.assertThat;

class RulesTest {
    @Test
    void idsAreUniqueAndEveryRuleAnswersOnAnEmptyishModel() {
        Set<String> ids = new HashSet<>();
        RunModel m = Synth.run().holds("a", "exit", 1, MS, 0).build();
        for (Rule rule : Rules.all()) {
            assertThat(ids.add(rule.id())).as(rule.id()).isTrue();
            assertThat(rule.requiredEvents()).allMatch(n -> n.startsWith("gil."));
            RuleResult r = Rules.evaluate(rule, m);
            assertThat(r.ruleId()).isEqualTo(rule.id());
            assertThat(r.message()).isNotBlank();
        }
    }

    @Test
    void missingEventTypesMakeRulesNotApplicable() {
        RunModel full = Synth.run().holds("a", "exit", 1, MS, 0).build();
        RunModel m = new RunModel(full.runs(), Set.of("gil.Hold"), full.config(), full.wallNanos(), full.total(),
                full.utilization(), full.meanWaiters(), full.acquisitions(), full.switches(), full.dropRequests(),
                full.revocations(), java.util.Map.of("gil.Hold", 1L), full.waits(), full.waitsByReason(), full.holds(),
                full.holdsByEndReason(), 0, 0, 0, full.releasesByKind(), full.operations(), full.operationsByMethod(),
                full.revocationsByHolderState(), full.revocationLatency(), List.of(), full.threads(), full.estimate(), 0, List.of());
        List<RuleResult> results = Rules.evaluate(m);
        assertThat(results).filteredOn(r -> r.ruleId().equals("convoy-effect")).first()
                .extracting(RuleResult::severity).isEqualTo(Severity.NOT_APPLICABLE);
        assertThat(results).filteredOn(r -> r.ruleId().equals("uninstrumented-hold")).first()
                .extracting(RuleResult::severity).isNotEqualTo(Severity.NOT_APPLICABLE);
        assertThat(Rules.worst(results)).isNotNull();
    }

    /** The ids and names reports show (text, JSON, HTML, JMC): renaming one is a change users see. */
    @Test
    void everyRuleHasTheIdAndNameReportsShow() {
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        for (Rule rule : Rules.all()) names.put(rule.id(), rule.name());
        assertThat(names).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "gil-saturation", "GIL saturation",
                "convoy-effect", "Convoy effect",
                "uninstrumented-hold", "Extension holds the GIL",
                "starvation", "Thread starvation",
                "hidden-blocking", "Revocations (hidden blocking)",
                "legacy-thrashing", "Legacy-mode thrashing"));
    }

    /** What each rule needs: without it the rule says NOT_APPLICABLE instead of a wrong OK. */
    @Test
    void everyRuleDeclaresTheEventsItReads() {
        java.util.Map<String, Set<String>> needs = new java.util.LinkedHashMap<>();
        for (Rule rule : Rules.all()) needs.put(rule.id(), rule.requiredEvents());
        assertThat(needs).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "gil-saturation", Set.of("gil.Stats"),
                "convoy-effect", Set.of("gil.Wait"),
                "uninstrumented-hold", Set.of("gil.Hold"),
                "starvation", Set.of("gil.Stats"),
                "hidden-blocking", Set.of("gil.Revoke"),
                "legacy-thrashing", Set.of("gil.Config", "gil.Stats")));
    }
}
