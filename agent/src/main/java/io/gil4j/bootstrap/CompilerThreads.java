package io.gil4j.bootstrap;

/**
 * The JIT's compiler threads under {@code SCHED_IDLE} (the agent's {@code compilerThreads=idle}): they
 * then run only on cores that nothing else wants, so they never delay a program thread's wake-up.
 *
 * <p>Why: under the GIL a thread's wake-up latency is part of the program's throughput (the convoy:
 * a CPU-bound thread that is signalled late lets an I/O thread run free). With more runnable threads
 * than cores, Linux leaves a woken thread queued behind the thread on its core until the next tick,
 * and in the first seconds of contention that thread is often a compiler thread, compiling what
 * contention made hot. CPython has no such threads. The native side is in the agent's JVMTI helper
 * library (gil4j_compiler_threads.c); see docs/design.md section 7 for the measurements.
 *
 * <p>Assumptions and guarantees:
 * <ul>
 * <li>Linux only, and only once the helper library is loaded ({@code NativeHelper}); the agent loads
 *     it before calling here.</li>
 * <li>Compiler threads are found by name ({@code "C1 CompilerThread0"} and the like, JVMCI's too); a
 *     thread HotSpot adds later is started by a compiler thread and inherits the policy.</li>
 * <li>The price: when every core is busy, compilations wait for a free moment (a SCHED_IDLE thread
 *     still gets a small share), so code may run interpreted or at C1 longer.</li>
 * </ul>
 */
public final class CompilerThreads {
    private CompilerThreads() { }

    /**
     * Moves every compiler thread that is not there yet to {@code SCHED_IDLE}. Returns how many it
     * moved, or a negative errno (of reading {@code /proc/self/task} or of the first refusal).
     */
    public static int idle() {
        return idle0();
    }

    private static native int idle0();
}
