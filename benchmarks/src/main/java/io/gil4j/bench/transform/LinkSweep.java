package io.gil4j.bench.transform;

import io.gil4j.agent.instrument.ClassFilter;
import io.gil4j.agent.instrument.ClassInstrumenter;
import io.gil4j.agent.instrument.MethodPatterns;
import io.gil4j.testkit.LinkCheck;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Does every class of a library still link once gil4j has instrumented it? The test suite's
 * {@code LibrariesLinkIT} asks that of a chosen few libraries; this asks it of any jars, the way a user
 * would before putting their own dependencies under the agent, and the way the project sweeps whatever
 * jars a machine holds (BENCHMARKS.md, "Every class of 333 jars, linked instrumented").
 *
 * <p>Each class of the jars is defined in a loader of its own and initialized ({@code LinkCheck}), once
 * as it is and once instrumented as the agent's premain would (every package of the jars included,
 * loops strip-mined, held callees and copies), and the two passes must link the same classes: a class
 * that fails without the agent too (a dependency that is not there) fails the same way in both and is
 * only counted.
 *
 * <p>Assumptions and guarantees: static initializers run (twice), as they would in the program, so
 * give it jars whose initializers are harmless to run; a JVM per jar (the script does that) keeps
 * one library's initializers away from another's. The verifier is the JVM's own, so what passes here
 * passes under the agent; the instrumented class files are those the agent makes for these options,
 * not for {@code release=} or {@code throughput=} patterns.
 *
 * <p>Usage: {@code LinkSweep JAR[:JAR...]}, with agent/target/gil.jar on the class path. Prints one line
 * {@code link-sweep: NAME classes C linked L/L' failing both F verify errors V only instrumented O}
 * and then each failing class; exits 1 when V or O is not zero.
 */
public final class LinkSweep {
    private LinkSweep() { }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: LinkSweep JAR[:JAR...]");
            System.exit(2);
        }
        List<File> jars = new ArrayList<>();
        for (String s : args[0].split(File.pathSeparator)) {
            File f = new File(s);
            if (!f.isFile()) {
                System.err.println("link-sweep: no such jar: " + s);
                System.exit(2);
            }
            jars.add(f);
        }
        List<String> names = LinkCheck.classNames(jars);
        ClassFilter filter = new ClassFilter(packagesOf(names), List.of());
        ClassInstrumenter instrumenter = new ClassInstrumenter(filter, new MethodPatterns(List.of()),
                new MethodPatterns(List.of()), true, true, true);
        LinkCheck.Pass plain = LinkCheck.pass(jars, filter::instruments, null);
        LinkCheck.Pass instrumented = LinkCheck.pass(jars, filter::instruments,
                (bytes, classFiles) -> instrumenter.instrument(bytes, classFiles).bytes);
        List<String> verifyErrors = new ArrayList<>();
        List<String> onlyInstrumented = new ArrayList<>();
        for (Map.Entry<String, String> e : instrumented.failures().entrySet()) {
            if (LinkCheck.isVerifyError(e.getValue())) verifyErrors.add(e.getKey());
            if (!plain.failures().containsKey(e.getKey())) onlyInstrumented.add(e.getKey());
        }
        System.out.printf("link-sweep: %s classes %d linked %d/%d failing both %d verify errors %d only instrumented %d%n",
                jars.size() == 1 ? jars.get(0).getName() : jars.size() + " jars", names.size(), plain.linked(),
                instrumented.linked(), plain.failures().size(), verifyErrors.size(), onlyInstrumented.size());
        TreeSet<String> bad = new TreeSet<>(verifyErrors);
        bad.addAll(onlyInstrumented);
        for (String c : bad) System.out.println("  " + c + ": " + instrumented.failures().get(c).replace('\n', ' '));
        System.exit(bad.isEmpty() ? 0 : 1);
    }

    /** {@code a.b.**} for each class's first two name parts: the jars' own packages, and nothing else. */
    private static List<String> packagesOf(List<String> names) {
        TreeSet<String> out = new TreeSet<>();
        for (String n : names) {
            String[] parts = n.split("\\.");
            out.add(parts.length < 3 ? n : parts[0] + "." + parts[1] + ".**");
        }
        return new ArrayList<>(out);
    }
}
