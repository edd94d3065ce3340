package io.gil4j.it;

import io.gil4j.testkit.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The agent jar itself and how it starts: what it contains, its manifest, bad options, jfr=. */
class AgentStartupIT {

    @TempDir
    Path dir;

    @Test
    void theShadedJarHoldsOnlyOurPackages() throws Exception {
        List<String> foreign = new ArrayList<>();
        try (JarFile jar = new JarFile(Jvm.AGENT.toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String n = e.nextElement().getName();
                if (n.endsWith("/") || n.startsWith("META-INF/")) continue;
                if (!n.startsWith("io/gil4j/")) foreign.add(n);
            }
            Manifest m = jar.getManifest();
            assertThat(m.getMainAttributes().getValue("Premain-Class")).isEqualTo("io.gil4j.agent.GilAgent");
            assertThat(m.getMainAttributes().getValue("Agent-Class")).isEqualTo("io.gil4j.agent.GilAgent");
            assertThat(m.getMainAttributes().getValue("Can-Retransform-Classes")).isEqualTo("true");
        }
        assertThat(foreign).isEmpty();
    }

    /**
     * The agent runs in the program's JVM and shares the JDK's profiles with it: its own use of the JDK's
     * streams made a program's stream pipeline compile 3x slower (a stream in LoopFinder, called for
     * every class it instruments). No class of ours names {@code java.util.stream}, but the platform
     * MBean server hook, whose {@code StackWalker} has no other API and which runs once.
     */
    @Test
    void theAgentsOwnCodeUsesNoJdkStreams() throws Exception {
        List<String> users = new ArrayList<>();
        try (JarFile jar = new JarFile(Jvm.AGENT.toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                String n = entry.getName();
                if (!n.endsWith(".class") || n.startsWith("io/gil4j/shaded/")) continue;
                if (n.equals("io/gil4j/bootstrap/PlatformServerHook.class")) continue;
                byte[] bytes = jar.getInputStream(entry).readAllBytes();
                if (new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains("java/util/stream/")) users.add(n);
            }
        }
        assertThat(users).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "include=a.**,interval=abc | interval=abc",
        "include=a.**,mode=fast    | mode=fast",
        "include=a.**,colour=red   | unknown option 'colour'",
        "mode=gil                  | include= is required",
        "include=a.**,release=foo  | release=foo",
    })
    void aBadOptionStopsTheJvmWithOneLine(String options, String mentions) throws Exception {
        String java = Jvm.javas().findFirst().orElseThrow();
        ChildJvm.Result r = Jvm.run(java, options, "io.gil4j.testkit.work.Countdown", 30, "1", "1000");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.stdout).isEmpty();
        List<String> lines = r.stderr.lines().filter(l -> l.startsWith("gil4j:")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains(mentions);
        assertThat(r.stderr).doesNotContain("\tat ");
    }

    @Test
    void jfrOptionRecordsFromTheStartWithTheConfig() throws Exception {
        String java = Jvm.javas().findFirst().orElseThrow();
        Path jfr = dir.resolve("x.jfr");
        Jvm.run(java, Jvm.INCLUDE + ",interval=2ms,jfr=" + jfr, "io.gil4j.testkit.work.Countdown", 60, "2", "100000000").ok();
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        RecordedEvent config = events.stream().filter(e -> e.getEventType().getName().equals("gil.Config")).findFirst().orElseThrow();
        assertThat(config.getString("mode")).isEqualTo("gil");
        assertThat(config.getLong("interval")).isEqualTo(2_000_000L);
        assertThat(config.getString("include")).isEqualTo("io.gil4j.it.work.**;io.gil4j.testkit.work.**");
        assertThat(events).anyMatch(e -> e.getEventType().getName().equals("gil.DropRequest"));
        assertThat(events).anyMatch(e -> e.getEventType().getName().equals("gil.Wait") && e.getString("reason").equals("switch"));
        assertThat(events).anyMatch(e -> e.getEventType().getName().equals("gil.Hold") && e.getString("endReason").equals("drop-request"));
    }

    @Test
    void composesWithJfrsOwnIoInstrumentation() throws Exception {
        String java = Jvm.javas().findFirst().orElseThrow();
        Path own = dir.resolve("own.jfr");
        Path gil = dir.resolve("gil.jfr");
        ChildJvm.Result r = Jvm.run(java, Jvm.INCLUDE + ",jfr=" + gil,
                List.of("-XX:StartFlightRecording=filename=" + own + ",settings=profile"),
                "io.gil4j.testkit.work.IoBound", 60, new String[] {"2", "2", "20"}).ok();
        assertThat(r.number("result")).isEqualTo(6);
        List<RecordedEvent> mine = RecordingFile.readAllEvents(gil);
        assertThat(mine).anyMatch(e -> e.getEventType().getName().equals("gil.Stats") && e.getLong("releasedIoNanos") > 0);
        List<RecordedEvent> theirs = RecordingFile.readAllEvents(own);
        assertThat(theirs).anyMatch(e -> e.getEventType().getName().startsWith("jdk.Socket"));
    }
}
