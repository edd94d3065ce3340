package io.gil4j.agent;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The agent's options, parsed and checked before anything is installed.
 *
 * <p>{@code -javaagent:gil.jar=include=com.example.**,interval=5ms,mode=gil,jfr=out.jfr}: options are
 * separated by {@code ,}; list values (patterns, methods) by {@code ;} or {@code |}. {@code config=FILE}
 * reads more options from a properties file; options given on the command line win. Anything wrong
 * is an {@link IllegalArgumentException} whose message is the one line the user sees: it names the
 * option and what is accepted, so a typo never runs a silently different experiment.
 */
public final class AgentOptions {

    public enum Mode { GIL, LEGACY, OFF }

    static final List<String> KEYS = List.of("include", "exclude", "interval", "mode", "checkInterval",
            "release", "throughput", "jfr", "config", "waitThreshold", "holdThreshold", "releaseThreshold",
            "statsPeriod", "jdkHooks", "monitorEvents", "compilerThreads", "compilerDirective", "jmx", "settleHeap", "resetProfiles", "elidePrivate", "heldCopies",
            "verbose");

    public final String raw;
    public final List<String> include;
    public final List<String> exclude;
    public final long intervalNanos;
    public final Mode mode;
    public final int checkInterval;
    public final List<String> release;
    public final List<String> throughput;
    public final Path jfr;
    public final long waitThresholdNanos;
    public final long holdThresholdNanos;
    public final long releaseThresholdNanos;
    public final long statsPeriodNanos;
    public final boolean jdkHooks;
    public final boolean monitorEvents;
    /** {@code compilerThreads=idle}: the JIT's compiler threads under SCHED_IDLE (CompilerThreadPolicy). */
    public final boolean idleCompilerThreads;
    /** A compiler directive that keeps C1 from inlining the GIL's helpers (C1Directive). */
    public final boolean compilerDirective;
    public final boolean jmx;
    public final boolean settleHeap;
    public final boolean resetProfiles;
    public final boolean elidePrivate;
    /** Calls within a class from code holding the GIL go to a copy of the callee without the take (HeldCopies). */
    public final boolean heldCopies;
    public final boolean verbose;

    private AgentOptions(String raw, Map<String, String> o) {
        this.raw = raw;
        this.include = list(o.get("include"));
        if (include.isEmpty()) {
            throw new IllegalArgumentException("include= is required: name the classes to run under the GIL, "
                    + "e.g. include=com.example.** (patterns separated by ; or |)");
        }
        this.exclude = list(o.get("exclude"));
        this.intervalNanos = duration("interval", o.getOrDefault("interval", "5ms"), false);
        this.mode = mode(o.getOrDefault("mode", "gil"));
        this.checkInterval = positiveInt("checkInterval", o.getOrDefault("checkInterval", "100"));
        this.release = list(o.get("release"));
        this.throughput = list(o.get("throughput"));
        this.jfr = jfrFile(o.get("jfr"));
        this.waitThresholdNanos = duration("waitThreshold", o.getOrDefault("waitThreshold", "0ms"), true);
        this.holdThresholdNanos = duration("holdThreshold", o.getOrDefault("holdThreshold", "1ms"), true);
        this.releaseThresholdNanos = duration("releaseThreshold", o.getOrDefault("releaseThreshold", "1ms"), true);
        this.statsPeriodNanos = duration("statsPeriod", o.getOrDefault("statsPeriod", "1s"), false);
        this.jdkHooks = bool("jdkHooks", o.getOrDefault("jdkHooks", "true"));
        this.monitorEvents = bool("monitorEvents", o.getOrDefault("monitorEvents", "true"));
        this.idleCompilerThreads = compilerThreads(o.getOrDefault("compilerThreads", "normal"));
        this.compilerDirective = bool("compilerDirective", o.getOrDefault("compilerDirective", "true"));
        this.jmx = bool("jmx", o.getOrDefault("jmx", "true"));
        this.settleHeap = bool("settleHeap", o.getOrDefault("settleHeap", "true"));
        this.resetProfiles = bool("resetProfiles", o.getOrDefault("resetProfiles", "true"));
        this.elidePrivate = bool("elidePrivate", o.getOrDefault("elidePrivate", "true"));
        this.heldCopies = bool("heldCopies", o.getOrDefault("heldCopies", "true"));
        this.verbose = bool("verbose", o.getOrDefault("verbose", "false"));
        for (String m : release) checkMethod("release", m);
        for (String m : throughput) checkMethod("throughput", m);
    }

    /** Parses the agent argument string (may be null or empty). */
    public static AgentOptions parse(String args) {
        Map<String, String> given = split(args == null ? "" : args.trim());
        Map<String, String> all = new LinkedHashMap<>();
        String config = given.get("config");
        if (config != null) all.putAll(readConfig(config));
        all.putAll(given);
        return new AgentOptions(args == null ? "" : args, all);
    }

    /** The options a JVM that already runs gil4j accepts from a later attach: they change while it runs. */
    static final List<String> LIVE_KEYS = List.of("mode", "interval");

