package io.gil4j.analyzer.predict;

import io.gil4j.analyzer.model.Distribution;
import io.gil4j.analyzer.model.ThreadClass;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Predictor} predicts for {@code mode=gil} from recordings made without a GIL.
 *
 * <p>A thread's {@code rate} is the share of its own pace it keeps under the GIL (1: unaffected). The
 * losses follow {@code compare}'s definitions, so a prediction and a measured A/B can be set side by
 * side: with {@code gil.Operation} events, 1 - predicted operations / recorded operations (each thread's
 * operations scaled by its rate); without them, each thread does the same work, so its time in
 * instrumented code grows by 1 / rate, and loss = 1 - time before / time predicted, summed over the
 * threads of the class (or all of them).
 *
 * @param files        the recordings
 * @param inputMode    the mode they were recorded under ("off" is what the model expects)
 * @param intervalNanos the switch interval simulated
 * @param cores        the processors the demands were scaled to (0: not scaled)
 * @param windows      stats periods simulated
 * @param basis        "operations", "wall time" or "requests in a closed loop" (see Predictor#residence)
 * @param totalLoss    over all threads
 * @param classes      CPU-bound and I/O-bound (loss null when there is no such thread)
 * @param threads      per thread name, summed over runs
 * @param operations   per {@code throughput=} method, empty without gil.Operation events
 * @param waits        the simulated waits for the GIL
 * @param warnings     what limits this prediction, one line each
 */
public record Prediction(List<Path> files, String inputMode, long intervalNanos, int cores, int windows, String basis,
                         double totalLoss, List<ClassPrediction> classes, List<ThreadPrediction> threads,
                         List<OperationPrediction> operations, Distribution waits, List<String> warnings) {

    public record ClassPrediction(ThreadClass threadClass, int threads, Double loss) { }

    public record ThreadPrediction(String name, ThreadClass threadClass, long heldNanos, long instrumentedNanos,
                                   long operations, double rate) {
        public double loss() {
            return 1 - rate;
        }
    }

    public record OperationPrediction(String method, long recorded, double predicted) {
        public double loss() {
            return recorded <= 0 ? 0 : 1 - predicted / recorded;
        }
    }
}
