package io.gil4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gil4j.testkit.ChildJvm;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Virtual threads under the GIL (JDK 21+; skipped on 17): 10,000 of them doing CPU work and sleeps,
 * parking while they hold the GIL, and far more of them than the 2 carriers. {@code classInitWait}: a virtual holder waiting for
 * another virtual thread's class initialization, which needs the GIL back; revoked only because the
 * net reads its carrier's CPU time (Carriers), it hung every time before. {@code pinnedClassLoad}
 * (first, so that the test kit's class is loaded under contention): pinned loaders retaking the GIL; it
 * hung 6 runs in 8 on JDK 25 before pinned virtual threads stopped queuing on the GIL's mutex.
 */
class VirtualThreadsIT {
    static final String MAIN = "io.gil4j.reliability.work.Virtual";

    static Stream<String> javas() {
        List<String> v = Child.javas().stream().filter(j -> Child.feature(j) >= 21).collect(Collectors.toList());
        return v.isEmpty() ? Stream.of("none") : v.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javas")
    void virtualThreads(String java) throws Exception {
        assumeTrue(!java.equals("none"), "no JDK 21+ here (see io.gil4j.testkit.Jdks for where JDK 25 is looked for)");
        String[] programs = {"pinnedClassLoad", "classInitWait", "tenThousand", "parking", "oversubscribed"};
        String[] jvm = {"-Djdk.virtualThreadScheduler.parallelism=2", "-Djdk.virtualThreadScheduler.maxPoolSize=4"};
        String expected = Child.java(java).jvm(jvm).main(MAIN, programs).timeout(120).run().ok().stdout;
        assertThat(expected.lines()).hasSize(programs.length);
        ChildJvm.Result r = Child.java(java).agent(Child.AGENT, Child.WORK + ",interval=1ms").jvm(jvm).main(MAIN, programs).timeout(120).run().ok();
        assertThat(r.stdout).as("%s", r).isEqualTo(expected);
        assertThat(r.stderr).as("%s", r).doesNotContain("Exception").doesNotContain("gil4j:");
    }
}
