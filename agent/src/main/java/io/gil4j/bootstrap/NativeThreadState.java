package io.gil4j.bootstrap;

import java.io.File;
import java.io.FileInputStream;

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
            // java.io, not java.nio.file: NIO would leave a per-thread native buffer cache on every
            // program thread that enters instrumented code, to be cleaned when the thread ends.
            File self = new File("/proc/thread-self");
            if (!self.exists()) return -1;
            String target = self.getCanonicalPath(); // "/proc/<pid>/task/<tid>"
            return Integer.parseInt(target.substring(target.lastIndexOf('/') + 1));
        } catch (Throwable e) {
            return -1;
        }
    }

    /** The one-letter state from /proc (R running or runnable, S sleeping, D disk...), or '?' . */
    static char state(int tid) {
        if (tid <= 0) return '?';
        // A heap array through java.io: read under the GIL's mutex, on whichever program thread keeps the
        // clock, so no per-thread direct buffer (java.nio.file) is left behind on it.
        byte[] buf = new byte[512];
        int n = 0;
        try (FileInputStream in = new FileInputStream(PREFIX.concat(Integer.toString(tid)).concat("/stat"))) {
            for (int r; n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0; ) n += r;
        } catch (Throwable e) {
            return '?';
        }
        // "tid (comm) S ...": the state follows the last ')', since comm may itself hold ')'.
        for (int i = n - 1; i >= 0; i--) {
            if (buf[i] == ')') return i + 2 < n ? (char) buf[i + 2] : '?';
        }
        return '?';
    }

    private static final String PREFIX = "/proc/self/task/";
}