    /**
     * What a later attach asks of a JVM where gil4j already runs: a new mode, a new interval, or both
     * (null where unchanged). Any other option needs a restart, and says so.
     */
    public record LiveChange(Mode mode, Long intervalNanos) {
        public static LiveChange parse(String args) {
            Map<String, String> given = split(args == null ? "" : args.trim());
            for (String k : given.keySet()) {
                if (!LIVE_KEYS.contains(k)) {
                    throw new IllegalArgumentException(k + "= cannot change in a JVM where gil4j already runs (only "
                            + String.join(" and ", LIVE_KEYS) + " can); restart it with the new option");
                }
            }
            Mode m = given.containsKey("mode") ? AgentOptions.mode(given.get("mode")) : null;
            Long i = given.containsKey("interval") ? duration("interval", given.get("interval"), false) : null;
            return new LiveChange(m, i);
        }
    }

    private static Map<String, String> split(String args) {
        Map<String, String> out = new LinkedHashMap<>();
        if (args.isEmpty()) return out;
        for (String part : args.split(",")) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("option '" + part.trim() + "' is not key=value; accepted keys: "
                        + String.join(", ", KEYS));
            }
            put(out, part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return out;
    }

    private static void put(Map<String, String> out, String key, String value) {
        if (!KEYS.contains(key)) {
            throw new IllegalArgumentException("unknown option '" + key + "'; accepted: " + String.join(", ", KEYS));
        }
        out.put(key, value);
    }

    private static Map<String, String> readConfig(String file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("config=" + file + ": cannot read it (" + e.getMessage() + ")");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            if (k.equals("config")) throw new IllegalArgumentException("config=" + file + ": may not name another config");
            put(out, k.trim(), p.getProperty(k).trim());
        }
        return out;
    }

    static List<String> list(String v) {
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        for (String s : v.split("[;|]")) if (!s.isBlank()) out.add(s.trim());
        return out;
    }

    /**
     * {@code jfr=}'s file, or null for no recording. {@code true} and {@code false} are refused: every other
     * switch of the agent is a boolean, so {@code jfr=false} reads as "no recording" and would otherwise
     * write one to a file named {@code false}. A file of that name is still {@code jfr=./false}.
     */
    static Path jfrFile(String v) {
        if (v == null || v.isEmpty()) return null;
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("jfr=" + v + ": takes the file to write the recording to (jfr=gil.jfr); "
                    + "leave jfr= out for no recording");
        }
        return Path.of(v).toAbsolutePath();
    }

    static Mode mode(String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "gil": return Mode.GIL;
            case "legacy": return Mode.LEGACY;
            case "off": return Mode.OFF;
            default: throw new IllegalArgumentException("mode=" + v + ": accepted values are gil, legacy, off");
        }
    }

    private static int positiveInt(String key, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) return n;
        } catch (NumberFormatException ignored) {
            // fall through to the message
        }
        throw new IllegalArgumentException(key + "=" + v + ": expected a positive whole number, e.g. 100");
    }

    private static boolean compilerThreads(String v) {
        if (v.equalsIgnoreCase("normal")) return false;
        if (v.equalsIgnoreCase("idle")) return true;
        throw new IllegalArgumentException("compilerThreads=" + v + ": accepted values are normal, idle");
    }

    private static boolean bool(String key, String v) {
        if (v.equalsIgnoreCase("true")) return true;
        if (v.equalsIgnoreCase("false")) return false;
        throw new IllegalArgumentException(key + "=" + v + ": accepted values are true, false");
    }

    /** {@code 5ms}, {@code 500us}, {@code 0.1ms}, {@code 1s}, {@code 200ns}; a bare 0 is allowed where zero is. */
    static long duration(String key, String v, boolean zeroAllowed) {
        String s = v.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        long scale;
        String num;
        if (s.endsWith("ns")) { scale = 1L; num = s.substring(0, s.length() - 2); }
        else if (s.endsWith("us") || s.endsWith("µs")) { scale = 1_000L; num = s.substring(0, s.length() - 2); }
        else if (s.endsWith("ms")) { scale = 1_000_000L; num = s.substring(0, s.length() - 2); }
        else if (s.endsWith("s")) { scale = 1_000_000_000L; num = s.substring(0, s.length() - 1); }
        else if (s.equals("0")) { scale = 1L; num = "0"; }
        else { num = null; scale = 0; }
        if (num != null) {
            try {
                double d = Double.parseDouble(num);
                long nanos = Math.round(d * scale);
                if (nanos > 0 || (zeroAllowed && nanos == 0 && d == 0)) {
                    if (d >= 0 && !Double.isNaN(d) && !Double.isInfinite(d)) return nanos;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the message
            }
        }
        throw new IllegalArgumentException(key + "=" + v + ": expected a " + (zeroAllowed ? "" : "positive ")
                + "duration such as 5ms, 500us, 0.1ms or 1s");
    }

    private static void checkMethod(String key, String m) {
        int cut = m.indexOf('#') >= 0 ? m.indexOf('#') : m.lastIndexOf('.');
        if (cut <= 0 || cut == m.length() - 1) {
            throw new IllegalArgumentException(key + "=" + m + ": expected Class.method or Class#method, "
                    + "e.g. com.example.Native.compute");
        }
    }

    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mode", mode.name().toLowerCase(Locale.ROOT));
        m.put("include", String.join(";", include));
        m.put("exclude", String.join(";", exclude));
        m.put("interval", intervalNanos + "ns");
        m.put("release", String.join(";", release));
        m.put("throughput", String.join(";", throughput));
        return m;
    }

    @Override
    public String toString() {
        return "AgentOptions" + describe() + " raw=" + Arrays.asList(raw);
    }
}
