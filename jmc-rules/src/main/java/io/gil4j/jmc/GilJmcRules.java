package io.gil4j.jmc;

/**
 * The JMC rules, one per analyzer rule, each a class with a no-argument constructor as JMC's
 * {@code ServiceLoader} needs (META-INF/services/org.openjdk.jmc.flightrecorder.rules.IRule).
 */
public final class GilJmcRules {
    private GilJmcRules() { }

    public static final class GilSaturation extends GilJmcRule {
        public GilSaturation() { super("gil-saturation"); }
    }

    public static final class ConvoyEffect extends GilJmcRule {
        public ConvoyEffect() { super("convoy-effect"); }
    }

    public static final class UninstrumentedHold extends GilJmcRule {
        public UninstrumentedHold() { super("uninstrumented-hold"); }
    }

    public static final class Starvation extends GilJmcRule {
        public Starvation() { super("starvation"); }
    }

    public static final class HiddenBlocking extends GilJmcRule {
        public HiddenBlocking() { super("hidden-blocking"); }
    }

    public static final class LegacyThrashing extends GilJmcRule {
        public LegacyThrashing() { super("legacy-thrashing"); }
    }
}
