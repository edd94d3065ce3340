package io.gil4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * C2 inlines the held copies (HeldCopies): read from the JIT's own inlining decisions, recorded by JFR
 * ({@code jdk.CompilerInlining}) in a program whose hot calls go from javac's bridge methods to their
 * real methods' copies ({@code Visitors}). C2 inlines no method whose signature names a class its
 * holder's loader has not resolved ("unloaded signature classes"). With a marker class of gil4j's own
 * as the copies' extra parameter, resolved through the program's loader only at a copy's first call
 * from the interpreter, C2 often compiled the visitors before that and left the calls to the copies
 * calls for the rest of the run: this test failed in 3 runs of 4 with that marker (JDK 25 each time,
 * JDK 17 in one); the copies now take {@code Gil}, which every instrumented class has resolved before
 * any of its code is hot. No timing involved.
 */
class HeldCopyInliningIT {
    private static final String MARKER = "Lio/gil4j/bootstrap/";

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void c2InlinesTheCallsToHeldCopies(String java) throws Exception {
        Path settings = dir.resolve("inlining.jfc");
        try (InputStream in = HeldCopyInliningIT.class.getResourceAsStream("inlining.jfc")) {
            Files.copy(in, settings);
        }
        Path jfr = dir.resolve("inlining.jfr");
        List<String> jvmArgs = new ArrayList<>(Jvm.nativeAccess(java));
        jvmArgs.add("-XX:StartFlightRecording=settings=" + settings + ",filename=" + jfr);
        Jvm.run(java, Jvm.INCLUDE, jvmArgs, "io.gil4j.it.work.Visitors", 120, "20000").ok();

        List<String> inlined = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.CompilerInlining")) continue;
            RecordedObject callee = e.getValue("callee");
            String descriptor = callee.getString("descriptor");
            if (!callee.getString("type").startsWith("io/gil4j/it/work/Visitors") || !descriptor.contains(MARKER)) continue;
            String call = callee.getString("name") + descriptor + " (" + e.getString("message") + ")";
            if (e.getBoolean("succeeded")) inlined.add(call);
            else refused.add(call);
        }
        System.out.printf("HeldCopyInliningIT JDK %d: %d calls to copies inlined, %d not: %s%n",
                Jvm.feature(java), inlined.size(), refused.size(), refused);
        assertThat(refused).as("calls to held copies C2 did not inline").noneMatch(c -> c.contains("unloaded signature"));
        assertThat(inlined).as("calls to held copies inlined").anyMatch(c -> c.startsWith("num(") || c.startsWith("add("));
    }
}
