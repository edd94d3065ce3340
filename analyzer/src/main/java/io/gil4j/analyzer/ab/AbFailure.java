package io.gil4j.analyzer.ab;

/** An A/B run could not go on: the service did not start, exited, never became ready or wrote no recording. One line. */
public final class AbFailure extends Exception {
    public AbFailure(String message) {
        super(message);
    }
}
