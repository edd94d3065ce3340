package io.gil4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.testkit.ChildJvm;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code compilerDirective=} (C1Directive): by default C1 inlines none of the GIL's helpers (its inlining
 * trees, printed by -XX:+PrintInlining, name them "disallowed by CompileCommand", the directive's
 * wording) while C2 still inlines them ("inline (hot)"); with {@code compilerDirective=false}, or where the
 * JVM was started with compile commands of its own, no inlining is refused. (Which compiler printed a
 * plain "inline" the output does not say: C2 prints it too, for small methods on cold paths; and the
 * agent's own start-up code is compiled before the directive is there.)
 */
class CompilerDirectiveIT {
    private static final List<String> PRINT_INLINING = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+PrintInlining");
    /** JDK 17 prints "disallowed by CompileCommand", JDK 25 "failed to inline: disallowed by CompileCommand". */
    private static final Pattern REFUSED =
            Pattern.compile("io\\.gil4j\\.bootstrap\\.\\S+ \\(\\d+ bytes\\)\\s+(failed to inline: )?disallowed by CompileCommand");
    private static final Pattern INLINED_BY_C2 = Pattern.compile("io\\.gil4j\\.bootstrap\\.\\S+ \\(\\d+ bytes\\)\\s+inline \\(hot\\)");

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void c1LeavesTheHelpersOutC2InlinesThem(String java) throws Exception {
        ChildJvm.Result r = Jvm.run(java, Jvm.INCLUDE + ",verbose=true", PRINT_INLINING, "io.gil4j.it.work.HotLeaves", 120).ok();
        System.out.printf("%s: default: %d inlinings refused, %d inlined hot (C2)%n", java,
                count(r, REFUSED), count(r, INLINED_BY_C2));
        assertThat(r.stderr).as("%s", r).contains("compiler directive added");
        assertThat(count(r, REFUSED)).as("helpers C1 left out").isPositive();
        assertThat(count(r, INLINED_BY_C2)).as("helpers C2 inlined").isPositive();
    }

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void withoutTheDirectiveC1InlinesThem(String java) throws Exception {
        ChildJvm.Result off = Jvm.run(java, Jvm.INCLUDE + ",compilerDirective=false", PRINT_INLINING,
                "io.gil4j.it.work.HotLeaves", 120).ok();
        assertThat(count(off, REFUSED)).as("%s", off).isZero();
        assertThat(count(off, INLINED_BY_C2)).as("helpers C2 inlined").isPositive();
        assertThat(off.stdout).contains("sum ");
    }

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void theJvmsOwnCompileCommandsWin(String java) throws Exception {
        List<String> args = new java.util.ArrayList<>(PRINT_INLINING);
        args.add("-XX:CompileCommand=quiet");
        ChildJvm.Result r = Jvm.run(java, Jvm.INCLUDE + ",verbose=true", args, "io.gil4j.it.work.HotLeaves", 120).ok();
        assertThat(r.stderr).as("%s", r)
                .contains("no compiler directive added: the JVM was started with -XX:CompileCommand=quiet");
        assertThat(count(r, REFUSED)).isZero();
    }

    private static long count(ChildJvm.Result r, Pattern p) {
        return r.stdout.lines().map(String::strip).filter(l -> p.matcher(l).find()).count();
    }
}
