package io.gil4j.demo.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgsTest {
    private static Args parse(String... argv) {
        return Args.parse(argv, Set.of("n", "latency", "label"), Set.of("quiet"));
    }

    @Test
    void readsValuedOptionsFlagsAndPositionals() {
        Args args = parse("a.json", "--n", "1_000", "--latency=250ms", "--quiet", "b.json");
        assertThat(args.longValue("n", 0)).isEqualTo(1000);
        assertThat(args.duration("latency", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(args.flag("quiet")).isTrue();
        assertThat(args.positionals()).containsExactly("a.json", "b.json");
        assertThat(args.string("label", "fallback")).isEqualTo("fallback");
    }

    @Test
    void rejectsUnknownOptionsAndMissingValues() {
        assertThatThrownBy(() -> parse("--nn", "3")).isInstanceOf(UsageException.class).hasMessageContaining("--nn");
        assertThatThrownBy(() -> parse("--n")).isInstanceOf(UsageException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> parse("--quiet=yes")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> parse("--n", "many").longValue("n", 0)).isInstanceOf(UsageException.class);
    }

    @Test
    void parsesDurationsInEveryUnit() {
        assertThat(Args.parseDuration("x", "5ms")).isEqualTo(Duration.ofMillis(5));
        assertThat(Args.parseDuration("x", "500us")).isEqualTo(Duration.ofNanos(500_000));
        assertThat(Args.parseDuration("x", "1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Args.parseDuration("x", "2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Args.parseDuration("x", "1m")).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> Args.parseDuration("x", "fast")).isInstanceOf(UsageException.class).hasMessageContaining("--x");
        assertThatThrownBy(() -> Args.parseDuration("x", "-1s")).isInstanceOf(UsageException.class);
    }

    @Test
    void agentInfoLabelsRunsFromTheJvmCommandLine() {
        assertThat(AgentInfo.fromJvmArguments(List.of("-Xmx1g")).label()).isEqualTo("no agent");
        AgentInfo gil = AgentInfo.fromJvmArguments(List.of("-Xmx1g",
                "-javaagent:/x/agent/target/gil.jar=include=io.gil4j.demo.seed.**,interval=1ms,jfr=/tmp/a.jfr"));
        assertThat(gil.present()).isTrue();
        assertThat(gil.mode()).isEqualTo("gil");
        assertThat(gil.label()).isEqualTo("mode=gil interval=1ms");
        assertThat(AgentInfo.fromJvmArguments(List.of("-javaagent:gil.jar=mode=off")).label()).isEqualTo("mode=off");
        assertThat(AgentInfo.fromJvmArguments(List.of("-javaagent:/o/other-agent.jar=mode=off")).present()).isFalse();
        assertThat(AgentInfo.parseOptions("a=1,,b")).isEqualTo(Map.of("a", "1", "b", ""));
    }
}
