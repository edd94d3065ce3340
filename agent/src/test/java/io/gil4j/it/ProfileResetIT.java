package io.gil4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The profile reset (ProfileReset): when C2 compiles the program's {@code HashMap.merge}, the type
 * profile it inlines {@code key.hashCode()} from holds the program's keys only, as in a JVM without an
 * agent, instead of the module graph's and the agent's start-up keys too. Read from the JIT's own log
 * ({@code -XX:+LogCompilation}) of a program whose only keys are {@code String}s ({@code WordCount}),
 * with the reset and without it ({@code resetProfiles=false}) in the same test. No timing involved.
 */
class ProfileResetIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void theProgramsHashMapIsCompiledFromItsOwnKeys(String java) throws Exception {
        Profile reset = run(java, "", "reset");
        Profile kept = run(java, ",resetProfiles=false", "kept");
        System.out.printf("ProfileResetIT JDK %d: HashMap.merge's hashCode() profile at C2: %s (reset) / %s (kept)%n",
                Jvm.feature(java), reset, kept);
        // Without the reset: ModuleDescriptor alone is 440-490 calls, and 1,700-2,100 calls in all were not on a String.
        assertThat(kept.notString).isGreaterThan(400);
        assertThat(reset.notString).isLessThan(kept.notString / 10);
        assertThat(reset.total).isGreaterThan(1000);
    }

    private Profile run(String java, String extra, String name) throws IOException, InterruptedException {
        Path log = dir.resolve(name + ".xml");
        Jvm.run(java, Jvm.INCLUDE + extra, List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+LogCompilation",
                "-XX:LogFile=" + log), "io.gil4j.it.work.WordCount", 120, "400").ok();
        return Profile.firstC2Merge(Files.readString(log));
    }

    /** The receiver profile of {@code Object.hashCode()} in the first C2 compilation of {@code HashMap.merge}. */
    record Profile(long total, long string, long notString) {
        private static final Pattern TASK = Pattern.compile(
                "<task ([^>]*)method='java.util.HashMap merge [^>]*>(.*?)</task>", Pattern.DOTALL);
        private static final Pattern TYPE = Pattern.compile("<(?:klass|type) id='(\\d+)' name='([^']*)'");
        private static final Pattern METHOD = Pattern.compile("<method id='(\\d+)' holder='(\\d+)' name='([^']*)'");
        private static final Pattern CALL = Pattern.compile("<call method='(\\d+)' count='(\\d+)'([^>]*)>");
        private static final Pattern RECEIVER = Pattern.compile("receiver2?='(\\d+)' receiver2?_count='(\\d+)'");

        static Profile firstC2Merge(String xml) {
            Matcher task = TASK.matcher(xml);
            while (task.find()) {
                if (task.group(1).contains("level=")) continue; // C1: tiers 1-3 say so, C2 does not
                String body = task.group(2);
                Map<String, String> names = new HashMap<>();
                for (Matcher m = TYPE.matcher(body); m.find(); ) names.put(m.group(1), m.group(2));
                for (Matcher m = METHOD.matcher(body); m.find(); ) {
                    names.put(m.group(1), names.getOrDefault(m.group(2), "?") + "." + m.group(3));
                }
                for (Matcher call = CALL.matcher(body); call.find(); ) {
                    if (!"java.lang.Object.hashCode".equals(names.get(call.group(1)))) continue;
                    long total = Long.parseLong(call.group(2));
                    long string = 0;
                    for (Matcher r = RECEIVER.matcher(call.group(3)); r.find(); ) {
                        if ("java.lang.String".equals(names.get(r.group(1)))) string += Long.parseLong(r.group(2));
                    }
                    return new Profile(total, string, total - string);
                }
            }
            throw new AssertionError("no C2 compilation of HashMap.merge with a profiled hashCode() call in the JIT log");
        }
    }
}
