package io.gil4j.agent.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Method names given in options ({@code release=}, {@code throughput=}): {@code com.example.Foo.bar}
 * or {@code com.example.Foo#bar}, globs allowed in both parts ({@code com.example.*Client.send*}).
 */
public final class MethodPatterns {
    private final List<Pattern> classes = new ArrayList<>();
    private final List<Pattern> methods = new ArrayList<>();
    private final List<String> source;

    public MethodPatterns(List<String> patterns) {
        this.source = List.copyOf(patterns);
        for (String p : patterns) {
            int cut = p.indexOf('#');
            if (cut < 0) cut = p.lastIndexOf('.');
            if (cut <= 0 || cut == p.length() - 1) {
                throw new IllegalArgumentException("'" + p + "' is not Class.method or Class#method");
            }
            classes.add(Pattern.compile(ClassFilter.globToRegex(p.substring(0, cut))));
            methods.add(Pattern.compile(ClassFilter.globToRegex(p.substring(cut + 1))));
        }
    }

    public boolean isEmpty() { return classes.isEmpty(); }

    public List<String> source() { return source; }

    /** Any method of this class matched? (to decide whether to transform the class at all) */
    public boolean matchesClass(String internalName) {
        for (Pattern c : classes) if (c.matcher(internalName).matches()) return true;
        return false;
    }

    public boolean matches(String internalClassName, String methodName) {
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).matcher(internalClassName).matches() && methods.get(i).matcher(methodName).matches()) {
                return true;
            }
        }
        return false;
    }
}
