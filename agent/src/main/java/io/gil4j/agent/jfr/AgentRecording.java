package io.gil4j.agent.jfr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import jdk.jfr.Recording;

/**
 * The {@code jfr=FILE} option: a recording of the gil events started in premain (so nothing before
 * {@code main} is lost, unlike {@code -XX:StartFlightRecording}) and written when the JVM exits.
 *
 * <p>The recording has a destination and dump-on-exit, so JFR's own shutdown hook writes the file,
 * and nothing of ours touches it at exit: two hooks writing the same recording race, and the loser
 * left a 0-byte file ("Missing chunkfile") about one run in five. The threads' last totals are
 * written by the end-of-chunk hook JFR runs while it stops the recording (see AgentInstaller).
 */
public final class AgentRecording {
    private AgentRecording() { }

    public static Map<String, String> settings(long waitThreshold, long holdThreshold, long releaseThreshold,
                                               long statsPeriod) {
        Map<String, String> s = new HashMap<>();
        for (String e : new String[] {"gil.Wait", "gil.Hold", "gil.Release", "gil.DropRequest", "gil.Revoke",
                "gil.Stats", "gil.Config", "gil.Operation", "gil.InstrumentationError"}) {
            s.put(e + "#enabled", "true");
        }
        s.put("gil.Wait#threshold", waitThreshold + " ns");
        s.put("gil.Wait#stackTrace", "true");
        s.put("gil.Hold#threshold", holdThreshold + " ns");
        s.put("gil.Release#threshold", releaseThreshold + " ns");
        s.put("gil.Operation#threshold", "0 ns");
        s.put("gil.Config#period", "everyChunk");
        s.put("gil.Stats#period", Math.max(1, statsPeriod / 1_000_000) + " ms");
        return s;
    }

    public static void start(Path file, Map<String, String> settings) throws IOException {
        Recording r = new Recording();
        r.setName("gil4j");
        r.setSettings(settings);
        r.setToDisk(true);
        r.setDestination(file);
        r.setDumpOnExit(true);
        r.start();
    }
}
