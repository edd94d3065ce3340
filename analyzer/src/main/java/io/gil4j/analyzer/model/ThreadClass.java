package io.gil4j.analyzer.model;

/** What a thread does with its time in instrumented code; see {@link Classifier} for the thresholds. */
public enum ThreadClass {
    CPU_BOUND("CPU-bound"), IO_BOUND("I/O-bound"), MIXED("mixed"), UNKNOWN("unknown");

    private final String label;

    ThreadClass(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
