package io.gil4j.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/*
 * Implementation notes (read Python/ceval_gil.c alongside: names follow it where they can).
 *
 * The lock is the `owner` field. Taking it uncontended is one CAS from null; giving it back is one
 * volatile write plus, only when someone waits, a signal under `mutex`. Everything else (waiting,
 * drop requests, forced switching, the safety net) happens on slow paths under `mutex`.
 *
 * - take (CPython take_gil): CAS if free. Otherwise, under mutex, wait on `gilFree`. When one switch
 *   interval has passed since the clock started or the last switch, whichever is later (see "one
 *   clock"), and the GIL is still held, set the drop request. No queue: a release signals one waiter and the OS decides who
 *   runs first, so a thread coming in from outside may barge in, exactly as in CPython.
 * - the eval breaker: `breaker` is the one volatile word instrumented code reads at every checkpoint.
 *   Bit DROP is the drop request; bit LEGACY_TICKS keeps it non-zero in legacy mode so every
 *   checkpoint counts a tick; REVOKED_UNIT counts threads whose GIL the safety net took and that have
 *   not noticed yet (they notice at their next checkpoint, which only reaches the slow path if the word
 *   is non-zero). Method entries and the checks after calls into uninstrumented code read a plain copy
 *   instead, `breakerHint`, so that the JIT can hoist it out of a loop into which it inlined such a
 *   call (a volatile read there kept the loop's other loads in it) and share it between entries it
 *   inlined into one another (a volatile read at each kept every field load after it); inside a
 *   strip-mined loop the loop's way back reads it (Gil.callHint) and ends the chunk, whose checkpoint
 *   clears it. Every place that sets a bit goes through raise/countMark, which set the hint after the
 *   bit; clearing bits leaves it set, and the next reader that finds the breaker clear clears it
 *   (clearHintIfQuiet). The race, a reader clearing the hint as a writer sets bit and hint: the writes
 *   of the hint are volatile and the reader reads the breaker again after its clear, so either that
 *   read sees the bit (and the reader sets the hint back) or the writer's hint lands after the clear.
 *   The hint is never left clear with a bit set (BreakerHintModelCheckTest explores the interleavings),
 *   which matters because a holder that runs no loop sees a request only at its entries.
 * - switchNumber/lastSwitchNanos/lastHolder: updated by the new holder when it is not the last holder.
 *   On the CAS fast path this happens a few instructions after the CAS, outside the mutex, so a waiter
 *   whose clock runs out in exactly that window may see the old time and set a drop request the new holder has just
 *   cleared: the new holder then drops once early. CPython avoids this by taking every path under its
 *   mutex; we accept one early switch in a window of nanoseconds to keep the fast path a CAS.
 * - one clock: in CPython every waiter waits with a timeout of one interval, so N waiters wake N
 *   times per interval and each re-takes the mutex; at hundreds of threads those wake-ups starve the
 *   holder and the hand-off (throughput fell to a fifth at 512 threads). Only the drop request needs a
 *   clock, so exactly one waiter (`timer`) waits timed and the others wait untimed. Whoever leaves the
 *   wait with no timer set while others still wait signals one of them, which takes the role. The
 *   timer also passes the role on each time it asks for a drop (when others wait): a timed wait
 *   re-queues at the tail of the condition's queue at every timeout, so a permanent timer would never
 *   be the waiter that a release signals. Passing it on makes the waiters take turns, round robin.
 *   What a program sees is unchanged: a drop request one interval after a waiter began timing a holder
 *   that did not switch, and the safety net's probe from that same waiter. A release still signals one
 *   waiter (the condition's queue is FIFO, so the longest-waiting untimed waiter usually goes first;
 *   CPython leaves this order to the OS).
 * - forced switching (CPython FORCE_SWITCHING): a holder that drops *on request* waits on `switched`
 *   until lastHolder changed before competing again, so the requester really gets the GIL. So does a
 *   holder that releases around a blocking call while a drop request is pending, as CPython's drop_gil
 *   waits whatever the reason it drops (awaitSwitchBeforeBlocking; at most one interval, platform
 *   threads only). Exits and legacy ticks never wait. The wait is timed and gives up when nobody
 *   waits any more (CPython waits untimed because its requester cannot vanish; ours could be
 *   revoked-over or killed).
 * - lost wake-ups: a waiter increments `waiters` and then reads `owner` under mutex; a releaser writes
 *   `owner` and then reads `waiters`. Both are volatile, so either the releaser sees the waiter (and
 *   signals under mutex, which the waiter holds until it is inside await) or the waiter sees the GIL
 *   free. The same argument covers `switchWaiters` against `lastHolder`.
 * - safety net: the waiter that keeps the clock does not sleep a whole interval but in slices, and
 *   between slices asks Java for the holder's state: BLOCKED (a contended monitor) or
 *   WAITING/TIMED_WAITING outside our hooks is unambiguous, and the GIL is handed over at once, as
 *   CPython releases it before any blocking acquire. The first slice is BLOCKED_PROBE_NANOS and each
 *   next one twice as long, up to the interval, starting over for each new holder: a holder that
 *   blocks soon after taking the GIL (a handler entering a contended monitor) is seen within a slice,
 *   and a CPU-bound holder costs about log2(interval / slice) wake-ups per interval, not one per
 *   slice; on a machine with fewer free cores than threads each wake-up takes a core from the holder
 *   (fixed slices of 250 us made two CPU-bound threads on one core 20% slower). With the JVMTI
 *   helper loaded (MonitorHooks) a holder blocked on a monitor releases the GIL itself, so the probe
 *   leaves BLOCKED holders alone. A RUNNABLE holder that has held the GIL for a slice and whose CPU
 *   time and the GC count did not move for 1 ms (shorter stops are the JVM's own safepoints and
 *   handshakes), and that the OS reports sleeping, waits inside the JVM
 *   (another thread's class initialization) or in native code: revoked too, unless it sleeps on one
 *   of the JIT's locks (handing a method to the JIT while the compiler thread it passes through
 *   waits for a core: 1.2-1.5 ms on two loaded cores; JitHandOffs), which only the interval's end
 *   below may revoke. CPU time
 *   is read first because it is cheap; /proc only for a holder that looks stopped, and never here: a
 *   read opens a file, which enters a monitor, and the mutex's holder must never wait for a monitor
 *   (its owner may be waiting for the mutex in the JVMTI callback: a deadlock, seen in CI), so
 *   OsStateReader reads on its own thread and the probe looks for the answer 100 us later, then at
 *   doubling waits until it is in (a reader
 *   that waits for a core only delays the decision; one stalled for 10 ms on such a monitor is taken
 *   as an OS that does not tell). The rest of the net
 *   runs when the clock runs out and nothing switched: the waiter looks at the holder.
 *   BLOCKED/WAITING/TIMED_WAITING/TERMINATED means it is stuck in something no hook saw.
 *   A RUNNABLE holder whose CPU time did not advance over a whole interval and that the OS then
 *   reports not runnable (Linux /proc; see NativeThreadState) is stuck in native code or a
 *   class-initialization lock. The OS is asked only about a holder whose CPU time stood still: a read
 *   at every look cost CPU-bound threads a /proc read per switch.
 *   The OS check matters: on a loaded machine a merely preempted holder also gets no CPU for an
 *   interval, and revoking it would let two threads run instrumented code until its next checkpoint.
 *   A virtual holder has neither an OS thread nor a CPU clock: the CPU time read is its carrier's
 *   (Carriers), a move to another carrier counts as progress, and without an OS check a virtual
 *   holder whose carrier got no core for an interval is revoked too (the lesser evil: without it, a
 *   virtual holder waiting for a class that a GIL waiter initializes hung the program). The waiter then takes the GIL over (a revocation). It marks the holder
 *   revoked *before* the CAS, so the holder, once it sees it lost the GIL, always finds the mark.
 *   A holder inside this class (inCore) is never revoked: it is only waiting for our own mutex.
 * - virtual waiters: the clock and the safety net run in the waiter that keeps the clock, and a
 *   virtual thread runs only while the scheduler gives it a carrier. Carriers can all be pinned: by
 *   virtual threads that wait for the GIL inside a native frame or holding a monitor (a class being
 *   loaded from a jar: its read releases the GIL, and retaking it parks with the loader's locks held),
 *   and by a GIL holder blocked on one of those locks. Then the virtual timer never wakes, nobody
 *   revokes the blocked holder, and the program that ran fine without a GIL hangs (seen: 2,000
 *   virtual threads on 2 carriers, JDK 25). So the first virtual waiter starts one platform daemon,
 *   the clock watch, which the OS always schedules: every interval it looks at the holder, and when
 *   the same holder has kept the GIL over waiters for two intervals without a switch, it does what the
 *   stranded timer would have done: hands over a sticky holder, revokes a stuck one (to nobody, and
 *   wakes every waiter: only the mounted ones can take it), or asks a running one to drop. A timer
 *   that runs switches or revokes well within two intervals, so the watch stays idle; programs
 *   without virtual threads never start it.
 * - pinned virtual threads and the mutex: the mutex (a ReentrantLock) hands itself to its queued
 *   threads in order, and the first may be a virtual thread waiting for a carrier. A pinned virtual
 *   thread parked in that queue keeps its carrier; when every carrier is kept that way (the loader
 *   above, retaking the GIL, and other virtual threads blocked on its lock), nothing moves again: the
 *   program hung with the GIL free, 88 waiters and no carrier. So a pinned virtual thread never
 *   queues: it takes the mutex by polling (tryLock barges past the queue) and waits for the GIL or a
 *   switch by polling every PINNED_POLL_NANOS instead of on a condition (whose waiters retake the
 *   mutex in the queue). It may see a signal that late; pinned waits are rare (class loading,
 *   native frames, monitors before JDK 24); Pinning tells them. The clock watch takes the mutex by
 *   polling too: it is the one thread that must always get through.
 * - interrupts: waiting for the GIL is not interruptible (take_gil ignores signals). An interrupt
 *   during a wait is remembered and re-asserted once the GIL is held.
 * - class initialization: everything under the mutex runs on program threads, in the middle of their
 *   own class initializations, and a thread that needs a class someone else is initializing waits
 *   for it whatever it holds. A waiter that stalls there with its node first in the mutex's queue
 *   stops every hand-off, and the initializing thread may itself need the mutex (to release the GIL
 *   in a hook, or to take it back in the JVMTI helper's callback while it holds the initialization
 *   lock): a deadlock, seen once in CI on the first untimed await (ForkJoinPool). warmUp runs these
 *   paths before the lock is installed, so no class they use is left to initialize.
 * - ownership: `owner` says who holds the GIL and `ownerState` whose GilThread that is, and no CAS
 *   can write both. The winner of a take writes `ownerState` after its CAS, in `acquired`. Two races
 *   follow, each seen as a hang of every thread (the reliability suite's random programs at 100 us,
 *   about one run in 70). (1) A taker preempted between its CAS and `acquired` still has its own
 *   GilThread in `ownerState`, left from its previous hold, so the net took it for the holder and
 *   revoked it; the taker then wrote `ownerState` over its successor's, and the successor, no longer
 *   finding itself there, never let the GIL go. So the net revokes only a holder whose `ownsGil` is
 *   set, which `acquired` sets last and every release clears before its CAS. (2) A holder that read
 *   `owner` as itself just before a revocation may read `ownerState` just after its successor wrote
 *   it, and released its successor's GIL; so a thread that reads `owner` as itself uses
 *   `ownerState` only if it is its own (ownState), and otherwise acts as the revoked thread it is.
 * - accounting: every phase change goes through GilThread.enter, and the phase is changed *before*
 *   the owner is given up, so a blocking hook that runs inside our own signalling sees a thread that
 *   is no longer HELD and does nothing.
 * - live mode switch (setMode, from JMX or a later attach): to OFF is easy: write the mode, clear the
 *   breaker's DROP and LEGACY_TICKS, wake every waiter; each sees OFF at the top of its loop and
 *   enters as OFF does (the same for a dropper waiting for the switch). From OFF is the race: in OFF
 *   any number of threads run instrumented code in phase HELD without the GIL, and nothing they do
 *   while running (a checkpoint reads only the breaker) would ever make them take it. So the switch
 *   writes the mode, takes the hint away from whoever held it, and marks every thread it finds HELD
 *   (`rejoin`, counted in the breaker like a pending revocation); a marked thread takes the GIL at its
 *   next checkpoint, entry, exit or blocking call. A thread that goes HELD in OFF at the same moment
 *   is the Dekker case: it writes its phase, fences, and reads the mode (enterOff); the switch writes
 *   the mode, fences, and reads the phases. Either the switch sees HELD and marks it, or the thread
 *   sees the new mode and takes the GIL itself. A mark found by a thread that took the GIL anyway is
 *   dropped. Hold events are opened only by a real take (holdOpen), so a hold that spans a switch to
 *   OFF ends with its release, and the hint in OFF never closes a hold it did not open.
 * - sticky holders (after a later attach): a frame that was running when the agent attached stays
 *   uninstrumented (its class waits, see the agent's RunningFrames), yet it is the program's own code,
 *   which a GIL would serialize. Without help, each call it makes into instrumented code takes the GIL
 *   and its exit gives it back: a worker loop calling a short step released the GIL between steps and
 *   re-took it before a signalled waiter woke, so one thread held 44% and the other 9% with the GIL idle
 *   46% of the time (JDK 25), where -javaagent gives each about half. So the threads running such frames
 *   (stickyThreads, kept by the attach) keep the GIL past their outermost exit, as the frame itself
 *   would: the holder sets its `lazy` flag and the breaker's LAZY_OUT bit, so that its next entry takes
 *   the slow path, flips the flag back and is outermost again. A drop request pending at the exit is
 *   answered there, as a checkpoint would. Outside instrumented code the holder cannot see a request,
 *   so the waiter whose clock runs out hands the GIL over itself (handOver): it marks the holder, wins
 *   the flag by CAS and takes `owner`. The flag is the arbiter: the holder that loses the CAS knows it
 *   was handed over and waits for the mutex, under which the waiter finishes, before it takes the GIL
 *   like anyone entering from outside; its time since the hand-over counts as outside. A lazy holder
 *   that blocks releases as usual and, when the blocking call returns, holds lazily again. The one gap:
 *   a leaf method (enterLeaf, no checkpoint) called in the nanoseconds of a hand-over runs beside the
 *   new holder. Only in GIL mode; legacy and off release at the exit as always.
 */

