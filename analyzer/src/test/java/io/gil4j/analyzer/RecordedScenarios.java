package io.gil4j.analyzer;

import com.example.workload.Scenarios;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The scenario recordings, written once per test JVM (recording costs real time) into a temp folder
 * deleted at exit. Tests must treat the files as read-only.
 */
public final class RecordedScenarios {
    private static Path dir;
    private static Path cpuBound, ioBound, convoy, legacy, extension, hostile, offOps, gilOps, offPlain, gilPlain;

    private RecordedScenarios() {
    }

    private static synchronized Path dir() throws Exception {
        if (dir == null) {
            dir = Files.createTempDirectory("gil-analyzer-test");
            dir.toFile().deleteOnExit();
        }
        return dir;
    }

    private static Path file(String name) throws Exception {
        Path p = dir().resolve(name);
        p.toFile().deleteOnExit();
        return p;
    }

    public static synchronized Path cpuBound() throws Exception {
        return cpuBound != null ? cpuBound : (cpuBound = Scenarios.cpuBound(file("cpu.jfr")));
    }

    public static synchronized Path ioBound() throws Exception {
        return ioBound != null ? ioBound : (ioBound = Scenarios.ioBound(file("io.jfr")));
    }

    public static synchronized Path convoy() throws Exception {
        return convoy != null ? convoy : (convoy = Scenarios.convoy(file("convoy.jfr")));
    }

    public static synchronized Path legacy() throws Exception {
        return legacy != null ? legacy : (legacy = Scenarios.legacyThrash(file("legacy.jfr")));
    }

    public static synchronized Path extension() throws Exception {
        return extension != null ? extension : (extension = Scenarios.extensionHold(file("extension.jfr")));
    }

    public static synchronized Path hostile() throws Exception {
        return hostile != null ? hostile : (hostile = Scenarios.hostileNames(file("hostile.jfr")));
    }

    public static synchronized Path offWithOps() throws Exception {
        return offOps != null ? offOps : (offOps = Scenarios.abSide(file("off-ops.jfr"), false, true));
    }

    public static synchronized Path gilWithOps() throws Exception {
        return gilOps != null ? gilOps : (gilOps = Scenarios.abSide(file("gil-ops.jfr"), true, true));
    }

    public static synchronized Path offPlain() throws Exception {
        return offPlain != null ? offPlain : (offPlain = Scenarios.abSide(file("off.jfr"), false, false));
    }

    public static synchronized Path gilPlain() throws Exception {
        return gilPlain != null ? gilPlain : (gilPlain = Scenarios.abSide(file("gil.jfr"), true, false));
    }

    /** A temp file for a test's output. */
    public static Path scratch(String name) throws Exception {
        return file(name);
    }
}
