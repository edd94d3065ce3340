package io.gil4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.testkit.ChildJvm;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code compilerThreads=idle}: every compiler thread of the JVM runs under SCHED_IDLE, those HotSpot
 * starts later as its queues grow included (up to six here, {@code -XX:CICompilerCount=6}); without
 * the option, in the same test, none does. Linux only, as the option (the build makes the helper
 * only there).
 */
class CompilerThreadsIT {
    private static final String IDLE = "policy=5";

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void compilerThreadsRunUnderSchedIdle(String java) throws Exception {
        List<String> jvmArgs = new ArrayList<>(Jvm.nativeAccess(java));
        jvmArgs.add("-XX:CICompilerCount=6");
        ChildJvm.Result idle = Jvm.run(java, Jvm.INCLUDE + ",compilerThreads=idle", jvmArgs,
                "io.gil4j.it.work.CompilerThreadPolicies", 120, "2").ok();
        ChildJvm.Result normal = Jvm.run(java, Jvm.INCLUDE, jvmArgs,
                "io.gil4j.it.work.CompilerThreadPolicies", 120, "0.5").ok();
        List<String> idleLines = compilerLines(idle);
        List<String> normalLines = compilerLines(normal);
        System.out.printf("%s: compilerThreads=idle: %s; default: %s%n", java, idleLines, normalLines);

        assertThat(idleLines).as("compiler threads seen").isNotEmpty();
        assertThat(idleLines).as("every compiler thread under SCHED_IDLE").allMatch(l -> l.endsWith(IDLE));
        assertThat(normalLines).as("without the option").isNotEmpty().noneMatch(l -> l.endsWith(IDLE));
    }

    /**
     * Where the JDK keeps agents from loading native code (JDK 24+ without
     * {@code --enable-native-access=ALL-UNNAMED}) the option cannot act, and says so in one line without
     * {@code verbose=true}: it was asked for by name.
     */
    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void withoutNativeAccessTheOptionSaysItCannotAct(String java) throws Exception {
        Assumptions.assumeFalse(Jvm.nativeAccess(java).isEmpty(),
                java + " lets agents load native code without --enable-native-access: nothing is refused there");
        ChildJvm.Result r = Jvm.run(java, Jvm.INCLUDE + ",compilerThreads=idle", List.of(),
                "io.gil4j.it.work.CompilerThreadPolicies", 120, "0.5").ok();
        assertThat(r.stderr).as("%s", r).contains("--enable-native-access=ALL-UNNAMED: compiler threads keep their scheduling policy");
        assertThat(compilerLines(r)).as("compiler threads").isNotEmpty().noneMatch(l -> l.endsWith(IDLE));
    }

    private static List<String> compilerLines(ChildJvm.Result r) {
        return r.stdout.lines().filter(l -> l.startsWith("compiler ")).collect(Collectors.toList());
    }
}
