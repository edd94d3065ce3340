package io.gil4j.agent.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.bootstrap.Gil;
import io.gil4j.bootstrap.GilLock;
import io.gil4j.bootstrap.GilReasons;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JfrUnit style: real JFR in the test JVM, the lock driven directly, assertions on the recorded events. */
class JfrGilListenerTest {

    @TempDir
    Path dir;

    @AfterEach
    void uninstall() {
        Gil.install(new GilLock(GilLock.Mode.DISABLED, 5_000_000L, 100));
    }

    static long spin(long until) {
        long x = 1;
        while (System.nanoTime() < until) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            Gil.checkpoint();
        }
        return x;
    }

    @Test
    void contentionIsRecordedAsWaitsHoldsDropRequestsReleasesAndStats() throws Exception {
        GilLock lock = new GilLock(GilLock.Mode.GIL, 2_000_000L, 100);
        lock.setListener(new JfrGilListener());
        Gil.install(lock);
        Path file = dir.resolve("unit.jfr");
        try (Recording r = new Recording()) {
            r.setSettings(AgentRecording.settings(0, 0, 0, 1_000_000_000L));
            r.start();
            long until = System.nanoTime() + 150_000_000L;
            Runnable work = () -> {
                boolean a = Gil.enter();
                try {
                    spin(until);
                    boolean rel = Gil.beginBlocking("test.io", GilReasons.KIND_IO);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        Gil.endBlocking(rel);
                    }
                } finally {
                    Gil.exit(a);
                }
            };
            Thread t1 = new Thread(work, "jfr-one");
            Thread t2 = new Thread(work, "jfr-two");
            t1.start();
            t2.start();
            t1.join();
            t2.join();
            StatsSampler.emitAll();
            r.stop();
            r.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        List<String> names = events.stream().map(e -> e.getEventType().getName()).distinct().collect(Collectors.toList());
        assertThat(names).contains("gil.Wait", "gil.Hold", "gil.DropRequest", "gil.Release", "gil.Stats");
        assertThat(events).filteredOn(e -> e.getEventType().getName().equals("gil.Hold"))
                .anyMatch(e -> e.getString("endReason").equals("drop-request"));
        assertThat(events).filteredOn(e -> e.getEventType().getName().equals("gil.Wait"))
                .allMatch(e -> List.of("entry", "io-return", "switch", "revoked").contains(e.getString("reason")))
                .allMatch(e -> e.getStackTrace() != null);
        assertThat(events).filteredOn(e -> e.getEventType().getName().equals("gil.Release"))
                .anyMatch(e -> e.getString("blockingPoint").equals("test.io") && e.getString("kind").equals("io")
                        && e.getDuration().toMillis() >= 4);
        assertThat(events).filteredOn(e -> e.getEventType().getName().equals("gil.Stats"))
                .anyMatch(e -> "jfr-one".equals(e.getString("gilThreadName")) && e.getLong("heldNanos") > 0
                        && e.getLong("releasedIoNanos") >= 4_000_000L);
    }
}
