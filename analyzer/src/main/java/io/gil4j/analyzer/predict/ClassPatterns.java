package io.gil4j.analyzer.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The agent's {@code include=} globs, matched against the class names in an ordinary JFR recording's
 * stack traces: {@code **} matches anything (dots included), {@code *} anything but a dot, {@code ?}
 * one character but a dot; several patterns are separated by {@code ;}. JDK classes never match, as
 * the agent never instruments them.
 */
public final class ClassPatterns {
    private static final String[] NEVER = {"java.", "javax.", "jdk.", "sun.", "com.sun.", "io.gil4j.agent.", "io.gil4j.bootstrap."};

    private final String text;
    private final List<Pattern> patterns = new ArrayList<>();

    private ClassPatterns(String text) {
        this.text = text;
    }

    /** Parses {@code a.b.**;c.D}; throws IllegalArgumentException (with a one-line message) when there is no pattern. */
    public static ClassPatterns parse(String text) {
        ClassPatterns p = new ClassPatterns(text);
        for (String glob : text.split(";")) {
            String g = glob.trim();
            if (!g.isEmpty()) p.patterns.add(Pattern.compile(regex(g)));
        }
        if (p.patterns.isEmpty()) throw new IllegalArgumentException("no class pattern in '" + text + "'");
        return p;
    }

    private static String regex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^.]*");
            } else if (c == '?') {
                re.append("[^.]");
            } else if (c == '/') {
                re.append("\\.");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    /** True if the class with this binary name ({@code com.example.Foo$Bar}) would run under the GIL. */
    public boolean matches(String className) {
        for (String n : NEVER) if (className.startsWith(n)) return false;
        for (Pattern p : patterns) if (p.matcher(className).matches()) return true;
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
