package io.gil4j.demo.report;

import io.gil4j.demo.seed.SeedResult;

import java.util.List;
import java.util.Locale;

/**
 * The seed table of docs/design.md section 8: rows single thread / 2 threads / 2 processes, columns CPU
 * and I/O seconds, one pair of columns per setting (no agent, mode=off, mode=gil...), followed by
 * the ratios to the single thread, which are what must match CPython (seconds need not).
 */
public final class SeedTable {
    private SeedTable() {
    }

    public static String render(List<SeedResult> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no results to tabulate");
        }
        SeedResult first = results.get(0);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "seed experiment: countdown %,d (2 threads / 2 processes: 2 halves); %d requests at %d ms latency%n",
                first.n(), first.requests(), first.latencyMs()));
        for (SeedResult r : results) {
            if (r.n() != first.n() || r.requests() != first.requests() || r.latencyMs() != first.latencyMs()) {
                out.append(String.format(Locale.ROOT, "  note: '%s' ran with n=%,d, %d requests, %d ms%n",
                        r.label(), r.n(), r.requests(), r.latencyMs()));
            }
        }
        out.append('\n');

        TextTable seconds = new TextTable();
        String[] settings = new String[1 + 2 * results.size()];
        String[] units = new String[settings.length];
        settings[0] = "seconds";
        units[0] = "";
        for (int i = 0; i < results.size(); i++) {
            settings[1 + 2 * i] = results.get(i).label();
            settings[2 + 2 * i] = "";
            units[1 + 2 * i] = "CPU";
            units[2 + 2 * i] = "I/O";
        }
        seconds.header(settings).header(units);
        seconds.row(cells("single thread", results, r -> r.cpuSingle(), r -> r.ioSingle(), 2));
        seconds.row(cells("2 threads", results, r -> r.cpuThreads(), r -> r.ioThreads(), 2));
        seconds.row(cells("2 processes", results, r -> r.cpuProcesses(), r -> r.ioProcesses(), 2));
        out.append(seconds.render()).append('\n');

        TextTable ratios = new TextTable();
        String[] ratioHeader = settings.clone();
        ratioHeader[0] = "ratio to single thread";
        ratios.header(ratioHeader).header(units);
        ratios.row(cells("2 threads", results, r -> r.cpuThreads() / r.cpuSingle(), r -> r.ioThreads() / r.ioSingle(), 2));
        ratios.row(cells("2 processes", results, r -> r.cpuProcesses() / r.cpuSingle(), r -> r.ioProcesses() / r.ioSingle(), 2));
        out.append(ratios.render());
        out.append("CPython 3.11 reference (docs/design.md 8): CPU 2 threads ~1.0-1.1, 2 processes ~0.5-0.8; I/O 2 threads 0.5, 2 processes 0.5\n");
        return out.toString();
    }

    private static String[] cells(String name, List<SeedResult> results,
                                  java.util.function.ToDoubleFunction<SeedResult> cpu,
                                  java.util.function.ToDoubleFunction<SeedResult> io, int decimals) {
        String[] row = new String[1 + 2 * results.size()];
        row[0] = name;
        for (int i = 0; i < results.size(); i++) {
            row[1 + 2 * i] = TextTable.number(cpu.applyAsDouble(results.get(i)), decimals);
            row[2 + 2 * i] = TextTable.number(io.applyAsDouble(results.get(i)), decimals);
        }
        return row;
    }
}
