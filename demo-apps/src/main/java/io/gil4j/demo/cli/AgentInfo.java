package io.gil4j.demo.cli;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What gil4j agent this JVM runs under, read from its own command line, so every demo can label its
 * output ("no agent", "mode=gil interval=1ms") and a table never mixes up which run was which.
 */
public final class AgentInfo {
    private final boolean present;
    private final Map<String, String> options;

    private AgentInfo(boolean present, Map<String, String> options) {
        this.present = present;
        this.options = options;
    }

    public static AgentInfo current() {
        return fromJvmArguments(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** Finds the first {@code -javaagent:...gil*.jar[=options]} argument. */
    public static AgentInfo fromJvmArguments(List<String> jvmArgs) {
        for (String arg : jvmArgs) {
            if (!arg.startsWith("-javaagent:")) {
                continue;
            }
            String spec = arg.substring("-javaagent:".length());
            int eq = spec.indexOf('=');
            String jar = eq < 0 ? spec : spec.substring(0, eq);
            String fileName = jar.substring(jar.lastIndexOf('/') + 1);
            if (!fileName.startsWith("gil") || fileName.startsWith("gil-demos")) {
                continue;
            }
            return new AgentInfo(true, parseOptions(eq < 0 ? "" : spec.substring(eq + 1)));
        }
        return new AgentInfo(false, Map.of());
    }

    /** The agent's option syntax: {@code key=value} pairs separated by commas. */
    public static Map<String, String> parseOptions(String optionString) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : optionString.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            out.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? "" : part.substring(eq + 1));
        }
        return out;
    }

    public boolean present() {
        return present;
    }

    /** The agent's mode; the agent's default is {@code gil}. Null without an agent. */
    public String mode() {
        return present ? options.getOrDefault("mode", "gil") : null;
    }

    public String option(String name) {
        return options.get(name);
    }

    public Map<String, String> options() {
        return options;
    }

    /** Short label for tables: {@code no agent}, {@code mode=off}, {@code mode=gil interval=1ms}. */
    public String label() {
        if (!present) {
            return "no agent";
        }
        String interval = options.get("interval");
        return "mode=" + mode() + (interval == null ? "" : " interval=" + interval);
    }
}
