package io.gil4j.analyzer.rules;

import io.gil4j.analyzer.GilEventNames;
import io.gil4j.analyzer.GilEventNames.WaitReasons;
import io.gil4j.analyzer.model.Distribution;
import io.gil4j.analyzer.model.RunModel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Convoy effect (CPython issue 7946): a thread returning from I/O must wait for a CPU-bound holder's
 * switch interval before it can continue, so each I/O round trip costs ~one interval. Detected from
 * gil.Wait events with reason {@code io-return}: their median compared with the switch interval of
 * gil.Config (the default 5 ms when the recording has no Config).
 * <ul>
 *   <li>CRITICAL: >= 100 io-return waits and p50 >= 0.8 interval</li>
 *   <li>WARNING: >= 20 io-return waits and p50 >= 0.5 interval</li>
 *   <li>INFO: io-return waits exist but are short or rare</li>
 * </ul>
 */
public final class ConvoyEffectRule implements Rule {
    static final int MANY = 20;
    static final int VERY_MANY = 100;
    static final double NEAR_INTERVAL = 0.5;
    static final double AT_INTERVAL = 0.8;

    @Override
    public String id() {
        return "convoy-effect";
    }

    @Override
    public String name() {
        return "Convoy effect";
    }

    @Override
    public Set<String> requiredEvents() {
        return Set.of(GilEventNames.WAIT);
    }

    @Override
    public RuleResult evaluate(RunModel m) {
        Distribution d = m.waitsByReason().getOrDefault(WaitReasons.IO_RETURN, Distribution.empty());
        long interval = m.intervalNanos();
        long count = d.count();
        double ratio = (double) d.p50() / interval;
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("ioReturnWaits", count);
        n.put("ioReturnWaitP50Nanos", d.p50());
        n.put("ioReturnWaitP90Nanos", d.p90());
        n.put("intervalNanos", interval);
        n.put("p50OverInterval", Numbers.round(ratio));
        n.put("intervalFromConfig", m.config().present() ? "yes" : "no (default 5 ms assumed)");
        if (count == 0) {
            return RuleResult.of(this, Severity.OK, "No thread waited for the GIL on return from I/O.", n);
        }
        String what = count + " returns from I/O waited for the GIL, median " + Numbers.ms(d.p50()) + " = "
                + Numbers.num(ratio) + " switch intervals (" + Numbers.ms(interval) + ")";
        if (count >= VERY_MANY && ratio >= AT_INTERVAL) {
            return RuleResult.of(this, Severity.CRITICAL, what + ". Every I/O round trip pays "
                    + "about one switch interval; a shorter interval or moving CPU work out of the process helps.", n);
        }
        if (count >= MANY && ratio >= NEAR_INTERVAL) {
            return RuleResult.of(this, Severity.WARNING, "Likely: " + what + ".", n);
        }
        return RuleResult.of(this, Severity.INFO, what + ": too few or too short for a convoy.", n);
    }
}
