package io.gil4j.jmc;

import io.gil4j.analyzer.model.ModelBuilder;
import io.gil4j.analyzer.model.RunModel;
import io.gil4j.analyzer.rules.Rule;
import io.gil4j.analyzer.rules.RuleResult;
import io.gil4j.analyzer.rules.Rules;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableFuture;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IResultValueProvider;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.ResultBuilder;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit.EventAvailability;

/**
 * One of the analyzer's rules ({@link Rules}) as a JMC rule: the recording JMC parsed is fed to the
 * analyzer's model ({@link JmcItems}, built once per recording for all the rules), the analyzer's rule
 * judges it, and its verdict becomes a JMC result. The thresholds are the analyzer's, in one place:
 * {@code gil-analyzer report} and JMC's Automated Analysis say the same thing about a recording.
 *
 * <p>Severities: the analyzer's CRITICAL has no JMC counterpart and shows as WARNING, its summary
 * saying "critical"; NOT_APPLICABLE is JMC's NA.
 */
public abstract class GilJmcRule implements IRule {
    /** The topic JMC groups these results under. */
    public static final String TOPIC = "gil4j";

    private static final Map<IItemCollection, RunModel> MODELS = Collections.synchronizedMap(new WeakHashMap<>());

    private final Rule rule;

    protected GilJmcRule(String analyzerRuleId) {
        this.rule = Rules.all().stream().filter(r -> r.id().equals(analyzerRuleId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no analyzer rule " + analyzerRuleId));
    }

    @Override
    public String getId() {
        return "gil4j." + rule.id();
    }

    @Override
    public String getName() {
        return "GIL: " + rule.name();
    }

    @Override
    public String getTopic() {
        return TOPIC;
    }

    @Override
    public Map<String, EventAvailability> getRequiredEvents() {
        Map<String, EventAvailability> out = new LinkedHashMap<>();
        for (String e : rule.requiredEvents()) out.put(e, EventAvailability.ENABLED);
        return out;
    }

    @Override
    public Collection<TypedPreference<?>> getConfigurationAttributes() {
        return List.of();
    }

    @Override
    public Collection<TypedResult<?>> getResults() {
        return List.of();
    }

    @Override
    public RunnableFuture<IResult> createEvaluation(IItemCollection items, IPreferenceValueProvider preferences,
                                                    IResultValueProvider dependencies) {
        return new FutureTask<>(() -> toJmc(Rules.evaluate(rule, model(items)), preferences));
    }

    static RunModel model(IItemCollection items) {
        synchronized (MODELS) {
            RunModel m = MODELS.get(items);
            if (m == null) {
                ModelBuilder b = new ModelBuilder();
                JmcItems.feed(items, b);
                m = b.build();
                MODELS.put(items, m);
            }
            return m;
        }
    }

    private IResult toJmc(RuleResult r, IPreferenceValueProvider preferences) {
        Severity s = switch (r.severity()) {
            case NOT_APPLICABLE -> Severity.NA;
            case OK -> Severity.OK;
            case INFO -> Severity.INFO;
            case WARNING, CRITICAL -> Severity.WARNING;
        };
        StringBuilder numbers = new StringBuilder();
        for (Map.Entry<String, Object> e : r.numbers().entrySet()) {
            if (numbers.length() > 0) numbers.append(", ");
            numbers.append(e.getKey()).append(' ').append(e.getValue());
        }
        String summary = (r.severity() == io.gil4j.analyzer.rules.Severity.CRITICAL ? "Critical: " : "") + r.message();
        return ResultBuilder.createFor(this, preferences).setSeverity(s).setSummary(summary)
                .setExplanation(numbers.length() == 0 ? r.message() : r.message() + " (" + numbers + ")").build();
    }
}
