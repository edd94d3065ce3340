package io.gil4j.bootstrap;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the OS says a thread is doing, where the OS tells (Linux /proc). The safety net needs to tell
 * a holder blocked in native code (Java says RUNNABLE, the OS says sleeping) from a holder that is
 * merely waiting for a core (the OS says runnable). CPU time alone cannot: on a loaded machine a
 * preempted thread also gets no CPU for a whole interval, and revoking it would let two threads run
 * instrumented code at once until its next checkpoint.
 */
final class NativeThreadState {
    private NativeThreadState() { }

    /** The calling thread's OS thread id, or -1 where unknown (not Linux, a virtual thread's carrier...). */
    static int currentTid() {
        try {
            Path self = Path.of("/proc/thread-self");
            if (!Files.exists(self)) return -1;
            String target = Files.readSymbolicLink(self).toString(); // "<pid>/task/<tid>"
            return Integer.parseInt(target.substring(target.lastIndexOf('/') + 1));
        } catch (Throwable e) {
            return -1;
        }
    }

    /** The one-letter state from /proc (R running or runnable, S sleeping, D disk...), or '?' . */
    static char state(int tid) {
        if (tid <= 0) return '?';
        try {
            String stat = new String(Files.readAllBytes(Path.of("/proc/self/task/" + tid + "/stat")),
                    java.nio.charset.StandardCharsets.US_ASCII);
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
        } catch (Throwable e) {
            return '?';
        }
    }
}
