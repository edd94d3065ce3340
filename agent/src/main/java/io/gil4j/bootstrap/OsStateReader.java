package io.gil4j.bootstrap;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntUnaryOperator;

/**
 * Reads what the OS says a thread is doing ({@link NativeThreadState}) on a daemon thread of its own,
 * so that the GIL's waiters never do.
 *
 * <p>Why a thread: the safety net asks under the GIL's mutex, and a read opens a file, and opening a
 * file enters a monitor (the list of the JDK's common cleaner, where every new file registers). A
 * thread that got that monitor after contention runs the JVMTI helper's callback while it holds it,
 * and the callback takes the GIL back, which needs the mutex: the waiter keeping the clock, in the
 * middle of its read, waited for the monitor, and that thread waited for the waiter's mutex. Every
 * thread of the program stopped (RandomizedIT, 100 us interval, twice in about 10 minutes of runs).
 * Here the waiter only posts a request; if the read stalls on such a monitor, the answer comes late,
 * the clock keeps running, and the monitor's owner gets the GIL in its turn and lets the read go on.
 *
 * <p>Assumptions and guarantees:
 * <ul>
 * <li>{@link #ask} never blocks, enters no monitor and allocates nothing: safe under the mutex.</li>
 * <li>An answer carries the time its read began; a caller names the earliest it accepts, so an old
 *     answer never passes for a fresh one. The read itself happens at or after that time.</li>
 * <li>One read at a time, the latest request wins: the safety net looks at one holder at a time.</li>
 * <li>Until an acceptable answer is in, {@link #ask} returns {@link #PENDING}: the reader is only
 *     waiting for a core, and callers look again later (a preempted holder must not pass for a stuck
 *     one). Once a read has taken {@link #STALLED_NANOS}, it is stalled on a monitor, and
 *     {@link #ask} says '?', as where the OS does not tell: callers decide without the OS.</li>
 * <li>A thread asleep on one of the JIT's locks is answered {@link #JIT_HAND_OFF}, not 'S': it is
 *     handing a method to the JIT and waits for a compiler thread to get a core ({@link JitHandOffs}),
 *     the JVM's business, not a block in the program.</li>
 * </ul>
 *
 * <pre>{@code
 * char s = reader.ask(tid, windowEnd);   // posts a read of tid
 * if (s == OsStateReader.PENDING) ...    // look again shortly
 * else if (s == 'S') ...                 // asleep, read at or after windowEnd
 * }</pre>
 */
final class OsStateReader {
    /** No answer read late enough yet: a read has been asked for. */
    static final char PENDING = '\0';

    /** Asleep to the OS, on a lock of the JIT's: handing a method to the JIT ({@link JitHandOffs}). */
    static final char JIT_HAND_OFF = 'J';

    /** While the JIT's lock is not known yet, the idle reader looks at the compiler threads this often. */
    static final long LEARN_NANOS = 50_000_000L;

    /** A read that has taken this long is stalled, not slow: a read takes tens of microseconds. */
    static final long STALLED_NANOS = 10_000_000L;

    private static final class SharedHolder {
        static final OsStateReader SHARED = new OsStateReader(NativeThreadState::state, JitHandOffs.forThisJvm());
    }

    /** The one reader the locks share; its thread starts on first use (outside the mutex: see GilLock). */
    static OsStateReader shared() {
        return SharedHolder.SHARED;
    }

    private record Answer(int tid, long readAtNanos, char state) { }

    private final IntUnaryOperator read;
    private final JitHandOffs jit;
    private final Thread thread;
    /** The tid to read next, 0 for none. */
    private final AtomicInteger requested = new AtomicInteger();
    private volatile Answer latest;
    /** When the read in progress began, 0 between reads. */
    private volatile long readingSinceNanos;

    /** {@code read}: tid to state (a char), as {@link NativeThreadState#state}; tests pass readers that stall. */
    OsStateReader(IntUnaryOperator read) {
        this(read, null);
    }

    /** {@code jit}: asked about a thread the OS reports asleep, or null to answer 'S' as read. */
    OsStateReader(IntUnaryOperator read, JitHandOffs jit) {
        this.read = read;
        this.jit = jit;
        // Not started by a program thread's state: no inheritable thread locals, no context loader.
        Thread t = new Thread(null, this::serve, "gil4j-os-state", 0, false);
        t.setDaemon(true);
        t.setContextClassLoader(null);
        this.thread = t;
        t.start();
    }

    /**
     * The state of {@code tid} read at or after {@code notBeforeNanos} ({@link System#nanoTime}), or
     * {@link #PENDING}; always asks for a fresh read too. '?' for {@code tid <= 0} and while the
     * reader is stalled: the OS cannot tell.
     */
    char ask(int tid, long notBeforeNanos) {
        if (tid <= 0) return '?';
        Answer a = latest;
        requested.set(tid);
        LockSupport.unpark(thread);
        if (a != null && a.tid == tid && a.readAtNanos - notBeforeNanos >= 0) return a.state;
        long since = readingSinceNanos;
        return since != 0 && System.nanoTime() - since >= STALLED_NANOS ? '?' : PENDING;
    }

    private void serve() {
        for (;;) {
            int tid = requested.getAndSet(0);
            if (tid == 0) {
                if (jit != null && jit.learning()) {
                    jit.learn(System.nanoTime());
                    LockSupport.parkNanos(this, LEARN_NANOS);
                } else {
                    LockSupport.park(this);
                }
                continue;
            }
            long at = System.nanoTime();
            readingSinceNanos = at == 0 ? 1 : at;
            char s;
            try {
                s = (char) read.applyAsInt(tid);
                if (s == 'S' && jit != null && jit.waitsOnJit(tid)) s = JIT_HAND_OFF;
            } catch (Throwable e) {
                s = '?';
            }
            latest = new Answer(tid, at, s);
            readingSinceNanos = 0;
            // After the answer: a waiter looks for it 100 us after asking, and the compiler threads'
            // files would make it late (Jetty's class-initialization waits were then revoked only at the
            // interval's end, 4.7 ms at the median instead of 1.4).
            if (jit != null) jit.refresh(System.nanoTime());
        }
    }
}
