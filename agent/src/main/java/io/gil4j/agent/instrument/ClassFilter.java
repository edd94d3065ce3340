package io.gil4j.agent.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which classes run under the GIL: the {@code include=} patterns minus the {@code exclude=} ones, and
 * never the JDK, the agent itself or its shaded libraries, whatever the patterns say.
 *
 * <p>Patterns are globs over binary class names: {@code **} matches anything (dots included),
 * {@code *} anything but a dot, {@code ?} one character but a dot. {@code com.example.**} is the
 * package and its subpackages, {@code com.example.*} the classes directly in it (nested classes
 * included, since {@code $} is not a dot), {@code com.example.Foo} exactly that class.
 *
 * <p>Matching is pure string work on names, never class loading, so it is safe inside a transformer.
 */
public final class ClassFilter {

    private static final String[] NEVER = {
        "java/", "javax/", "jdk/", "sun/", "com/sun/", "io/gil4j/agent/", "io/gil4j/bootstrap/", "io/gil4j/shaded/",
    };

    private final List<Pattern> include;
    private final List<Pattern> exclude;

    public ClassFilter(List<String> includeGlobs, List<String> excludeGlobs) {
        this.include = compile(includeGlobs);
        this.exclude = compile(excludeGlobs);
    }

    private static List<Pattern> compile(List<String> globs) {
        List<Pattern> out = new ArrayList<>();
        for (String g : globs) out.add(Pattern.compile(globToRegex(g)));
        return out;
    }

    /** A glob over dotted names as a regex over internal (slash) names. */
    public static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    re.append(".*");
                    i++;
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '.' || c == '/') {
                re.append('/');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    /** True if the class with this internal name ({@code com/example/Foo}) runs under the GIL. */
    public boolean instruments(String internalName) {
        if (internalName == null || internalName.startsWith("[")) return false;
        for (String n : NEVER) if (internalName.startsWith(n)) return false;
        if (!matchesAny(include, internalName)) return false;
        return !matchesAny(exclude, internalName);
    }

    /** True for classes the agent must never touch at all (JDK, agent, shaded libraries). */
    public static boolean isForbidden(String internalName) {
        for (String n : NEVER) if (internalName.startsWith(n)) return true;
        return false;
    }

    private static boolean matchesAny(List<Pattern> patterns, String name) {
        for (Pattern p : patterns) if (p.matcher(name).matches()) return true;
        return false;
    }
}
