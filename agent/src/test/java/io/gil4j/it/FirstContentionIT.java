package io.gil4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The first drop request does not throw compiled loops back to the interpreter: the checkpoint's branch
 * profile is primed at start-up (docs/design.md section 2, deviation 3), so C2 compiles its slow path as
 * a call, not as a trap, even in code compiled before any contention. Read from the JIT's own log
 * ({@code -XX:+LogCompilation}): no uncommon trap in the GIL's code inlined into the program's.
 */
class FirstContentionIT {
    private static final Pattern TRAP = Pattern.compile(
            "<uncommon_trap thread='\\d+' reason='(\\w+)'[^>]*>(.*?)</uncommon_trap>", Pattern.DOTALL);
    private static final Pattern FRAME = Pattern.compile("<jvms bci='(\\d+)' method='([^']+)'");

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void compiledLoopsKeepRunningAtTheFirstDropRequest(String java) throws Exception {
        Path log = dir.resolve("compilation.log");
        Path jfr = dir.resolve("run.jfr");
        Jvm.run(java, Jvm.INCLUDE + ",jfr=" + jfr,
                List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+LogCompilation", "-XX:LogFile=" + log),
                "io.gil4j.it.work.WarmThenContend", 120).ok();
        assertThat(Jvm.countType(jfr, "gil.DropRequest")).as("the two threads contended").isPositive();
        List<String> inGil = new ArrayList<>();
        Matcher m = TRAP.matcher(Files.readString(log));
        while (m.find()) {
            // Frames innermost first: a trap in the GIL's code inlined into the program's (the GIL's
            // own methods may trap and recompile like any other; that costs the program nothing).
            List<String> frames = new ArrayList<>();
            Matcher f = FRAME.matcher(m.group(2));
            while (f.find()) frames.add(f.group(2) + " bci " + f.group(1));
            if (frames.size() > 1 && frames.get(0).startsWith("io.gil4j.bootstrap.")
                    && !frames.get(frames.size() - 1).startsWith("io.gil4j.bootstrap.")) {
                inGil.add(m.group(1) + " " + frames);
            }
        }
        System.out.printf("%s: uncommon traps in the GIL's code: %s%n", java, inGil);
        assertThat(inGil).as("uncommon traps in the GIL's inlined code").isEmpty();
    }
}