/**
 * The Global Interpreter Lock: CPython's "new GIL" (3.2+), Python 2's ticks ({@link Mode#LEGACY}),
 * or accounting only ({@link Mode#OFF}).
 *
 * <p>Assumptions and guarantees:
 * <ul>
 * <li>Instrumented code calls {@link Gil}'s static methods, which call the slow paths here; the
 *     uncontended take and drop are a CAS and a volatile write, with no allocation and no event.</li>
 * <li>A thread only runs instrumented code while it holds the GIL, except after a revocation, until
 *     its next checkpoint, and in {@link Mode#OFF}.</li>
 * <li>Waiting for the GIL never deadlocks a program that does not deadlock without it: any holder that
 *     stops making progress loses the GIL after at most two intervals.</li>
 * </ul>
 *
 * <pre>{@code
 * GilLock gil = new GilLock(GilLock.Mode.GIL, TimeUnit.MILLISECONDS.toNanos(5), 100);
 * StagedLock.stage(gil); // before anything touches Gil: its fast paths then read this lock as a constant
 * Gil.install(gil);      // from now on instrumented code is serialized
 * }</pre>
 */
public sealed class GilLock permits ForwardingLock {

    public enum Mode { GIL, LEGACY, OFF, DISABLED }

    /**
     * How soon the waiter that keeps the clock first looks again for a holder blocked on a monitor or
     * waiting (see {@link #revokeIfBlocked}); the period doubles after each look at the same holder, up
     * to the interval, and starts again for each new holder.
     */
    static final long BLOCKED_PROBE_NANOS = 250_000L;
    /** How long after asking the OS state reader the probe first looks for its answer; then twice as long each time. */
    private static final long OS_ANSWER_WAIT_NANOS = 100_000L;
    private static final long OS_ANSWER_WAIT_MAX_NANOS = 1_600_000L;

    /** How long a pinned virtual thread waits before it looks at the GIL again (see "pinned virtual threads"). */
    static final long PINNED_POLL_NANOS = 100_000L;

    static final int DROP = 1;
    static final int LEGACY_TICKS = 2;
    /** A sticky holder is outside instrumented code (see "sticky holders"): its next entry takes the slow path. */
    static final int LAZY_OUT = 4;
    /** Pending marks (revocations, rejoins, hand-overs) count in the bits above MARK_SHIFT. */
    static final int MARK_SHIFT = 3;
    static final int REVOKED_UNIT = 1 << MARK_SHIFT;

