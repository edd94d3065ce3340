package io.gil4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentOptionsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsFollowCPython() {
        AgentOptions o = AgentOptions.parse("include=com.example.**");
        assertThat(o.mode).isEqualTo(AgentOptions.Mode.GIL);
        assertThat(o.intervalNanos).isEqualTo(5_000_000L);
        assertThat(o.checkInterval).isEqualTo(100);
        assertThat(o.waitThresholdNanos).isZero();
        assertThat(o.holdThresholdNanos).isEqualTo(1_000_000L);
        assertThat(o.statsPeriodNanos).isEqualTo(1_000_000_000L);
        assertThat(o.jfr).isNull();
        assertThat(AgentOptions.parse("include=a.**,jfr=./false").jfr).hasFileName("false");
        assertThat(o.settleHeap).isTrue();
        assertThat(AgentOptions.parse("include=a.**,settleHeap=false").settleHeap).isFalse();
        assertThat(o.resetProfiles).isTrue();
        assertThat(AgentOptions.parse("include=a.**,resetProfiles=false").resetProfiles).isFalse();
        assertThat(o.elidePrivate).isTrue();
        assertThat(AgentOptions.parse("include=a.**,elidePrivate=false").elidePrivate).isFalse();
        assertThat(o.heldCopies).isTrue();
        assertThat(AgentOptions.parse("include=a.**,heldCopies=false").heldCopies).isFalse();
        assertThat(o.idleCompilerThreads).isFalse();
        assertThat(AgentOptions.parse("include=a.**,compilerThreads=idle").idleCompilerThreads).isTrue();
        assertThat(AgentOptions.parse("include=a.**,compilerThreads=normal").idleCompilerThreads).isFalse();
        assertThat(o.compilerDirective).isTrue();
        assertThat(AgentOptions.parse("include=a.**,compilerDirective=false").compilerDirective).isFalse();
    }

    @Test
    void listsSplitOnSemicolonAndBar() {
        AgentOptions o = AgentOptions.parse("include=a.**;b.*|c.D,exclude=a.x.**,release=n.Native.compute;n.Other#run");
        assertThat(o.include).containsExactly("a.**", "b.*", "c.D");
        assertThat(o.exclude).containsExactly("a.x.**");
        assertThat(o.release).containsExactly("n.Native.compute", "n.Other#run");
    }

    @ParameterizedTest
    @CsvSource({"5ms,5000000", "500us,500000", "0.1ms,100000", "1s,1000000000", "250ns,250", "2 ms,2000000"})
    void durations(String text, long nanos) {
        assertThat(AgentOptions.parse("include=a.**,interval=" + text).intervalNanos).isEqualTo(nanos);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "include=a.**,interval=0 | interval=0",
        "include=a.**,interval=5 | interval=5",
        "include=a.**,interval=-1ms | interval=-1ms",
        "include=a.**,mode=python | mode=python: accepted values are gil, legacy, off",
        "include=a.**,compilerThreads=low | compilerThreads=low: accepted values are normal, idle",
        "include=a.**,checkInterval=zero | checkInterval=zero",
        "include=a.**,throughput=run | throughput=run",
        "include=a.**,nonsense | 'nonsense' is not key=value",
        "include=a.**,Interval=5ms | unknown option 'Interval'",
        "interval=5ms | include= is required",
        "include=a.**,jfr=false | jfr=false: takes the file to write the recording to",
        "include=a.**,jfr=TRUE | jfr=TRUE: takes the file to write the recording to",
    })
    void badOptionsNameTheOptionAndWhatIsAccepted(String args, String message) {
        assertThatThrownBy(() -> AgentOptions.parse(args)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void configFileIsReadAndCommandLineWins() throws Exception {
        Path f = dir.resolve("gil.properties");
        Files.writeString(f, "# experiment\ninclude=com.example.**\ninterval=1ms\nmode=legacy\n");
        AgentOptions o = AgentOptions.parse("config=" + f + ",mode=off");
        assertThat(o.include).containsExactly("com.example.**");
        assertThat(o.intervalNanos).isEqualTo(1_000_000L);
        assertThat(o.mode).isEqualTo(AgentOptions.Mode.OFF);
    }

    @Test
    void aMissingConfigFileIsOneClearMessage() {
        assertThatThrownBy(() -> AgentOptions.parse("config=" + dir.resolve("nope.properties")))
                .hasMessageStartingWith("config=").hasMessageContaining("cannot read it");
    }
}
