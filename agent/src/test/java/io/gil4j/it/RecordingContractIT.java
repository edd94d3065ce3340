package io.gil4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.contract.ContractCheck;
import io.gil4j.contract.EventContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real recording's metadata (what JMC and the analyzer see: event names, fields, types, units) is
 * the contract of io.gil4j.contract.EventContract, on every JDK under test: the shaded jar, JFR's
 * registration and the JDK's metadata writer all sit between the event classes and this.
 */
class RecordingContractIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void theRecordingsMetadataIsTheContract(String java) throws Exception {
        Path jfr = dir.resolve("contract.jfr");
        Jvm.run(java, Jvm.INCLUDE + ",jfr=" + jfr, Jvm.nativeAccess(java), "io.gil4j.it.work.ColdPaths", 60, "0.5").ok();
        List<String> mismatches = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        try (RecordingFile f = new RecordingFile(jfr)) {
            for (EventType t : f.readEventTypes()) {
                if (!t.getName().startsWith("gil.")) continue;
                names.add(t.getName());
                mismatches.addAll(ContractCheck.mismatches(t));
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(names).isEqualTo(new TreeSet<>(EventContract.EVENTS.stream().map(EventContract.Event::name).toList()));
    }
}
