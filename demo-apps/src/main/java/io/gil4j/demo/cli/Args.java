package io.gil4j.demo.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small command-line parser: {@code --key value}, {@code --key=value}, flags, positionals.
 * The demo jar may depend on nothing but the JDK and HdrHistogram, so no picocli here.
 * Every option a command reads must be declared, so a typo fails loudly instead of silently
 * running the wrong experiment.
 */
public final class Args {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private Args() {
    }

    /**
     * @param valued options that take a value (without the leading dashes)
     * @param flags  options that take none
     */
    public static Args parse(String[] argv, Set<String> valued, Set<String> flags) {
        Args args = new Args();
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (!arg.startsWith("--") || arg.equals("--")) {
                args.positionals.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException("option --" + name + " takes no value");
                }
                args.options.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= argv.length) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = argv[++i];
                }
                args.options.put(name, value);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return args;
    }

    public List<String> positionals() {
        return positionals;
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public String string(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    public long longValue(String name, long fallback) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " expects an integer, got '" + v + "'");
        }
    }

    public int intValue(String name, int fallback) {
        long v = longValue(name, fallback);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new UsageException("option --" + name + " is out of range: " + v);
        }
        return (int) v;
    }

    public Duration duration(String name, Duration fallback) {
        String v = options.get(name);
        return v == null ? fallback : parseDuration(name, v);
    }

    /** Accepts {@code 100ms}, {@code 500us}, {@code 2s}, {@code 1.5s}, {@code 3m}; a bare number is seconds. */
    public static Duration parseDuration(String name, String text) {
        String t = text.trim().toLowerCase();
        double factorNanos;
        String number;
        if (t.endsWith("ms")) {
            factorNanos = 1e6;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("us")) {
            factorNanos = 1e3;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("ns")) {
            factorNanos = 1;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            factorNanos = 1e9;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            factorNanos = 60e9;
            number = t.substring(0, t.length() - 1);
        } else {
            factorNanos = 1e9;
            number = t;
        }
        try {
            double value = Double.parseDouble(number);
            if (value < 0 || Double.isNaN(value)) {
                throw new NumberFormatException();
            }
            return Duration.ofNanos(Math.round(value * factorNanos));
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " expects a duration like 100ms, 2s, 500us; got '" + text + "'");
        }
    }
}
