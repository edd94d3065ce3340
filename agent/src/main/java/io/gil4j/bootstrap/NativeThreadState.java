package io.gil4j.bootstrap;

import java.io.File;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;

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
        String stat = readSmallFile(PREFIX.concat(Integer.toString(tid)).concat("/stat"), 512);
        // "tid (comm) S ...": the state follows the last ')', since comm may itself hold ')'.
        int close = stat.lastIndexOf(')');
        return close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
    }

    /**
     * The first {@code maxBytes} of a small /proc file, "" where it cannot be read. Through java.io and a
     * heap array: java.nio.file would leave a per-thread native buffer on the reading thread.
     */
    static String readSmallFile(String path, int maxBytes) {
        byte[] buf = new byte[maxBytes];
        int n = 0;
        try (FileInputStream in = new FileInputStream(path)) {
            for (int r; n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0; ) n += r;
        } catch (Throwable e) {
            return "";
        }
        return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
    }

    private static final String PREFIX = "/proc/self/task/";
}
