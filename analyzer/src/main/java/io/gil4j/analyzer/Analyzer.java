package io.gil4j.analyzer;

import io.gil4j.analyzer.compare.Comparison;
import io.gil4j.analyzer.compare.Comparisons;
import io.gil4j.analyzer.model.ModelBuilder;
import io.gil4j.analyzer.model.RunModel;
import io.gil4j.analyzer.read.Parser;
import io.gil4j.analyzer.rules.Rules;

import java.nio.file.Path;
import java.util.List;

/**
 * Entry point for programs and tests: recordings in, model and findings out.
 *
 * <p>Each file is one run of the program and is read in one streaming pass (only gil.* events are
 * parsed). A file that is missing, not JFR, truncated, corrupt or without gil events fails the whole
 * call with an {@link AnalyzerException} naming the file: no partial result is ever returned.
 */
public final class Analyzer {
    private Analyzer() {
    }

    /** Reads the recordings (one run each) into one model. */
    public static RunModel model(List<Path> files) throws AnalyzerException {
        return model(files, Parser.own);
    }

    /** Reads the recordings (one run each) into one model, with the given JFR parser. */
    public static RunModel model(List<Path> files, Parser parser) throws AnalyzerException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no recordings given");
        }
        ModelBuilder builder = new ModelBuilder();
        for (Path f : files) {
            parser.read(f, builder);
        }
        return builder.build();
    }

    /** The {@code report} command: model plus the findings of every rule. */
    public static AnalysisReport report(List<Path> files) throws AnalyzerException {
        return report(files, Parser.own);
    }

    public static AnalysisReport report(List<Path> files, Parser parser) throws AnalyzerException {
        RunModel model = model(files, parser);
        return new AnalysisReport(model, Rules.evaluate(model));
    }

    /** The {@code compare} command: A (baseline, e.g. mode=off) against B (e.g. mode=gil). */
    public static Comparison compare(List<Path> a, List<Path> b) throws AnalyzerException {
        return compare(a, b, Parser.own);
    }

    public static Comparison compare(List<Path> a, List<Path> b, Parser parser) throws AnalyzerException {
        return Comparisons.compare(report(a, parser), report(b, parser));
    }
}
