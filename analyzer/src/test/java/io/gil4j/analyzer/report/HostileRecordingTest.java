package io.gil4j.analyzer.report;

import com.example.workload.Workers;
import io.gil4j.agent.testevents.Emit;
import io.gil4j.agent.testevents.Emit.StatsSpec;
import io.gil4j.agent.testevents.GilTestEvents;
import io.gil4j.analyzer.Analyzer;
import io.gil4j.analyzer.GilEventNames;
import io.gil4j.analyzer.cli.CliRun;
import io.gil4j.analyzer.model.RunModel;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static io.gil4j.analyzer.report.HostileChecks.*;

/**
 * Issue #5, "the analyzer on hostile recordings": one real JFR recording (written in this JVM) in which
 * every string that can reach a report is hostile: thread names; stack frames of a class and a method
 * whose names (generated class file, defined at test time) hold quotes, ampersands, control characters,
 * U+2028, backslashes and surrogates; wait reasons, hold end reasons, release kinds and blocking
 * points, revocation holder states, operation methods; every gil.Config string; instrumentation error
 * class names and messages; and the recording's file name. Strings of several kilobytes are among them.
 *
 * <p>Each format of {@code report} and {@code compare} is checked: JSON parses, validates against the
 * schema and gives back the recorded strings exactly (as the JDK's own JFR reader reads them: JFR keeps
 * event strings as written, but writes class, method and thread names in the JVM's modified UTF-8, so
 * NUL and surrogates in those come back as U+FFFD from any reader); text has no control character but
 * the newlines that end its rows, so no escape sequence reaches a terminal and no name splits a row;
 * HTML has no markup but the report's own and every string appears entity-escaped.
 */
