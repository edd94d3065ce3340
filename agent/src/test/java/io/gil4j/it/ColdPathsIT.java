package io.gil4j.it;

import io.gil4j.testkit.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * gil4j's own code initializes no class on a program thread once the program runs. A thread that
 * needs a class another thread is initializing waits for it inside the JVM, whatever it holds; under
 * the GIL's mutex, or with its node first in the mutex's queue, that stops every hand-off, and the
 * initializing thread may itself need the mutex: a deadlock. CI hung this way once (JDK 17, the first
 * untimed {@code Condition.await} initializing {@code ForkJoinPool}; see ContendedPathWarmUp).
 *
 * <p>The workload's threads run only code the main thread has already run, so every class the JVM
 * logs as initialized on one of them ({@code -Xlog:class+init}, by OS thread id) was initialized by
 * gil4j: the lock's slow paths, the JDK hooks, the JVMTI helper's callbacks, the JFR listener. Seen
 * failing with the warm-up turned off: {@code ForkJoinPool}, AQS nodes, {@code Thread$State},
 * {@code GarbageCollectorMXBean} on the workers, on both JDKs.
 */
class ColdPathsIT {
    private static final Pattern TID = Pattern.compile("(?m)^tid (\\d+) (\\S+)$");
    private static final Pattern INIT = Pattern.compile("(?m)^\\[(\\d+)\\] \\d+ Initializing '([^']+)'");

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Jvm.javas().flatMap(j -> Stream.of(
                Arguments.of(j, "interval=1ms"),
                Arguments.of(j, "interval=1ms,monitorEvents=false"),
                Arguments.of(j, "mode=legacy")));
    }

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void gilCodeInitializesNoClassOnProgramThreads(String java, String options) throws Exception {
        Path log = dir.resolve("init.log");
        List<String> jvmArgs = new ArrayList<>(Jvm.nativeAccess(java));
        jvmArgs.add("-Xlog:class+init=info:file=" + log + ":tid");
        ChildJvm.Result r = Jvm.run(java, Jvm.INCLUDE + "," + options + ",jfr=" + dir.resolve("cold.jfr"), jvmArgs,
                "io.gil4j.it.work.ColdPaths", 120, "2").ok();

        Matcher t = TID.matcher(r.stdout);
        List<String> workers = new ArrayList<>();
        while (t.find()) workers.add(t.group(1));
        assertThat(workers).as("worker threads found in /proc; stdout:%n%s", r.stdout).hasSize(6);
        Set<String> tids = Set.copyOf(workers);

        String text = Files.readString(log);
        Matcher m = INIT.matcher(text);
        List<String> all = new ArrayList<>();
        List<String> onWorkers = new ArrayList<>();
        while (m.find()) {
            all.add(m.group(2));
            if (tids.contains(m.group(1))) onWorkers.add(m.group(2) + " on thread " + m.group(1));
        }
        // The log is what it should be: the JDK's own start-up and gil4j's classes are in it.
        assertThat(all).as("classes in the init log").contains("java/lang/Object", "io/gil4j/bootstrap/GilLock");
        assertThat(onWorkers).as("classes initialized on the workers (threads %s)",
                workers.stream().collect(Collectors.joining(","))).isEmpty();
        // And the slow paths did run: waits for the GIL, releases around sleeps, parks and monitors.
        Path jfr = dir.resolve("cold.jfr");
        assertThat(Jvm.count(jfr, "gil.Config", "mode", options.startsWith("mode=legacy") ? "legacy" : "gil"))
                .as("the recording's configuration").isPositive();
        assertThat(Jvm.countType(jfr, "gil.Wait")).as("gil.Wait events").isGreaterThan(100);
        assertThat(Jvm.count(jfr, "gil.Release", "blockingPoint", "java.lang.Thread.sleep")).as("releases in sleep").isPositive();
    }
}
