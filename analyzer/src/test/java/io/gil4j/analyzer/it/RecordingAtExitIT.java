package io.gil4j.analyzer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.analyzer.Analyzer;
import io.gil4j.analyzer.model.RunModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A jfr= recording is complete however the JVM ends while threads contend for the GIL: main returning,
 * System.exit from main, System.exit from a thread while another waits for the GIL. JFR's own shutdown
 * hook writes it (the agent has none); an empty or unreadable file fails here, and AgentRun no longer
 * retries a run whose recording came out empty, so any test that records would catch one too.
 */
class RecordingAtExitIT {
    @TempDir
    Path tmp;

    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest
    @ValueSource(strings = {"return", "exit", "exit-from-thread", "return", "exit", "exit-from-thread"})
    void theRecordingIsCompleteAtExit(String how) throws Exception {
        AgentRun.Result r = AgentRun.run(tmp, how, "interval=1ms", "ExitWhileWaiting", how);
        assertThat(Files.size(r.recording())).as(r.output()).isPositive();
        RunModel m = Analyzer.model(List.of(r.recording()));
        assertThat(m.threads()).as("threads with gil.Stats").isNotEmpty();
        assertThat(m.switches()).as("the spinners contended").isPositive();
    }
}