    private static final VarHandle OWNER;
    private static final VarHandle BREAKER;
    private static final VarHandle LAZY;
    private static final VarHandle CLOCK_WATCH;
    private static final VarHandle HINT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            OWNER = l.findVarHandle(GilLock.class, "owner", Thread.class);
            BREAKER = l.findVarHandle(GilLock.class, "breaker", int.class);
            LAZY = l.findVarHandle(GilThread.class, "lazy", int.class);
            CLOCK_WATCH = l.findVarHandle(GilLock.class, "clockWatch", Thread.class);
            HINT = l.findVarHandle(GilLock.class, "breakerHint", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Volatile: {@link #setMode} may change it while the program runs (see "live mode switch"). */
    volatile Mode mode;
    /** Volatile: a JMX client may change it while the program runs (waiters use it from their next wait). */
    volatile long intervalNanos;
    final int checkInterval;
    private volatile GilListener listener = GilListener.NONE;
    private final CpuClock cpu;

    /**
     * The holder. Not volatile: a thread reading it only asks "is it me?", and only the thread itself
     * makes that true (its own CAS) or false (its own release), except a revocation, which it learns
     * through the volatile {@code breaker}. Reads that order against other threads go through OWNER.
     */
    Thread owner;
    /** The owner's state; meaningful only to the owner itself (and to waiters under mutex). */
    GilThread ownerState;
    volatile int breaker;
    /**
     * A hint for method entries ({@link Gil#enter}) and the checks after calls into uninstrumented code
     * ({@link Gil#afterCall}): set to 1 after anything is set in {@code breaker}, back to 0 by a reader
     * that found the breaker clear ({@link #clearHintIfQuiet}). Read plain, unlike the breaker: where the
     * JIT inlined such a call into a loop it may read the hint once for the whole loop (the loop's own
     * checkpoints read the breaker, so a request still waits at most a chunk), and it keeps the loop's
     * other loads out of the loop, which a volatile read after every call did not (a boxed list walked by
     * its iterator ran 2x its time without the agent); after a call that stayed a call it is read again,
     * so a drop requested during a long call into the JDK is still served as it returns. Where threads
     * race on it (raise, countMark, clearHintIfQuiet) it is written volatile ("the eval breaker" in the
     * notes above says why it is never lost).
     */
    int breakerHint;
    private volatile Thread lastHolder;
    private volatile long switchNumber;
    /** When the last switch happened (System.nanoTime), for the waiters' clock. */
    private volatile long lastSwitchNanos;
    private volatile int waiters;
    private volatile int switchWaiters;
    private volatile long revocations;
    private volatile long handOvers;
    /** The one waiter that waits with a timeout (guarded by mutex); see "one clock" in the notes. */
    private Thread timer;
    /** The platform thread that stands in for a stranded virtual timer (see "virtual waiters"), once started. */
    private volatile Thread clockWatch;
    /** What the clock watch last saw (guarded by mutex): the holder, the switch count, since when. */
    private Thread watchedHolder;
    private long watchedSwitch;
    private long watchedSinceNanos;
    /** Threads that keep the GIL past their outermost exit (see "sticky holders"); replaced whole. */
    private volatile Thread[] stickyThreads = new Thread[0];

    private final boolean safetyNet;
    /** Where the safety net asks what the OS says a holder is doing; null without the net. */
    private final OsStateReader osStates;

    private final ReentrantLock mutex = new ReentrantLock();
    private final Condition gilFree = mutex.newCondition();
    private final Condition switched = mutex.newCondition();

    /** Safety net: the holder's CPU time when a waiter last timed out (guarded by mutex). */
    private Thread probeHolder;
    /** The holder a probe last found running, and when (guarded by mutex): bounds a revocation's latency. */
    private Thread seenRunning;
    private long seenRunningNanos;
    private long probeSwitch;
    /** The carrier of a virtual probeHolder then (guarded by mutex). */
    private Thread probeCarrier;
    private long probeCpu;
    private long probeAtNanos;
    /** A RUNNABLE holder the probe last found sleeping to the OS, and its CPU time, GC count, switch then. */
    private Thread quietHolder;
    private long quietSwitch;
    private long quietCpu;
    private long quietGc;
    /** When the probe first found the quiet holder's CPU time where it still is (guarded by mutex). */
    private long quietSinceNanos;
    /** The last look found the quiet holder still without CPU and wants another at quietDueNanos (guarded by mutex). */
    private boolean quietPending;
    private long quietDueNanos;
    /** The OS state of the quiet holder has been asked for since its window ended (guarded by mutex). */
    private boolean quietAsked;
    /** How long the probe last waited for the reader's answer about the quiet holder (guarded by mutex). */
    private long quietAnswerWaitNanos;

    public GilLock(Mode mode, long intervalNanos, int checkInterval) {
        this(mode, intervalNanos, checkInterval, true);
    }

    /**
     * With the safety net off, for model checking (GilLockModelCheckTest): the net decides from what the
     * JVM and the OS report of the holder (its state, CPU time, /proc), which a model checker's
     * scheduler changes (a thread it has paused reads WAITING) and cannot replay.
     */
    GilLock(Mode mode, long intervalNanos, int checkInterval, boolean safetyNet) {
        this(mode, intervalNanos, checkInterval, safetyNet,
                safetyNet && mode != Mode.DISABLED ? OsStateReader.shared() : null);
    }

    /** With the reader of OS thread states given: tests pass one whose reads stall. */
    GilLock(Mode mode, long intervalNanos, int checkInterval, boolean safetyNet, OsStateReader osStates) {
        this.safetyNet = safetyNet;
        this.osStates = osStates;
        if (intervalNanos <= 0) throw new IllegalArgumentException("interval must be > 0");
        if (checkInterval <= 0) throw new IllegalArgumentException("checkInterval must be > 0");
        this.mode = mode;
        this.intervalNanos = intervalNanos;
        this.checkInterval = checkInterval;
        this.cpu = mode != Mode.DISABLED ? new CpuClock() : null;
        this.breaker = mode == Mode.LEGACY ? LEGACY_TICKS : 0;
        this.breakerHint = breaker == 0 ? 0 : 1;
    }

    public Mode mode() { return mode; }

    public long intervalNanos() { return intervalNanos; }

    /**
     * The threads whose uninstrumented frames ran since before a later attach: each keeps the GIL past
     * its outermost exit (see "sticky holders"). Empty once those frames have returned.
     */
    public void setStickyThreads(Thread[] threads) {
        stickyThreads = threads.clone();
    }

    private boolean isSticky(Thread t) {
        for (Thread s : stickyThreads) if (s == t) return true;
        return false;
    }

    /** Changes the switch interval of a running lock. */
    public void setIntervalNanos(long nanos) {
        if (nanos <= 0) throw new IllegalArgumentException("interval must be > 0");
        intervalNanos = nanos;
    }

    public void setListener(GilListener l) { listener = l == null ? GilListener.NONE : l; }

    /**
     * Switches between {@link Mode#GIL}, {@link Mode#LEGACY} and {@link Mode#OFF} while the program runs.
     * Waiters are let go at once when the GIL is turned off; when it is turned on, every thread that is
     * running instrumented code takes the GIL at its next checkpoint. Accounting carries on.
     */
    public void setMode(Mode next) {
        if (next == null || next == Mode.DISABLED || mode == Mode.DISABLED) {
            throw new IllegalArgumentException("cannot switch " + mode + " to " + next);
        }
        mutex.lock();
        try {
            Mode prev = mode;
            if (prev == next) return;
            mode = next;
            if (next == Mode.OFF) {
                BREAKER.getAndBitwiseAnd(this, ~(DROP | LEGACY_TICKS | LAZY_OUT));
                gilFree.signalAll();
                switched.signalAll();
                return;
            }
            if (next == Mode.LEGACY) {
                raise(LEGACY_TICKS);
                BREAKER.getAndBitwiseAnd(this, ~LAZY_OUT); // a lazy holder's flag is stale from now on
            } else {
                BREAKER.getAndBitwiseAnd(this, ~(DROP | LEGACY_TICKS));
            }
            if (prev != Mode.OFF) return;
            OffThreads.clear(); // before any mark: a nested entry found in the table skips the breaker
            VarHandle.fullFence(); // the switch's half of the Dekker pair with enterOff
            Thread hint = (Thread) OWNER.getVolatile(this);
            if (hint != null) OWNER.compareAndSet(this, hint, null);
            for (java.util.Iterator<GilThread> it = GilThread.all(); it.hasNext(); ) {
                GilThread st = it.next();
                // A dead thread can be left HELD (it died inside instrumented code): it will never clear a mark.
                if (st.phase == GilThread.HELD && !st.rejoin && st.thread.isAlive()) {
                    countMark(); // count first: the count never falls below the marks
                    st.rejoin = true;
                }
            }
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Runs the slow paths once on the calling thread so that every JDK class they use is initialized
     * before program threads reach them (see {@link ContendedPathWarmUp}). Call before {@link Gil#install}.
     */
    public void warmUp() {
        // OFF too: a live switch may turn the GIL on later, and the slow paths must be warm by then.
        if (mode == Mode.DISABLED) return;
        ContendedPathWarmUp.run(mutex, gilFree, switched, cpu);
        primeCheckpointProfile();
    }

    /**
     * Before the lock is installed: runs {@link Gil#checkpoint} against this lock with its breaker set
     * on one call in 1024, so that the checkpoint's own branch profile, which the JIT uses wherever it
     * inlines the checkpoint, has seen the slow path. Without it, loops the JIT compiled before any
     * contention carry a trap where the slow path is, and the first drop request throws every such loop
     * back to the interpreter: measured on JDK 17, a countdown compiled on one thread took 0.51 s for
     * its first contended repetition and 0.39 s once recompiled (an unstable_if trap at the checkpoint's
     * first branch). With nobody holding it, the slow path returns at once. Only for the lock the fast
     * paths read ({@link StagedLock}): where another lock is installed, every checkpoint takes the slow
     * path anyway ({@link ForwardingLock}).
     */
    private void primeCheckpointProfile() {
        if (Gil.lock() != this || !Gil.fastPathsReadInstalled() || owner != null || breaker != 0) return;
        for (int i = 0; i < 100_000; i++) {
            breaker = (i & 1023) == 0 ? DROP : 0;
            breakerHint = breaker == 0 ? 0 : 1;
            Gil.checkpoint();
        }
        breaker = 0;
    }

    /** The current holder, or null. */
    public Thread owner() { return (Thread) OWNER.getVolatile(this); }

    public int waiters() { return waiters; }

    public long switchNumber() { return switchNumber; }

    /** How many times a waiter took the GIL from a sticky holder outside instrumented code. */
    public long handOvers() { return handOvers; }

    /** How many times the safety net took the GIL from a stuck holder. */
    public long revocations() { return revocations; }

    // ---------------------------------------------------------------- entering and leaving code

    /** {@link Gil#enter} off its fast path: a checkpoint that found the breaker set, or a take. */
    boolean enterOrCheckpointSlow(Thread t) {
        if (owner == t) {
            GilThread st = lazyOrHandedOver();
            if (st != null) {
                if (st.lazy != 0) return reenterLazy(st);
                awaitHandOver(st);
                return enterSlow(t);
            }
            if (!clearHintIfQuiet()) checkpointSlow(t);
            return false;
        }
        return enterLeafSlow(t);
    }

    /**
     * For a thread that has just read {@code owner} as itself: its state if it holds lazily or has just
     * been handed over (then {@code owner} may already be the waiter, and {@code ownerState} the
     * waiter's, so the thread's own state is looked up); null in every other case, cheaply.
     */
    private GilThread lazyOrHandedOver() {
        int b = breaker;
        if ((b & LAZY_OUT) == 0 && (b >>> MARK_SHIFT) == 0) return null;
        GilThread st = GilThread.peek();
        if (st == null) return null;
        // The waiter marks handedOver before it wins the flag: whoever reads the flag lost reads the mark.
        if (st.lazy != 0 && (breaker & LAZY_OUT) != 0) return st;
        return st.handedOver ? st : null;
    }

    /**
     * A sticky holder enters instrumented code again. True: this frame is outermost again, so its exit
     * decides what becomes of the GIL.
     */
    private boolean reenterLazy(GilThread st) {
        if (winLazyBack(st)) {
            checkpointSlow(st.thread); // the drop request it could not see outside
            return true;
        }
        awaitHandOver(st);
        return enterSlow(st.thread);
    }

    /**
     * An entry whose thread {@code owner} does not name ({@link Gil#enterLeaf}'s slow way, and
     * {@link #enterOrCheckpointSlow}'s): nothing for a nested entry in OFF, {@link #enterSlow} otherwise.
     */
    boolean enterLeafSlow(Thread t) {
        return !OffThreads.holds(t) && enterSlow(t); // nested in OFF: nothing
    }

    /**
     * {@link Gil#enter}'s first test: {@code t} holds the GIL, or runs nested in OFF. Plain reads only,
     * and a method of its own so that {@code Gil.enter} stays under the JIT's size limit for inlining
     * anywhere (35 bytes of bytecode).
     */
    final boolean runsInside(Thread t) {
        return owner == t || OffThreads.holds(t);
    }

    /** Entry of an instrumented frame whose thread does not own the GIL. True if this frame took it. */
    boolean enterSlow(Thread t) {
        if (mode == Mode.DISABLED) return false;
        GilThread st = GilThread.current();
        switch (st.phase) {
            case GilThread.HELD:
                if (st.handedOver) {
                    noticeHandOver(st);
                    break;
                }
                if (st.rejoin) rejoin(st);
                else if (mode != Mode.OFF && st.revoked) retakeAfterRevocation(st);
                else if (mode == Mode.OFF) st.enterOffSlot(this);
                return false;
            case GilThread.RELEASED:
                // A callback into instrumented code from inside a blocking call: hold the GIL for
                // the callback, then go back to the blocking call's release when it returns.
                st.pushRelease();
                break;
            default:
                // OUTSIDE, or WAITING left behind by an error thrown out of an earlier take.
                break;
        }
        take(st, GilReasons.WAIT_ENTRY, System.nanoTime());
        return true;
    }

    /** The frame that took the GIL returns or throws. */
    void exitSlow(Thread t) {
        if (mode == Mode.DISABLED) return;
        if (mode == Mode.GIL && owner == t && stayHolding(t)) return;
        GilThread st = owner == t ? ownState(t) : null;
        boolean holding = st != null;
        if (!holding) st = GilThread.peek();
        if (st == null) return;
        long now = System.nanoTime();
        if (holding) {
            endHold(st, GilReasons.END_EXIT);
            leave(st, now);
            release(st);
            return;
        }
        if (st.rejoin) clearRejoin(st);
        if (st.revoked) noticeRevocation(st, now); // only ever set by the safety net (gil, legacy)
        leave(st, now);
    }

    /** A sticky holder's outermost exit: it keeps the GIL, lazily (see "sticky holders"). True if it does. */
    private boolean stayHolding(Thread t) {
        GilThread st = ownState(t);
        if (st == null || st.callbackDepth > 0 || st.inCore || !isSticky(t)) return false;
        if ((breaker & DROP) != 0) dropOnRequest(st); // gets the GIL back once the requester has had it
        if (mode != Mode.GIL || owner != t) return false;
        markLazy(st);
        return true;
    }

    /** The lazy holder ends its lazy hold itself; false if a waiter won the flag first (a hand-over). */
    private boolean winLazyBack(GilThread st) {
        if (!LAZY.compareAndSet(st, 1, 0)) return false;
        BREAKER.getAndBitwiseAnd(this, ~LAZY_OUT);
        return true;
    }

    /** Sets {@code bits} in the breaker, then the hint: a reader that sees the hint finds the bits. */
    void raise(int bits) {
        BREAKER.getAndBitwiseOr(this, bits);
        HINT.setVolatile(this, 1);
    }

    /** Counts one more revocation mark in the breaker, then sets the hint (see {@link #raise}). */
    private void countMark() {
        BREAKER.getAndAdd(this, REVOKED_UNIT);
        HINT.setVolatile(this, 1);
    }

    private void markLazy(GilThread st) {
        LAZY.setVolatile(st, 1);
        raise(LAZY_OUT);
    }

    /**
     * Under mutex, for the waiter whose clock ran out: takes the GIL from a holder that is lazy, outside
     * instrumented code, where it cannot answer a drop request. True if it did.
     */
    private boolean handOver(Thread holder, GilThread hs, Thread waiter) {
        // hs may be a former holder's state (ownerState is written just after the CAS that took the GIL).
        if (hs == null || hs.thread != holder || hs.lazy == 0 || (breaker & LAZY_OUT) == 0) return false;
        hs.handedOverAtNanos = System.nanoTime();
        hs.handedOver = true;
        countMark(); // marked before the flag: a holder that loses the CAS finds it
        if (!LAZY.compareAndSet(hs, 1, 0)) {
            hs.handedOver = false;
            BREAKER.getAndAdd(this, -REVOKED_UNIT);
            return false;
        }
        BREAKER.getAndBitwiseAnd(this, ~LAZY_OUT);
        // Cannot fail: a lazy holder lets the GIL go only after it has won the flag back.
        boolean taken = OWNER.compareAndSet(this, holder, waiter);
        assert taken;
        hs.ownsGil = false;
        handOvers++;
        probeHolder = null;
        seenRunning = null;
        return taken;
    }

    /**
     * A holder that lost its lazy flag to a waiter: the waiter finishes the hand-over under the mutex,
     * so once the mutex is ours, {@code owner} is no longer this thread.
     */
    private void awaitHandOver(GilThread st) {
        st.inCore = true;
        boolean parked = !mutex.tryLock();
        if (parked) lockMutex(st);
        mutex.unlock();
        st.inCore = false;
        if (parked) LockSupport.unpark(st.thread); // as in release: this may run inside a blocking hook
    }

    /** A holder learns it was handed over: its time since then counts as outside instrumented code. */
    private void noticeHandOver(GilThread st) {
        st.handedOver = false;
        BREAKER.getAndAdd(this, -REVOKED_UNIT);
        endHold(st, GilReasons.END_DROP_REQUEST);
        long now = System.nanoTime();
        st.enter(GilThread.OUTSIDE, Math.min(now, Math.max(st.handedOverAtNanos, st.phaseStartNanos)));
    }

    private static void leave(GilThread st, long now) {
        if (st.callbackDepth > 0) {
            st.enter(GilThread.RELEASED, now);
            st.popRelease();
        } else {
            st.enter(GilThread.OUTSIDE, now);
        }
    }

    void enterClinit() {
        GilThread st = GilThread.peek();
        if (st != null) st.clinitDepth++;
    }

    void exitClinit() {
        GilThread st = GilThread.peek();
        if (st != null && st.clinitDepth > 0) st.clinitDepth--;
    }

    // ---------------------------------------------------------------- checkpoints (eval breaker)

    /** A checkpoint after a call found the hint set ({@link #breakerHint}): a checkpoint, or the hint cleared. */
    void afterCallSlow(Thread t) {
        if (!clearHintIfQuiet()) checkpointSlow(t);
    }

    /**
     * Where the breaker is clear, clears the hint and returns true; false, with the hint left set, where a
     * bit is set. The clear and the second read of the breaker are volatile accesses in that order, and so
     * are a writer's bit and its hint ({@link #raise}): either this read sees the writer's bit, or the
     * writer's hint comes after this clear. So the hint is never left clear with a bit set.
     */
    boolean clearHintIfQuiet() {
        if (breaker != 0) return false;
        HINT.setVolatile(this, 0);
        if (breaker == 0) return true;
        HINT.setVolatile(this, 1);
        return false;
    }

    /** A checkpoint found the breaker word non-zero. */
    void checkpointSlow(Thread t) {
        GilThread st = owner == t ? ownState(t) : null;
        if (st != null) {
            if (st.rejoin) clearRejoin(st); // marked by a switch from OFF, and took the GIL anyway
            if (st.inCore || st.clinitDepth > 0) return;
            st.holdCheckpoints++;
            if (mode == Mode.LEGACY) {
                if (--st.ticks <= 0) legacyTick(st);
            } else if ((breaker & DROP) != 0) {
                dropOnRequest(st);
            }
        } else if ((breaker >>> MARK_SHIFT) != 0) {
            st = GilThread.peek();
            if (st == null || st.phase != GilThread.HELD || st.inCore) return;
            if (st.rejoin) rejoin(st);
            else if (st.revoked) retakeAfterRevocation(st);
        }
    }

    /** Python 2: every checkInterval ticks, release and immediately try to take it back. */
    private void legacyTick(GilThread st) {
        st.ticks = checkInterval;
        if (waiters == 0) return; // nobody to hand it to: releasing would only cost two CASes
        long now = System.nanoTime();
        endHold(st, GilReasons.END_DROP_REQUEST);
        st.enter(GilThread.WAITING, now);
        release(st);
        take(st, GilReasons.WAIT_SWITCH, now);
    }

    /** CPython's drop_gil + take_gil on a drop request, with FORCE_SWITCHING. */
    private void dropOnRequest(GilThread st) {
        Thread t = st.thread;
        long now = System.nanoTime();
        st.dropRequests++;
        endHold(st, GilReasons.END_DROP_REQUEST);
        st.enter(GilThread.WAITING, now);
        Object token = listener.waitBegin();
        int waitingBefore = waiters;
        boolean interrupted = false;
        st.inCore = true;
        boolean pinned = pinned(st);
        if (pinned) lockBarging(); else lockSpinningBriefly();
        try {
            st.ownsGil = false;
            if (OWNER.compareAndSet(this, t, null)) {
                gilFree.signal();
            } else {
                forgetRevocation(st); // revoked while on the way here: the GIL is not ours to give
            }
            if (lastHolder == t) interrupted = awaitSwitch(t, pinned, 0);
        } finally {
            mutex.unlock();
            st.inCore = false;
        }
        if (interrupted) t.interrupt();
        if (mode == Mode.OFF) {
            listener.waitEnd(token, GilReasons.WAIT_SWITCH, waitingBefore);
            enterOff(st, GilReasons.WAIT_SWITCH, System.nanoTime());
        } else if (owner == null && OWNER.compareAndSet(this, null, t)) {
            long now2 = System.nanoTime();
            st.recordWait(now2 - st.phaseStartNanos);
            st.enter(GilThread.HELD, now2);
            acquired(st);
            listener.waitEnd(token, GilReasons.WAIT_SWITCH, waitingBefore);
        } else {
            takeContended(st, GilReasons.WAIT_SWITCH, token);
        }
    }

    /**
     * The requester holds the mutex for a few microseconds after it sets the drop request (until it
     * waits again); parking on it would put this core to sleep and cost a wake-up before the GIL can
     * even be handed over. Spin for about as long as that window before parking.
     */
    private void lockSpinningBriefly() {
        for (int i = 0; i < 200; i++) {
            if (mutex.tryLock()) return;
            Thread.onSpinWait();
        }
        mutex.lock();
    }

    /**
     * Takes the mutex for a program thread. A pinned virtual thread must not queue on it: the mutex
     * hands itself to the first thread queued, which may be a virtual thread waiting for a carrier
     * that only the pinned threads could free (see "pinned virtual threads").
     */
    private void lockMutex(GilThread st) {
        if (mutex.tryLock()) return;
        if (pinned(st)) lockBarging(); else mutex.lock();
    }

    /** Whether {@code st}, the current thread, is a pinned virtual thread: it must not queue on the mutex or wait on its conditions. */
    private static boolean pinned(GilThread st) {
        return st.virtual && Pinning.current();
    }

    /** Takes the mutex by polling, ahead of any queued thread; for pinned virtual threads and the clock watch. */
    private void lockBarging() {
        long pause = 1_000;
        while (!mutex.tryLock()) {
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, PINNED_POLL_NANOS);
        }
    }

    /**
     * Under mutex: {@code c.awaitNanos(nanos)} ({@code c.await()} for 0). A pinned thread polls instead,
     * for the reason in {@link #lockMutex}: a condition's waiter retakes the mutex in the queue. It may
     * miss a signal and see the change up to {@link #PINNED_POLL_NANOS} later.
     */
    private void await(Condition c, boolean pinned, long nanos) throws InterruptedException {
        if (!pinned) {
            if (nanos == 0) c.await(); else c.awaitNanos(nanos);
            return;
        }
        mutex.unlock();
        try {
            LockSupport.parkNanos(nanos == 0 ? PINNED_POLL_NANOS : Math.min(nanos, PINNED_POLL_NANOS));
        } finally {
            lockBarging();
        }
        if (Thread.interrupted()) throw new InterruptedException();
    }

    // ---------------------------------------------------------------- blocking points

    /** Before a blocking call: release the GIL if this thread holds it. True if it did. */
    boolean beginBlocking(Thread t, String point, int kind) {
        GilThread st = null;
        GilThread lazyState = null;
        long now;
        if (owner == t) {
            lazyState = lazyOrHandedOver();
            st = lazyState != null ? lazyState : ownState(t);
        }
        if (st != null) {
            if (st.inCore) return false;
            boolean lazy = lazyState != null;
            if (lazy) {
                if (!winLazyBack(st)) {
                    awaitHandOver(st);
                    return beginBlocking(t, point, kind); // no longer the owner: notices the hand-over
                }
            }
            now = System.nanoTime();
            endHold(st, GilReasons.END_BLOCKING);
            openRelease(st, point, kind, now);
            st.releaseLazy = lazy;
            release(st);
            if ((breaker & DROP) != 0) awaitSwitchBeforeBlocking(st);
            return true;
        }
        if (mode != Mode.OFF && (breaker >>> MARK_SHIFT) == 0) return false;
        if (mode == Mode.DISABLED) return false;
        st = GilThread.peek();
        if (st == null || st.phase != GilThread.HELD || st.inCore) return false;
        if (st.handedOver) {
            noticeHandOver(st); // outside instrumented code: the blocking call runs without the GIL anyway
            return false;
        }
        now = System.nanoTime();
        if (st.rejoin) {
            clearRejoin(st); // HELD without the GIL since a switch from OFF: endBlocking takes it
        } else if (mode != Mode.OFF) {
            if (!st.revoked) return false;
            noticeRevocation(st, now);
        }
        openRelease(st, point, kind, now);
        return true;
    }

    /**
     * CPython's drop_gil waits for the switch whenever a drop request is pending, whatever made the
     * thread let the GIL go (FORCE_SWITCHING): a thread that releases around a blocking call while a
     * waiter has asked for the GIL does not start the call until the waiter has it. Without the wait,
     * the waiter still needs a wake-up to get in while the releasing thread goes on at once, and a short
     * call can return and re-take the GIL first. The time counts as part of the release, as in CPython
     * (it is inside Py_BEGIN_ALLOW_THREADS). Bounded by one interval, and only platform threads wait: a
     * virtual thread could be keeping the carrier the waiter needs.
     */
    private void awaitSwitchBeforeBlocking(GilThread st) {
        if (mode != Mode.GIL || st.virtual) return;
        Thread t = st.thread;
        boolean interrupted = false;
        st.inCore = true;
        boolean parked = !mutex.tryLock();
        if (parked) lockMutex(st);
        try {
            if (lastHolder == t && (breaker & DROP) != 0) {
                parked = true;
                interrupted = awaitSwitch(t, false, intervalNanos);
            }
        } finally {
            mutex.unlock();
            st.inCore = false;
        }
        if (interrupted) t.interrupt();
        // As in release: this runs inside blocking hooks, and our own waiting may have used up an unpark
        // meant for the real park that follows; give it back (at worst one spurious return).
        if (parked) LockSupport.unpark(t);
    }

    /**
     * Under mutex, for {@code t}, which has just let the GIL go: clears the drop request and waits until
     * another thread has taken the GIL (lastHolder moved), nobody waits any more, the GIL is turned off,
     * or {@code limitNanos} passed (0: no limit). True if interrupted meanwhile.
     */
    private boolean awaitSwitch(Thread t, boolean pinned, long limitNanos) {
        boolean interrupted = false;
        BREAKER.getAndBitwiseAnd(this, ~DROP);
        switchWaiters++;
        try {
            long deadline = System.nanoTime() + limitNanos;
            while (lastHolder == t && waiters > 0 && mode != Mode.OFF) {
                long wait = limitNanos > 0 ? deadline - System.nanoTime() : intervalNanos;
                if (wait <= 0) break;
                try {
                    await(switched, pinned, wait);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            switchWaiters--;
        }
        return interrupted;
    }

    private void openRelease(GilThread st, String point, int kind, long now) {
        st.enter(GilThread.RELEASED, now);
        st.releaseLazy = false;
        st.releases++;
        st.releaseKind = kind;
        st.releasePoint = point;
        st.releaseStartNanos = now;
        st.releaseToken = listener.releaseBegin();
    }

    /** After a blocking call that {@link #beginBlocking} released for: take the GIL back. */
    void endBlocking() {
        GilThread st = GilThread.peek();
        if (st == null || st.phase != GilThread.RELEASED) return;
        Object token = st.releaseToken;
        st.releaseToken = null;
        boolean lazy = st.releaseLazy;
        listener.releaseEnd(token, st.releasePoint, st.releaseKind);
        take(st, GilReasons.WAIT_IO_RETURN, System.nanoTime());
        // Back in the uninstrumented frame it blocked in: hold on lazily, as before the call.
        if (lazy && mode == Mode.GIL && owner == st.thread && st.callbackDepth == 0) markLazy(st);
    }

    /**
     * Enters instrumented code as OFF does (HELD, no GIL), unless the mode changed meanwhile: the
     * thread's half of the Dekker pair with {@link #setMode} (see "live mode switch").
     */
    private void enterOff(GilThread st, int reason, long now) {
        st.enter(GilThread.HELD, now);
        VarHandle.fullFence();
        if (mode == Mode.OFF) {
            // OFF counts entries from outside only: the predictor reads acquisitions + releases as
            // the times a thread would have come back for the GIL.
            if (reason == GilReasons.WAIT_ENTRY) st.acquisitions++;
            st.enterOffSlot(this);
            return;
        }
        if (st.rejoin) clearRejoin(st);
        take(st, reason, now);
    }

    /** A thread marked by a switch from OFF takes the GIL it has been running without. */
    private void rejoin(GilThread st) {
        clearRejoin(st);
        if (owner == st.thread) return;
        take(st, GilReasons.WAIT_ENTRY, System.nanoTime());
    }

    private void clearRejoin(GilThread st) {
        if (!st.rejoin) return;
        st.rejoin = false;
        BREAKER.getAndAdd(this, -REVOKED_UNIT);
    }

    /**
     * Forgets a thread that has ended, once its last totals are written: its pending marks (a
     * revocation or a rejoin it did not live to notice) leave the breaker, which would otherwise send
     * every checkpoint of every thread down the slow path for the rest of the run.
     */
    public void forget(GilThread st) {
        mutex.lock();
        try {
            clearRejoin(st);
            winLazyBack(st); // died holding lazily
            if (st.handedOver) {
                // Died outside instrumented code after a hand-over: book it as it would have on its next entry.
                if (st.phase == GilThread.HELD) {
                    st.enter(GilThread.OUTSIDE, Math.max(st.handedOverAtNanos, st.phaseStartNanos));
                }
                st.handedOver = false;
                BREAKER.getAndAdd(this, -REVOKED_UNIT);
            }
            if (st.revoked) {
                st.revoked = false;
                BREAKER.getAndAdd(this, -REVOKED_UNIT);
            }
        } finally {
            mutex.unlock();
        }
        GilThread.forget(st);
    }

    /** Ends the hold event a real take opened (none in OFF, where nothing is taken). */
    private void endHold(GilThread st, int reason) {
        if (!st.holdOpen) return;
        st.holdOpen = false;
        listener.holdEnd(st, reason, st.holdCheckpoints);
    }

    // ---------------------------------------------------------------- take and release

    private void take(GilThread st, int reason, long now) {
        if (mode == Mode.OFF) {
            enterOff(st, reason, now);
            return;
        }
        if (owner == null && OWNER.compareAndSet(this, null, st.thread)) {
            st.enter(GilThread.HELD, now);
            acquired(st);
            return;
        }
        st.enter(GilThread.WAITING, now);
        takeContended(st, reason, listener.waitBegin());
    }

    private void takeContended(GilThread st, int reason, Object token) {
        Thread t = st.thread;
        if (st.virtual && clockWatch == null && safetyNet) startClockWatch();
        boolean interrupted = Thread.interrupted();
        int waitingBefore;
        boolean turnedOff = false;
        st.inCore = true;
        boolean pinned = pinned(st);
        if (pinned) lockBarging(); else mutex.lock();
        try {
            waitingBefore = waiters;
            waiters = waitingBefore + 1;
            boolean timing = false;
            boolean resigned = false;
            long clockStart = 0;
            Object probed = null;
            long probeNanos = BLOCKED_PROBE_NANOS;
            try {
                for (;;) {
                    if (mode == Mode.OFF) {
                        turnedOff = true;
                        break;
                    }
                    if (OWNER.getVolatile(this) == null && OWNER.compareAndSet(this, null, t)) break;
                    try {
                        if (!timing && timer == null && !resigned) {
                            timer = t;
                            timing = true;
                            clockStart = System.nanoTime();
                        }
                        if (!timing) {
                            resigned = false; // sat out one wait: may take the clock again
                            await(gilFree, pinned, 0);
                            continue;
                        }
                        // CPython's waiter re-waits a whole interval after every switch; the one clock
                        // does the same by counting from the later of its start and the last switch.
                        long since = lastSwitchNanos - clockStart > 0 ? lastSwitchNanos : clockStart;
                        long left = since + intervalNanos - System.nanoTime();
                        if (left > 0) {
                            if (revokeIfBlocked(t, st.phaseStartNanos)) break;
                            // Probe a new holder soon, then back off: each probe is a wake-up that
                            // takes a core from the holder when threads outnumber cores.
                            Object holderNow = OWNER.getVolatile(this);
                            if (holderNow != probed) {
                                probed = holderNow;
                                probeNanos = BLOCKED_PROBE_NANOS;
                            }
                            long wait = Math.min(left, probeNanos);
                            if (quietPending && quietHolder == holderNow) {
                                // A holder found without CPU: look again when its quiet window ends, not a
                                // doubled probe period later (that would add up to a period to the latency).
                                long due = quietDueNanos - System.nanoTime();
                                wait = Math.max(1_000L, Math.min(wait, due));
                            }
                            await(gilFree, pinned, wait);
                            probeNanos = Math.min(probeNanos * 2, intervalNanos);
                            continue;
                        }
                    } catch (InterruptedException e) {
                        interrupted = true;
                        continue;
                    }
                    Thread holder = (Thread) OWNER.getVolatile(this);
                    if (holder == null) continue;
                    clockStart = System.nanoTime();
                    // The probe (it may read /proc) and the event come before the request: the holder
                    // answers a request within microseconds and then needs this mutex to drop, and a
                    // holder that parks on it here costs a wake-up on each side of every switch.
                    if (clockRanOut(holder, t, st.phaseStartNanos)) break;
                    if (waiters > 1) {
                        // Pass the clock on. A timed waiter goes back to the tail of the condition's
                        // queue at every timeout, so a timer that kept the clock would never reach
                        // the head that releases signal: it would starve (seen: one of 8 threads).
                        timer = null;
                        timing = false;
                        resigned = true;
                        gilFree.signal();
                    }
                }
            } finally {
                waiters--;
                if (timing) timer = null;
                // Nobody may wait untimed with no clock running: whoever leaves with no timer set
                // wakes one waiter, which finds no timer and starts timing the holder.
                if (timer == null && waiters > 0) gilFree.signal();
            }
        } finally {
            mutex.unlock();
            st.inCore = false;
        }
        if (interrupted) t.interrupt();
        listener.waitEnd(token, reason, waitingBefore);
        long now = System.nanoTime();
        st.recordWait(now - st.phaseStartNanos);
        if (turnedOff) {
            enterOff(st, reason, now);
            return;
        }
        st.enter(GilThread.HELD, now);
        acquired(st);
    }

    /**
     * The state of {@code t}, which has just read {@code owner} as itself, or null if a waiter has taken
     * the GIL over since. {@code ownerState} is written by a new holder after the CAS that gave it the
     * GIL (a revocation, a hand-over), so a revoked thread that read {@code owner} just before may find
     * its successor's state there (see "ownership"). A thread that finds its own state here but has
     * lost the GIL meanwhile is caught by the CAS of whatever it does next (release, drop).
     */
    private GilThread ownState(Thread t) {
        GilThread st = ownerState;
        return st != null && st.thread == t ? st : null;
    }

    /** The caller now owns the GIL. */
    private void acquired(GilThread st) {
        Thread t = st.thread;
        ownerState = st;
        st.acquisitions++;
        st.holdCheckpoints = 0;
        st.ticks = checkInterval;
        if (lastHolder != t) {
            lastHolder = t;
            lastSwitchNanos = st.phaseStartNanos;
            switchNumber++;
            st.switches++;
            if (switchWaiters > 0) signalSwitched(st);
        }
        if ((breaker & DROP) != 0) BREAKER.getAndBitwiseAnd(this, ~DROP);
        if (st.rejoin) clearRejoin(st);
        if (st.lazy != 0) LAZY.setVolatile(st, 0); // stale: left by a switch to legacy or off
        st.holdOpen = true;
        listener.holdBegin(st);
        st.ownsGil = true; // last: from here on the safety net may revoke this hold (see "ownership")
    }

    private void signalSwitched(GilThread st) {
        st.inCore = true;
        lockMutex(st);
        try {
            switched.signalAll();
        } finally {
            mutex.unlock();
            st.inCore = false;
        }
    }

    /** Gives the GIL up; the caller has already moved its phase away from HELD. */
    private void release(GilThread st) {
        st.ownsGil = false;
        // A CAS, not a write: the safety net may have handed the GIL to a waiter since this thread
        // last looked, and a plain write would take it away from that waiter.
        if (!OWNER.compareAndSet(this, st.thread, null)) {
            forgetRevocation(st);
            clearRejoin(st);
            return;
        }
        if (waiters > 0) {
            st.inCore = true;
            boolean parked = !mutex.tryLock();
            if (parked) lockMutex(st);
            try {
                gilFree.signal();
            } finally {
                mutex.unlock();
                st.inCore = false;
            }
            // This runs inside blocking hooks, between the JDK's last check of its condition and its
            // real park (LockSupport.park, say). Waiting for our mutex may have parked this thread
            // and so used up an unpark meant for that real park, which would then sleep forever.
            // Give the permit back: at worst the real park returns once spuriously, which its
            // callers always allow for.
            if (parked) LockSupport.unpark(st.thread);
        }
    }

    // ---------------------------------------------------------------- the safety net

    /**
     * Under mutex, between the timer's short waits: a holder that Java itself reports BLOCKED on a
     * monitor, or WAITING, is stuck in something no hook saw (a contended {@code synchronized}, an
     * {@code Object.wait} in uninstrumented code). CPython releases the GIL before such a wait; the
     * closest we get is to notice within one probe period instead of one interval.
     *
     * <p>A holder that Java reports RUNNABLE is stuck too when the OS says it sleeps and neither its CPU
     * time nor the JVM's GC count moved for 1 ms: it waits inside the JVM (for another thread's
     * class initialization, say) or in native code. Two looks, not one, so that a holder caught in a
     * short wait (a page of a file, a lock inside malloc) is left alone; a holder merely waiting for a
     * core is 'R' to the OS and never qualifies.
     */
    private boolean revokeIfBlocked(Thread waiter, long waitingSince) {
        if (!safetyNet) return false;
        Thread holder = (Thread) OWNER.getVolatile(this);
        GilThread hs = ownerState;
        if (holder == null || hs == null || hs.thread != holder || !hs.ownsGil || hs.inCore) return false;
        Thread.State state = Carriers.stateOf(holder, hs.virtual);
        if (hs.lazy != 0) {
            // Outside instrumented code: waiting there is the program's business, not a stuck holder.
            return state != Thread.State.RUNNABLE && mode == Mode.GIL && handOver(holder, hs, waiter);
        }
        // With the JVMTI helper a holder blocked on a monitor releases the GIL itself, microseconds
        // after Java reports it BLOCKED: revoking it in that window would only book a release as a revocation.
        boolean blocked = state == Thread.State.BLOCKED && !MonitorHooks.active();
        if (blocked || state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
            return revokeIfStuck(holder, waiter, waitingSince);
        }
        // Only a holder that has held the GIL for a probe period may be stuck: a legacy-mode holder,
        // which switches every few microseconds, never costs the mutex these reads.
        if (state == Thread.State.RUNNABLE && System.nanoTime() - hs.phaseStartNanos >= BLOCKED_PROBE_NANOS) {
            // CPU time first: it is cheap, and a running holder's moves, so /proc (a file read, under
            // the mutex that every hand-off needs) is only read for a holder that looks stopped.
            long c = cpu.cpuTimeNanos(holder);
            long gc = cpu.collections();
            boolean still = c >= 0 && quietHolder == holder && quietSwitch == switchNumber && quietCpu == c && quietGc == gc;
            if (still) {
                // Stopped for less than the quiet window is the JVM's own business (a safepoint or a
                // handshake outside GC, code installation): a CPU-bound holder without CPU for 250 us,
                // seen in GilLockTest, was revoked and then ran beside its successor.
                long windowEnd = quietSinceNanos + quietWindowNanos();
                long now = System.nanoTime();
                if (now - windowEnd < 0) {
                    quietDueNanos = windowEnd;
                    quietPending = true;
                    return false;
                }
                // What the OS says, read at or after the window's end by the reader's own thread (a read
                // here, under the mutex, deadlocked: see OsStateReader).
                char os = osStates.ask(hs.nativeTid, windowEnd);
                if (os == 'S') {
                    quietHolder = null;
                    quietPending = false;
                    return revoke(holder, hs, "NO_CPU_PROGRESS", GilReasons.KIND_IO, waiter, waitingSince);
                }
                // The answer is tens of microseconds away: look again soon, and again, each wait twice
                // the last, until it is in. Looking only once more left an answer that took 100-160 us
                // (two reads, on a loaded machine) to the regular probes, whose period had doubled to a few
                // ms: Netty's class-initialization waits were revoked at 4.8 ms instead of 1.5. A stalled
                // reader ('?', after 10 ms), a holder the OS calls runnable, or one handing a method to the
                // JIT ('J': the JVM's business, not the program's) is left to the regular probes.
                quietPending = os == OsStateReader.PENDING;
                quietAnswerWaitNanos = quietAsked ? Math.min(2 * quietAnswerWaitNanos, OS_ANSWER_WAIT_MAX_NANOS) : OS_ANSWER_WAIT_NANOS;
                quietAsked = true;
                quietDueNanos = now + quietAnswerWaitNanos;
                return false;
            }
            quietPending = false;
            quietAsked = false;
            long now = System.nanoTime();
            seenRunning = holder;
            seenRunningNanos = now;
            quietHolder = holder;
            quietSwitch = switchNumber;
            quietCpu = c;
            quietGc = gc;
            quietSinceNanos = now;
            return false;
        }
        quietHolder = null;
        quietPending = false;
        quietAsked = false;
        seenRunning = holder;
        seenRunningNanos = System.nanoTime();
        return false;
    }

    /**
     * How long a RUNNABLE holder must have had no CPU before the probe takes it for stuck: 1 ms. Longer
     * keeps waiters from holders that really are stuck (Jetty's and Netty's class-initialization waits:
     * half a 5 ms interval made the median revocation latency 4.1 ms instead of under 2 ms).
     */
    private static long quietWindowNanos() {
        return 4 * BLOCKED_PROBE_NANOS;
    }

    /**
     * Under mutex: hand the GIL to {@code waiter} if {@code holder} is stuck. True if it did. The
     * revocation's latency is how long waiters were kept from a stuck holder, at most: from the latest
     * of when the waiter began to wait, when the holder took the GIL and when a probe last saw it running.
     */
    private boolean revokeIfStuck(Thread holder, Thread waiter, long waitingSince) {
        if (!safetyNet) return false;
        GilThread hs = ownerState;
        if (hs == null || hs.thread != holder || !hs.ownsGil || hs.inCore) return false;
        Thread.State state = Carriers.stateOf(holder, hs.virtual);
        String why = null;
        int kind = GilReasons.KIND_IO;
        // Not a switch: a switch on an enum initializes a synthetic class on first use, here under the mutex.
        if (state == Thread.State.BLOCKED) {
            why = "BLOCKED";
            kind = GilReasons.KIND_LOCK;
        } else if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
            why = state.name();
            kind = GilReasons.KIND_WAIT;
        } else if (state == Thread.State.TERMINATED) {
            why = "TERMINATED";
        }
        if (why == null) {
            // A virtual holder has no CPU clock of its own; its carrier's stops when it waits inside the
            // JVM (see Carriers). A move to another carrier counts as progress.
            Thread carrier = hs.virtual ? Carriers.of(holder) : null;
            long c = hs.virtual ? (carrier == null ? -1 : cpu.cpuTimeNanos(carrier)) : cpu.cpuTimeNanos(holder);
            if (c < 0) return false;
            long now = System.nanoTime();
            boolean again = probeHolder == holder && probeCarrier == carrier && probeSwitch == switchNumber;
            // RUNNABLE to Java, and no CPU since the last look: stuck, unless the OS says it is runnable,
            // i.e. only waiting for a core. The OS is asked only then: a holder whose CPU time moves is
            // running, and a read at every look (one per switch of CPU-bound threads: a file opened on
            // the reader's thread) took about 1.3% of a core at 5 ms and 2.6% at 1 ms from the program's
            // threads where cores are scarce. An answer still on its way keeps this baseline for the
            // next look (a probe within the next interval sees a stuck holder's quiet sooner, see
            // revokeIfBlocked); a stalled reader ('?') decides as where the OS does not tell.
            char os = again && c - probeCpu < intervalNanos / 100 ? osStates.ask(hs.nativeTid, probeAtNanos) : 'R';
            if (os == OsStateReader.PENDING) return false;
            if (os != 'R') {
                why = "NO_CPU_PROGRESS";
            } else {
                probeHolder = holder;
                probeCarrier = carrier;
                probeSwitch = switchNumber;
                probeCpu = c;
                probeAtNanos = now;
                return false;
            }
        }
        return revoke(holder, hs, why, kind, waiter, waitingSince);
    }

    /** Starts the clock watch once (outside the mutex: creating a thread may load and initialize classes). */
    private void startClockWatch() {
        // Started by a program thread: inherit none of its inheritable thread locals.
        Thread w = new Thread(null, this::watchClock, "gil4j-clock-watch", 0, false);
        w.setDaemon(true);
        if (!CLOCK_WATCH.compareAndSet(this, null, w)) return;
        w.start();
    }

    /** The clock watch's loop: one look per interval while anyone waits (see "virtual waiters"). */
    private void watchClock() {
        for (;;) {
            LockSupport.parkNanos(intervalNanos);
            if (waiters == 0) continue;
            lockBarging(); // never queued behind a virtual thread without a carrier
            try {
                standInForStrandedTimer();
            } finally {
                mutex.unlock();
            }
        }
    }

    /**
     * Under mutex, on the clock watch: if one holder has kept the GIL over waiters for two intervals
     * without a switch, the waiter keeping the clock did not run, and this does its work instead.
     */
    private void standInForStrandedTimer() {
        Thread holder = (Thread) OWNER.getVolatile(this);
        long now = System.nanoTime();
        if (holder == null || waiters == 0 || mode == Mode.OFF) {
            watchedHolder = null;
            return;
        }
        if (holder != watchedHolder || switchNumber != watchedSwitch) {
            watchedHolder = holder;
            watchedSwitch = switchNumber;
            watchedSinceNanos = now;
            return;
        }
        if (now - watchedSinceNanos < 2 * intervalNanos) return;
        // Freed, not handed to a waiter: only a waiter with a carrier can take it, so every one is woken.
        if (clockRanOut(holder, null, watchedSinceNanos)) {
            watchedHolder = null;
            gilFree.signalAll();
        }
    }

    /**
     * Under mutex, when an interval ran out with no switch: hands a sticky holder over or revokes a stuck
     * one to {@code waiter} (null: frees the GIL), true if so; else asks the holder to drop.
     */
    private boolean clockRanOut(Thread holder, Thread waiter, long waitingSince) {
        if (mode == Mode.GIL && handOver(holder, ownerState, waiter)) return true;
        if (revokeIfStuck(holder, waiter, waitingSince)) return true;
        if (mode == Mode.GIL && (breaker & DROP) == 0) {
            listener.dropRequested(holder);
            raise(DROP);
        }
        return false;
    }

    /** Under mutex: hands the GIL from a stuck {@code holder} to {@code waiter} (null: frees it). True if it did. */
    private boolean revoke(Thread holder, GilThread hs, String why, int kind, Thread waiter, long waitingSince) {
        boolean dead = "TERMINATED".equals(why);
        if (!dead) {
            hs.revokedAtNanos = System.nanoTime();
            hs.revokedKind = kind;
            hs.revoked = true;
            countMark();
        }
        if (!OWNER.compareAndSet(this, holder, waiter)) {
            if (!dead) {
                hs.revoked = false;
                BREAKER.getAndAdd(this, -REVOKED_UNIT);
            }
            return false;
        }
        hs.ownsGil = false;
        probeHolder = null;
        revocations++;
        // The holder cannot have been stuck before it took the GIL, nor before a probe saw it running.
        long since = waitingSince;
        if (hs.phase == GilThread.HELD && hs.phaseStartNanos - since > 0) since = hs.phaseStartNanos;
        if (seenRunning == holder && seenRunningNanos - since > 0) since = seenRunningNanos;
        listener.revoked(holder, why, Math.max(0, System.nanoTime() - since));
        seenRunning = null;
        return true;
    }

    /** A release found the GIL already taken over: just drop the pending mark. */
    private void forgetRevocation(GilThread st) {
        if (!st.revoked) return;
        st.revoked = false;
        BREAKER.getAndAdd(this, -REVOKED_UNIT);
        st.revocations++;
    }

    /** The revoked thread learns it lost the GIL: its time since the revocation counts as released. */
    private void noticeRevocation(GilThread st, long now) {
        forgetRevocation(st);
        endHold(st, GilReasons.END_REVOKED);
        long at = Math.min(now, Math.max(st.revokedAtNanos, st.phaseStartNanos));
        st.enter(GilThread.RELEASED, at);
        st.releases++;
        st.releaseKind = st.revokedKind;
    }

    private void retakeAfterRevocation(GilThread st) {
        long now = System.nanoTime();
        noticeRevocation(st, now);
        take(st, GilReasons.WAIT_REVOKED, now);
    }

    // ---------------------------------------------------------------- operations (throughput=)

    Object operationBegin() { return listener.operationBegin(); }

    void operationEnd(Object token, String method) { listener.operationEnd(token, method); }

    /** For tests and diagnostics: a one-line picture of the lock. */
    @Override
    public String toString() {
        return "GilLock[" + mode + ", interval=" + TimeUnit.NANOSECONDS.toMicros(intervalNanos) + "us, owner="
                + owner + ", waiters=" + waiters + ", switches=" + switchNumber + ", breaker=" + breaker + "]";
    }
}
