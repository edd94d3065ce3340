package io.gil4j.bootstrap;

import java.io.File;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Whether a thread that the OS reports asleep is handing a method to the JIT: asleep on one of the
 * locks that HotSpot's JIT compiler threads wait on (Linux /proc), for the safety net's reader
 * ({@link OsStateReader}).
 *
 * <p>Why: a thread whose interpreter counter overflows hands the method to the JIT. It takes the
 * compile queue's lock and wakes the compiler threads through that lock's condition, and both steps
 * sleep whenever a compiler thread it has to pass through (the lock's holder, or a woken compiler that
 * glibc's broadcast waits for) is waiting for a core. On two loaded cores that took 1.2-1.5 ms, RUNNABLE
 * to Java and asleep to the OS, and the safety net revoked such holders as stuck (2026-12-07,
 * {@code perf record -e sched:sched_switch} with call graphs: {@code CompileBroker::compile_method_base}
 * under {@code pthread_cond_broadcast} and under {@code Mutex::lock}). CPython has no JIT: revoking
 * there reports the JVM's artifact as the program's stall.
 *
 * <p>How it tells: {@code /proc/self/task/<tid>/syscall} names the futex a sleeping thread waits on.
 * An idle compiler thread waits on the compile queue's condition, so its address is learned from the
 * compiler threads themselves; HotSpot keeps that lock's mutex and condition side by side, so a thread
 * asleep within {@link #NEAR_BYTES} of a learned address waits on the same lock. A thread that waits for
 * another thread's class initialization, a monitor, {@code Object.wait}, a sleep or a park sleeps on an
 * event of its own, which no compiler thread ever waits on: those are never taken for a hand-off. An
 * earlier form that only asked whether a compiler thread was runnable could not tell the two apart, and
 * kept Netty's class-initialization waiters twice as long during the JIT's busy start-up.
 *
 * <p>Assumptions and guarantees:
 * <ul>
 * <li>Called only on the reader's own thread, never under the GIL's mutex: it opens files.</li>
 * <li>Rescans the task list for compiler threads at most once a second ({@link #RESCAN_NANOS});
 *     compiler threads that HotSpot adds wait on the same lock.</li>
 * <li>False wherever /proc or the architecture's futex number is unknown: the safety net then
 *     decides as before.</li>
 * <li>Keeps at most {@link #LEARNED} addresses, the oldest replaced first.</li>
 * </ul>
 *
 * <pre>{@code
 * JitHandOffs jit = JitHandOffs.forThisJvm();
 * jit.learn(System.nanoTime());                        // where the compiler threads wait, if they do
 * if (NativeThreadState.state(tid) == 'S' && jit.waitsOnJit(tid)) ...  // the JVM's business
 * }</pre>
 */
final class JitHandOffs {
    /** How long a scan of /proc/self/task for compiler threads stays good. */
    static final long RESCAN_NANOS = 1_000_000_000L;
    /** A HotSpot lock's mutex and condition lie within this many bytes of each other. */
    static final long NEAR_BYTES = 128;
    static final int LEARNED = 8;
    /** How often the reader looks at the compiler threads again once it knows where they wait. */
    static final long REFRESH_NANOS = 100_000_000L;
    private static final String TASKS = "/proc/self/task";

    private final int futex;
    private final IntFunction<String> syscallOf;
    private final Supplier<int[]> scan;
    private final long[] learned = new long[LEARNED];
    private int learnedCount;
    private int nextSlot;
    private int[] tids = new int[0];
    private long refreshedAt;
    private boolean refreshed;
    private long scannedAt;
    private boolean scanned;

    /**
     * @param futex     the futex system call's number, or -1 where unknown (never a hand-off)
     * @param syscallOf tid to the line of its /proc syscall file ("running", or the number and arguments)
     * @param scan      the compiler threads' tids now
     */
    JitHandOffs(int futex, IntFunction<String> syscallOf, Supplier<int[]> scan) {
        this.futex = futex;
        this.syscallOf = syscallOf;
        this.scan = scan;
    }

    /** Reading this JVM's /proc. */
    static JitHandOffs forThisJvm() {
        return new JitHandOffs(futexSyscall(System.getProperty("os.arch", "")), JitHandOffs::syscall, JitHandOffs::scanCompilers);
    }

    /** The futex call's number on Linux for {@code arch} (os.arch), or -1. */
    static int futexSyscall(String arch) {
        if (arch.equals("amd64") || arch.equals("x86_64")) return 202;
        if (arch.equals("aarch64")) return 98;
        return -1;
    }

    /**
     * True if {@code tid} is asleep on a futex near one where a compiler thread was seen waiting. One
     * file read, and none while nothing is learned: the answer it goes into is awaited.
     */
    boolean waitsOnJit(int tid) {
        if (learnedCount == 0) return false;
        long address = futexAddress(syscallOf.apply(tid), futex);
        if (address == 0) return false;
        for (int i = 0; i < learnedCount; i++) {
            if (Math.abs(address - learned[i]) <= NEAR_BYTES) return true;
        }
        return false;
    }

    /** Learns again if the last time was {@link #REFRESH_NANOS} ago or more: between answers, never in one. */
    void refresh(long now) {
        if (refreshed && now - refreshedAt < REFRESH_NANOS) return;
        refreshed = true;
        refreshedAt = now;
        learn(now);
    }

    /**
     * Until a compiler thread has been seen waiting, the reader samples them now and then; not where
     * the last scan found none (-Xint: nothing to learn, and no hand-offs).
     */
    boolean learning() {
        return futex >= 0 && learnedCount == 0 && (!scanned || tids.length > 0);
    }

    /** Reads where each compiler thread waits, if it does, and remembers the addresses. */
    void learn(long now) {
        if (futex < 0) return;
        for (int tid : compilerTids(now)) {
            long a = futexAddress(syscallOf.apply(tid), futex);
            if (a != 0 && !known(a)) {
                learned[nextSlot] = a;
                nextSlot = (nextSlot + 1) % LEARNED;
                if (learnedCount < LEARNED) learnedCount++;
            }
        }
    }

    private boolean known(long a) {
        for (int i = 0; i < learnedCount; i++) {
            if (learned[i] == a) return true;
        }
        return false;
    }

    /** The compiler threads' tids, from a scan at most {@link #RESCAN_NANOS} old at {@code now}. */
    int[] compilerTids(long now) {
        if (!scanned || now - scannedAt >= RESCAN_NANOS) {
            tids = scan.get();
            scannedAt = now;
            scanned = true;
        }
        return tids;
    }

    /**
     * The first argument of a futex call from a /proc syscall line ("202 0x7f...f8 0x89 ..."), or 0 for
     * any other line ("running", another call, "-1 ..." outside a call, null).
     */
    static long futexAddress(String line, int futex) {
        if (line == null || futex < 0) return 0;
        String call = futex + " 0x";
        if (!line.startsWith(call)) return 0;
        int start = call.length();
        int end = line.indexOf(' ', start);
        try {
            return Long.parseUnsignedLong(line.substring(start, end < 0 ? line.length() : end).trim(), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static boolean isCompiler(String comm) {
        // "C1 CompilerThre", "C2 CompilerThre", "JVMCI CompilerT": the kernel keeps 15 characters.
        return comm.contains("CompilerT");
    }

    private static int[] scanCompilers() {
        String[] names = new File(TASKS).list();
        if (names == null) return new int[0];
        int[] out = new int[names.length];
        int n = 0;
        for (String name : names) {
            if (isCompiler(NativeThreadState.readSmallFile(TASKS + "/" + name + "/comm", 32))) {
                try {
                    out[n++] = Integer.parseInt(name);
                } catch (NumberFormatException ignored) {
                    // not a task directory
                }
            }
        }
        int[] trimmed = new int[n];
        System.arraycopy(out, 0, trimmed, 0, n);
        return trimmed;
    }

    private static String syscall(int tid) {
        return NativeThreadState.readSmallFile(TASKS + "/" + tid + "/syscall", 160);
    }
}
