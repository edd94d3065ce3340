package io.gil4j.analyzer.read;

/**
 * A thread as the analyzer knows it: JFR's Java thread id (or a negative id derived from the OS id for
 * threads without a Java id) and its name. Two refs with the same id within one recording are the same
 * thread; the name may be null in corrupt recordings, {@link #displayName()} never is.
 */
public record ThreadRef(long id, String name) {
    public static final ThreadRef UNKNOWN = new ThreadRef(Long.MIN_VALUE, null);

    public String displayName() {
        return name != null ? name : (id == Long.MIN_VALUE ? "<unknown thread>" : "<thread " + id + ">");
    }
}
