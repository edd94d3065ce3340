package io.gil4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Python 2's GIL: two CPU-bound threads are no faster than one, and the GIL is switched (released
 * and re-taken, Python 2's check every 100 ticks) far more often than the new GIL's once per interval.
 * Holder changes alone are not the measure: on several cores the releasing thread usually wins the
 * re-take while the woken waiter fails (Beazley's thrashing), so the count is of acquisitions.
 */
class LegacyModeIT {

    @TempDir
    Path dir;

    static long acquisitions(Path jfr) throws Exception {
        long max = 0;
        java.util.Map<Long, Long> perThread = new java.util.HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("gil.Stats")) continue;
            perThread.merge(e.getLong("gilThreadId"), e.getLong("acquisitions"), Math::max);
        }
        for (long s : perThread.values()) max += s;
        return max;
    }

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void legacyThrashes(String java) throws Exception {
        Path gil = dir.resolve("gil.jfr");
        Path legacy = dir.resolve("legacy.jfr");
        // The faster of two one-thread JVMs: a fresh-clone CI once had one at 1.88 s where nine others took
        // 0.71-1.01 s (JDK 17), and 2t/1t fell to 0.55. A legacy GIL that did not serialize stays near 0.5 either way.
        double one = Math.min(legacyOneThread(java), legacyOneThread(java));
        double two = Jvm.run(java, Jvm.INCLUDE + ",mode=legacy,jfr=" + legacy, "io.gil4j.testkit.work.Countdown", 120, "2", "100000000", "warm-up").ok().number("seconds");
        double gilTwo = Jvm.run(java, Jvm.INCLUDE + ",mode=gil,jfr=" + gil, "io.gil4j.testkit.work.Countdown", 120, "2", "100000000", "warm-up").ok().number("seconds");
        double legacyRate = acquisitions(legacy) / two;
        double gilRate = acquisitions(gil) / gilTwo;
        System.out.printf("%s: legacy 1t %.2f s, 2t %.2f s; GIL acquisitions/s legacy %.0f, gil %.0f%n", java, one, two, legacyRate, gilRate);
        assertThat(Files.size(legacy)).isPositive();
        // Serialized, two threads take at least as long as one; in parallel (no agent, or a legacy GIL that does
        // not serialize) half as long, and 0.10-0.15 under mode=off where C2 folds the loop. 0.8 tells them apart
        // with room for the countdown's two speeds per JVM: fresh-clone CIs on JDK 17 saw 1.65 and 0.99.
        assertThat(two / one).as("legacy: 2 threads / 1 thread").isGreaterThan(0.8);
        assertThat(legacyRate).as("GIL switches (acquisitions)/s, legacy vs gil").isGreaterThan(20 * gilRate);
    }

    private static double legacyOneThread(String java) throws Exception {
        return Jvm.run(java, Jvm.INCLUDE + ",mode=legacy", "io.gil4j.testkit.work.Countdown", 120, "1", "200000000", "warm-up")
                .ok().number("seconds");
    }
}
