package io.gil4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Python 2's GIL: two CPU-bound threads are no faster than one, and the GIL changes hands far more often. */
class LegacyModeIT {

    @TempDir
    Path dir;

    static long switches(Path jfr) throws Exception {
        long max = 0;
        java.util.Map<Long, Long> perThread = new java.util.HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("gil.Stats")) continue;
            perThread.merge(e.getLong("gilThreadId"), e.getLong("switches"), Math::max);
        }
        for (long s : perThread.values()) max += s;
        return max;
    }

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void legacyThrashes(String java) throws Exception {
        Path gil = dir.resolve("gil.jfr");
        Path legacy = dir.resolve("legacy.jfr");
        double one = Jvm.run(java, Jvm.INCLUDE + ",mode=legacy", "io.gil4j.it.work.Countdown", 120, "400000000", "1").ok().number("seconds");
        double two = Jvm.run(java, Jvm.INCLUDE + ",mode=legacy,jfr=" + legacy, "io.gil4j.it.work.Countdown", 120, "400000000", "2").ok().number("seconds");
        double gilTwo = Jvm.run(java, Jvm.INCLUDE + ",mode=gil,jfr=" + gil, "io.gil4j.it.work.Countdown", 120, "400000000", "2").ok().number("seconds");
        double legacyRate = switches(legacy) / two;
        double gilRate = switches(gil) / gilTwo;
        System.out.printf("%s: legacy 1t %.2f s, 2t %.2f s; switches/s legacy %.0f, gil %.0f%n", java, one, two, legacyRate, gilRate);
        assertThat(Files.size(legacy)).isPositive();
        assertThat(two / one).as("legacy: 2 threads / 1 thread").isGreaterThan(0.95);
        assertThat(legacyRate).as("switches/s, legacy vs gil").isGreaterThan(5 * gilRate);
    }
}
