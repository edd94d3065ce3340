package io.gil4j.demo.seed;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChildJvmCommandTest {
    @Test
    void keepsTheJvmOptionsButGivesEachChildItsOwnRecording() {
        List<String> command = ChildJvmCommand.build("/jdk/bin/java",
                List.of("-Xmx512m",
                        "-javaagent:/r/agent/target/gil.jar=include=io.gil4j.demo.seed.**,mode=gil,jfr=out/seed/gil.jfr,interval=5ms",
                        "-agentlib:jdwp=transport=dt_socket,server=y,address=5005",
                        "-XX:StartFlightRecording=filename=/tmp/x.jfr,settings=profile"),
                "/r/demo-apps/target/gil-demos.jar", "io.gil4j.demo.Main", List.of("seed-worker"), 2);

        assertThat(command).containsExactly("/jdk/bin/java", "-Xmx512m",
                "-javaagent:/r/agent/target/gil.jar=include=io.gil4j.demo.seed.**,mode=gil,jfr=out/seed/gil.child-2.jfr,interval=5ms",
                "-XX:StartFlightRecording=filename=/tmp/x.child-2.jfr,settings=profile",
                "-cp", "/r/demo-apps/target/gil-demos.jar", "io.gil4j.demo.Main", "seed-worker");
    }

    @Test
    void agentWithoutARecordingIsPassedUnchanged() {
        String agent = "-javaagent:gil.jar=include=a.b.**,mode=off";
        assertThat(ChildJvmCommand.rewriteForChild(agent, 1)).isEqualTo(agent);
        assertThat(ChildJvmCommand.rewriteForChild("-javaagent:gil.jar", 1)).isEqualTo("-javaagent:gil.jar");
    }

    @Test
    void childFileNamesKeepTheExtension() {
        assertThat(ChildJvmCommand.childFileName("out/a.b/gil.jfr", 1)).isEqualTo("out/a.b/gil.child-1.jfr");
        assertThat(ChildJvmCommand.childFileName("out/a.b/recording", 1)).isEqualTo("out/a.b/recording.child-1");
        assertThat(ChildJvmCommand.childFileName(".hidden", 3)).isEqualTo(".hidden.child-3");
    }
}