class HostileRecordingTest {
    static final String SCRIPT = "<script>alert(\"x\")</script>&amp;'<img src=x onerror=alert(1)>";
    static final String C0 = IntStream.range(0, 0x20).mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining());
    /** Terminal escape sequences: clear screen, colour, window title (OSC ... BEL), C1 CSI, DEL, NEL. */
    static final String TERMINAL = "\u001b[2J\u001b[31mred\u001b]0;title\u0007\u009b1m\u007f\u0085";
    static final String SEPARATORS = "a\u2028b\u2029c\rd\ne\\n\\u0000\\\"";
    static final String UNICODE = "\ud83d\ude00 lone:\ud800 \udfff \u202eevil\u202c";
    static final String PAYLOAD = SCRIPT + "|" + C0 + "|" + TERMINAL + "|" + SEPARATORS + "|" + UNICODE;
    /** What JVM names (class, method) may hold: no . ; [ / and, in method names, no &lt; &gt;. */
    static final String NAME_PAYLOAD = "\"'&amp&" + C0 + "\u001bc\u009b1m\u007f\u0085\u2028\u2029\\" + "\ud83d\ude00 \ud800";
    static final String LONG = "long-" + "\\<&\"'".repeat(1200) + PAYLOAD.repeat(20);

    static final int THREADS = 3;
    static final long MS = 1_000_000L;

    static Path dir;
    static Path recording;
    /** The recorded strings, by what they are; each must reach the reports intact (JSON) or escaped. */
    static final Map<String, String> threadNames = new LinkedHashMap<>();
    static final Map<String, String> frames = new LinkedHashMap<>();
    static final Map<String, String> config = new LinkedHashMap<>();
    static final List<String> waitReasons = new ArrayList<>();
    static final List<String> endReasons = new ArrayList<>();
    static final List<String> releaseKinds = new ArrayList<>();
    static final List<String> holderStates = new ArrayList<>();
    static final List<String> operations = new ArrayList<>();
    static final List<String> errors = new ArrayList<>();
    /** Thread names and top frames as the JDK's JFR reader reads them from the recording, by thread ("t0".."t2"). */
    static Map<String, String> jdkThreadNames;
    static Map<String, String> jdkTopFrames;

    @BeforeAll
    static void record() throws Exception {
        dir = Files.createTempDirectory("gil-hostile");
        // ASCII only (the JVM's file name encoding may be ASCII), but quotes, markup and control characters
        recording = dir.resolve("rec<script>\"'&amp;\u001b[31m\n\t\\.jfr");
        config.put("include", "include " + PAYLOAD);
        config.put("exclude", "exclude " + LONG);
        config.put("release", "release " + PAYLOAD);
        config.put("throughput", "throughput " + PAYLOAD);
        config.put("options", "options " + PAYLOAD);
        config.put("javaVersion", "java " + PAYLOAD);
        config.put("agentVersion", "agent " + PAYLOAD);
        HostileClassFile.Loader loader = new HostileClassFile.Loader(HostileRecordingTest.class.getClassLoader());
        List<Method> waitMethods = new ArrayList<>();
        for (int k = 0; k < THREADS; k++) {
            threadNames.put("t" + k, "t" + k + " " + (k == 1 ? LONG : PAYLOAD));
            String cls = "com.example.workload.Evil" + k + "<script>alert(\"x\")" + NAME_PAYLOAD;
            String method = "m" + k + (k == 2 ? NAME_PAYLOAD.repeat(40) : NAME_PAYLOAD);
            Class<?> c = loader.define(cls, HostileClassFile.classBytes(cls.replace('.', '/'), method));
            waitMethods.add(c.getMethod(method, String.class, long.class));
            frames.put("t" + k, cls + "." + method + ":7");
            waitReasons.add("reason" + k + " " + PAYLOAD);
            endReasons.add("end" + k + " " + PAYLOAD);
            releaseKinds.add("kind" + k + " " + PAYLOAD);
            holderStates.add("state" + k + " " + PAYLOAD);
            operations.add("op" + k + " " + (k == 1 ? LONG : PAYLOAD));
            errors.add("cls" + k + " " + PAYLOAD + ": msg" + k + " " + (k == 2 ? LONG : PAYLOAD));
        }
        Emit.record(recording, () -> {
            GilTestEvents.Config c = new GilTestEvents.Config();
            c.mode = "gil";
            c.interval = MS;
            c.checkInterval = 100;
            c.include = config.get("include");
            c.exclude = config.get("exclude");
            c.release = config.get("release");
            c.throughput = config.get("throughput");
            c.waitThreshold = 0;
            c.holdThreshold = 0;
            c.statsPeriod = 1_000_000_000L;
            c.options = config.get("options");
            c.javaVersion = config.get("javaVersion");
            c.cores = 2;
            c.agentVersion = config.get("agentVersion");
            c.commit();
            Map<String, Runnable> bodies = new LinkedHashMap<>();
            for (int k = 0; k < THREADS; k++) {
                int i = k;
                bodies.put(threadNames.get("t" + k), () -> {
                    try {
                        waitMethods.get(i).invoke(null, waitReasons.get(i), MS / 2);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                    Emit.hold(endReasons.get(i), 1, MS / 2);
                    if (i == 0) { // overdue holds: the uninstrumented-hold finding names this thread
                        for (int h = 0; h < 3; h++) {
                            Emit.hold("drop-request", 1, 3 * MS);
                        }
                    }
                    Emit.release(releaseKinds.get(i), "blocking" + i + " " + PAYLOAD, MS / 2);
                    Emit.operation(operations.get(i), 10_000);
                });
            }
            Workers.run(bodies, threads -> {
                // t0 holds, t1 and t2 starve (the starvation finding names them); t0 is revoked
                List<Thread> ts = new ArrayList<>(threads.values());
                for (int k = 0; k < THREADS; k++) {
                    Emit.revoke(ts.get(0), holderStates.get(k));
                }
                Emit.stats(ts.get(0), new StatsSpec(1000 * MS, 900 * MS, 10 * MS, 0, 0, 0, 100, 50, 40, THREADS));
                Emit.stats(ts.get(1), new StatsSpec(1000 * MS, 20 * MS, 900 * MS, 0, 0, 0, 100, 50, 0, 0));
                Emit.stats(ts.get(2), new StatsSpec(1000 * MS, 30 * MS, 850 * MS, 0, 0, 0, 100, 50, 0, 0));
            });
            for (String e : errors) {
                int colon = e.indexOf(": msg");
                Emit.instrumentationError(e.substring(0, colon), e.substring(colon + 2));
            }
        });
        jdkThreadNames = new java.util.TreeMap<>();
        jdkTopFrames = new java.util.TreeMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals(GilEventNames.WAIT)) {
                continue;
            }
            RecordedThread t = e.getThread();
            String key = t.getJavaName().substring(0, 2);
            jdkThreadNames.put(key, t.getJavaName());
            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                String type = f.getMethod().getType().getName();
                if (!type.startsWith("io.gil4j.agent.")) {
                    jdkTopFrames.put(key, type + "." + f.getMethod().getName() + ":" + f.getLineNumber());
                    break;
                }
            }
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The names JFR stores for the hostile threads and frames, read back by the JDK: markup and escapes kept. */
    @Test
    void theRecordingHoldsTheHostileNames() {
        check(jdkThreadNames.keySet().equals(threadNames.keySet()), "threads of the wait events", jdkThreadNames.keySet());
        check(jdkTopFrames.keySet().equals(threadNames.keySet()), "top frames of the wait events", jdkTopFrames);
        for (Map<String, String> names : List.of(jdkThreadNames, jdkTopFrames)) {
            for (String n : names.values()) {
                for (String part : List.of("\"", "'", "&", "<script>", "\u0001", "\u001f", "\t", "\r", "\n", "\u001b",
                        "\u007f", "\u0085", "\u2028", "\u2029", "\\")) {
                    contains(n, part, "recorded name");
                }
            }
        }
        check(jdkThreadNames.get("t1").length() > 5000, "long thread name kept", jdkThreadNames.get("t1").length());
        check(jdkTopFrames.get("t2").length() > 2000, "long method name kept", jdkTopFrames.get("t2").length());
        // JFR keeps these names exactly but NUL and surrogates: it writes them in the JVM's modified UTF-8,
        // which the JDK's reader (like the analyzer) decodes as UTF-8, giving U+FFFD for those
        threadNames.forEach((k, v) -> same(jdkThreadNames.get(k), modifiedUtf8AsUtf8(v), "thread name " + k));
        frames.forEach((k, v) -> same(jdkTopFrames.get(k), modifiedUtf8AsUtf8(v), "top frame " + k));
    }

    /**
     * What the JSON writer makes of a recorded value: a lone surrogate, which is not Unicode text,
     * becomes U+FFFD (I-JSON); everything else comes back exactly.
     */
    static Object asJson(Object v) {
        if (v instanceof String s) {
            int[] cps = s.codePoints().map(cp -> cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp).toArray();
            return new String(cps, 0, cps.length);
        }
        return v;
    }

    static List<Object> asJsonAll(java.util.Collection<?> c) {
        return c.stream().map(HostileRecordingTest::asJson).toList();
    }

    @Test
    void jsonReportGivesBackEveryString() throws Exception {
        CliRun r = CliRun.run("report", "--format", "json", recording.toString());
        check(r.code() == 0, "exit code", r.code(), r.err());
        Map<String, Object> doc = object(JsonTree.parse(r.out()));
        assertThat(ReportSchema.validate(r.out())).isEmpty();
        checkReportBody(doc);
    }

    @SuppressWarnings("unchecked")
    private static void checkReportBody(Map<String, Object> doc) {
        same(doc.get("files"), List.of(recording.toString()), "files");
        same(object(((List<Object>) doc.get("runs")).get(0)).get("file"), recording.toString(), "runs[0].file");
        Map<String, Object> cfg = object(doc.get("config"));
        config.forEach((k, v) -> same(cfg.get(k), asJson(v), "config." + k));
        sameElements(object(object(doc.get("waits")).get("byReason")).keySet(), asJsonAll(waitReasons), "waits.byReason");
        Set<String> ends = new LinkedHashSet<>(endReasons);
        ends.add("drop-request");
        sameElements(object(object(doc.get("holds")).get("byEndReason")).keySet(), asJsonAll(ends), "holds.byEndReason");
        sameElements(object(doc.get("releasesByKind")).keySet(), asJsonAll(releaseKinds), "releasesByKind");
        sameElements(object(object(doc.get("operations")).get("byMethod")).keySet(), asJsonAll(operations), "operations.byMethod");
        sameElements(object(doc.get("revocationsByHolderState")).keySet(), asJsonAll(holderStates), "revocationsByHolderState");
        List<String> names = ((List<Object>) doc.get("threads")).stream().map(t -> (String) object(t).get("name")).toList();
        sameElements(names, jdkThreadNames.values(), "threads[].name");
        List<String> tops = ((List<Object>) doc.get("topWaitStacks")).stream()
                .map(s -> (String) ((List<Object>) object(s).get("frames")).get(0)).toList();
        sameElements(tops, jdkTopFrames.values(), "topWaitStacks[].frames[0]");
        Map<String, String> messages = new LinkedHashMap<>();
        Map<String, Object> numbers = new LinkedHashMap<>();
        for (Object f : (List<Object>) doc.get("findings")) {
            messages.put((String) object(f).get("id"), (String) object(f).get("message"));
            numbers.putAll(object(object(f).get("numbers")));
        }
        contains(messages.get("starvation"), jdkThreadNames.get("t1"), "starvation finding");
        contains(messages.get("starvation"), jdkThreadNames.get("t2"), "starvation finding");
        contains(messages.get("uninstrumented-hold"), jdkThreadNames.get("t0"), "uninstrumented-hold finding");
        contains(messages.get("hidden-blocking"), jdkThreadNames.get("t0"), "hidden-blocking finding");
        for (String s : holderStates) {
            contains(messages.get("hidden-blocking"), (String) asJson(s), "hidden-blocking finding");
            check(numbers.containsKey("holderState." + asJson(s)), "hidden-blocking numbers", numbers.keySet());
        }
        same(numbers.get("worstThread"), jdkThreadNames.get("t1"), "starvation numbers.worstThread");
    }

    @Test
    void textReportHasNoControlCharactersAndOneLinePerRow() {
        CliRun r = CliRun.run("report", recording.toString());
        check(r.code() == 0, "exit code", r.code(), r.err());
        assertNoTerminalControls(r.out());
        String text = separatorsAsChecked(r.out());
        List<String> lines = text.lines().toList();
        // the thread table: a header and one row per thread, each starting with the (cut) name
        int header = indexOfPrefix(lines, "Threads (shares");
        List<String> rows = lines.subList(header + 2, header + 2 + THREADS);
        same(lines.get(header + 2 + THREADS), "", "line after the thread table");
        for (String row : rows) {
            String name = jdkThreadNames.get(row.substring(2, 4));
            check(name != null && row.contains(" stats "), "thread row", row);
            same(row.substring(2, 2 + 27), expectedClean(name).substring(0, 27), "thread row");
        }
        // every stack frame on its own line, whole and cleaned
        int stacks = indexOfPrefix(lines, "Top stacks where threads wait");
        for (String top : jdkTopFrames.values()) {
            check(lines.contains("        at " + expectedClean(top)), "frame line", expectedClean(top));
        }
        for (String l : lines.subList(stacks + 1, indexOfPrefix(lines, "Findings"))) {
            check(l.matches(" {2}[ \\d]\\d\\. .*| {8}(at|<-) .*|"), "stack section line", l);
        }
        // findings that quote thread names and holder states: one line each, cleaned
        for (String l : lines.subList(indexOfPrefix(lines, "Findings") + 1, lines.size())) {
            check(l.matches(" {2}(\\[[A-Z_]+]\\s+[A-Z][^:]*: .*|no warnings)|Single-recording loss estimate.*|"),
                    "findings line", l);
        }
        contains(text, expectedClean(recording.toString()), "text report");
        contains(text, expectedClean(jdkThreadNames.get("t1")), "text report");
        for (String s : holderStates) {
            contains(text, expectedClean(s), "text report");
        }
    }

    @Test
    void htmlReportEscapesEveryString() {
        CliRun r = CliRun.run("report", "--format", "html", recording.toString());
        check(r.code() == 0, "exit code", r.code(), r.err());
        String html = r.out();
        assertOnlyOwnMarkup(html);
        List<String> visible = new ArrayList<>();
        visible.addAll(jdkThreadNames.values());
        visible.addAll(jdkTopFrames.values());
        visible.addAll(holderStates);
        visible.add(config.get("options"));
        visible.add(recording.toString());
        visible.addAll(waitReasons.stream().map(w -> "wait: " + w).toList());
        String text = unescape(html);
        for (String s : visible) {
            contains(html, expectedHtml(s), "html");
            contains(text, expectedHtmlText(s), "text of the html page");
        }
    }

    @Test
    void compareInEveryFormat() throws Exception {
        String a = recording.toString();
        CliRun json = CliRun.run("compare", "--format", "json", a, a);
        check(json.code() == 0, "exit code", json.code(), json.err());
        Map<String, Object> doc = object(JsonTree.parse(json.out()));
        assertThat(ReportSchema.validate(json.out())).isEmpty();
        checkReportBody(object(doc.get("reportA")));
        checkReportBody(object(doc.get("reportB")));
        same(object(doc.get("a")).get("files"), List.of(a), "a.files");
        same(object(doc.get("b")).get("files"), List.of(a), "b.files");

        CliRun text = CliRun.run("compare", a, a);
        check(text.code() == 0, "exit code", text.code(), text.err());
        assertNoTerminalControls(text.out());
        contains(separatorsAsChecked(text.out()), "  A: " + expectedClean(a) + "  (mode=gil", "compare text");
        contains(separatorsAsChecked(text.out()), "  B: " + expectedClean(a) + "  (mode=gil", "compare text");
        check(text.out().lines().filter(l -> l.startsWith("  A: ") || l.startsWith("  B: ")).count() == 2,
                "one line per side", text.out());

        CliRun html = CliRun.run("compare", "--format", "html", a, a);
        check(html.code() == 0, "exit code", html.code(), html.err());
        assertOnlyOwnMarkup(html.out());
        contains(html.out(), "<td>" + expectedHtml(a) + "</td>", "compare html");
        for (String s : jdkTopFrames.values()) {
            contains(html.out(), expectedHtml(s), "compare html");
        }
    }

    /** Strings that the reports do not show are still decoded exactly (the model keeps error samples). */
    @Test
    void modelKeepsInstrumentationErrorsExactly() throws Exception {
        RunModel m = Analyzer.model(List.of(recording));
        same(m.instrumentationErrors(), (long) THREADS, "instrumentation errors");
        same(m.instrumentationErrorSamples(), errors, "instrumentation error samples");
        same(m.config().include(), config.get("include"), "config.include");
    }

    /** A hostile mode string: header of the text report, HTML summary and JSON. */
    @Test
    void hostileModeInEveryFormat() throws Exception {
        Path file = dir.resolve("mode.jfr");
        String mode = "mode " + PAYLOAD;
        Emit.record(file, () -> {
            Emit.config(mode, MS, 100, "options");
            Workers.run(Map.of("plain", () -> Emit.hold("exit", 1, MS / 2)), threads -> { });
        });
        CliRun json = CliRun.run("report", "--format", "json", file.toString());
        check(json.code() == 0, "exit code", json.code(), json.err());
        Map<String, Object> doc = object(JsonTree.parse(json.out()));
        same(object(doc.get("config")).get("mode"), asJson(mode), "config.mode");
        @SuppressWarnings("unchecked")
        List<Object> runs = (List<Object>) doc.get("runs");
        same(object(runs.get(0)).get("mode"), asJson(mode), "runs[0].mode");
        CliRun html = CliRun.run("report", "--format", "html", file.toString());
        check(html.code() == 0, "exit code", html.code(), html.err());
        assertOnlyOwnMarkup(html.out());
        contains(html.out(), "mode=<b>" + expectedHtml(mode) + "</b>", "html");
        CliRun text = CliRun.run("report", file.toString());
        check(text.code() == 0, "exit code", text.code(), text.err());
        assertNoTerminalControls(text.out());
        String header = separatorsAsChecked(text.out()).lines().toList().get(1);
        check(header.startsWith("  1 run(s), mode=" + expectedClean(mode) + ", "), "text header", header);
    }

    /**
     * No text output holds U+2028 LINE SEPARATOR or U+2029 PARAGRAPH SEPARATOR: editors, browsers and log
     * viewers break lines there, so a name carrying one would split a row of the report.
     */
    @Test
    void textOutputHasNoUnicodeLineSeparators() throws Exception {
        Path mode = dir.resolve("mode-separators.jfr");
        Emit.record(mode, () -> {
            Emit.config("mode " + PAYLOAD, MS, 100, "options");
            Workers.run(Map.of("plain", () -> Emit.hold("exit", 1, MS / 2)), threads -> { });
        });
        for (CliRun r : List.of(CliRun.run("report", recording.toString()), CliRun.run("report", mode.toString()),
                CliRun.run("compare", recording.toString(), recording.toString()))) {
            check(r.code() == 0, "exit code", r.code(), r.err());
            assertNoTerminalControls(r.out());
            assertNoLineSeparators(r.out());
        }
    }

    /** An error message naming a hostile file stays one line without control characters. */
    @Test
    void errorMessageForAHostileFileName() {
        CliRun r = CliRun.run("report", dir.resolve("missing\u001b[2J\n<script>.jfr").toString());
        same(r.code(), 1, "exit code");
        same(r.errLines().length, 1, "stderr lines");
        assertNoTerminalControls(r.err());
    }

    // ------------------------------------------------------------------------------------------ checks
}
