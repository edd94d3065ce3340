package io.gil4j.analyzer.compare;

import io.gil4j.analyzer.AnalysisReport;
import io.gil4j.analyzer.model.LossEstimate;

import java.util.List;

/**
 * Result of {@code compare}: measured throughput loss of B against A (total and per thread class), the
 * single-recording estimate from A (docs/design.md section 6) and the difference measured - estimated
 * (estimate = the refined figure).
 */
public record Comparison(AnalysisReport reportA, AnalysisReport reportB, SideSummary a, SideSummary b,
                         double throughputLoss, List<ClassLoss> byClass, LossEstimate estimateFromA,
                         double estimateError) {
}
