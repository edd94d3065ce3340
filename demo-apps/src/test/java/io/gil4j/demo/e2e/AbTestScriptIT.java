package io.gil4j.demo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: {@code scripts/ab-test.sh} in a short version (the real agent, analyzer and demo jars,
 * built by the reactor before this runs): the service without and with the GIL under the same load,
 * no failed request on either side, and the shape of the loss: the CPU-bound endpoint loses more
 * than the I/O-bound one, the mixed one is in between. The warm-up is 4 s: with 2 s the service without
 * the GIL was still speeding up in the measured seconds (73 to 316 req/s on /cpu in a CI run), which
 * understated the CPU-bound loss (29.0%) below the mixed one (30.9%). When the shape is not there,
 * one more pair decides (see the test).
 */
class AbTestScriptIT {

    @TempDir
    Path out;

    @Test
    void shortAbTestShowsTheLossShape() throws Exception {
        Run first = run("ab");
        try {
            first.assertTheShape();
        } catch (AssertionError e) {
            // One more pair before judging: three seconds per endpoint on two cores shared with the load
            // generator can catch one side in a slow patch (a fresh-clone CI run had side A's /mixed at
            // 204 req/s against 270-280 in earlier runs: mixed 5.2% against I/O 2.8%). A lock that does
            // not give this shape fails twice.
            System.out.printf("[AbTestScriptIT] loss per endpoint %s without the shape: one more pair%n", first.loss);
            run("ab-again").assertTheShape();
        }
    }

    private record Run(String text, Map<String, Double> loss) {
        void assertTheShape() {
            assertThat(loss).as("loss per endpoint in:%n%s", text).containsKeys("cpu", "io", "mixed");
            assertThat(loss.get("cpu")).as("CPU-bound loss vs I/O-bound loss:%n%s", text).isGreaterThan(loss.get("io") + 10);
            assertThat(loss.get("mixed")).as("mixed above I/O:%n%s", text).isGreaterThan(loss.get("io") + 5);
            assertThat(loss.get("mixed")).as("mixed below CPU:%n%s", text).isLessThan(loss.get("cpu"));
        }
    }

    private Run run(String name) throws Exception {
        Path root = Path.of(System.getProperty("gil.repo.root", "..")).toAbsolutePath().normalize();
        Path log = out.resolve(name + ".log");
        Process p = new ProcessBuilder("bash", root.resolve("scripts/ab-test.sh").toString(),
                "--duration", "3s", "--warmup", "4s", "--out", out.resolve(name).toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        if (!done) p.descendants().forEach(ProcessHandle::destroy);
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done).as("finished in time:%n%s", text).isTrue();
        assertThat(p.exitValue()).as("exit status:%n%s", text).isZero();
        assertThat(text).contains("failed requests: none");
        assertThat(out.resolve(name + "/compare.html")).exists();
        Map<String, Double> loss = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^/(cpu|io|mixed)\\s+[0-9.]+\\s+[0-9.]+\\s+(-?[0-9.]+)%").matcher(text);
        while (m.find()) loss.put(m.group(1), Double.parseDouble(m.group(2)));
        return new Run(text, loss);
    }
}
