package io.gil4j.bootstrap;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One thread's relation to the GIL: where it is (its phase) and where its time went.
 *
 * <p>A thread gets a {@code GilThread} the first time it enters instrumented code and keeps it for
 * life. Its time since then is split over four phases, and every phase change adds the time spent
 * in the old phase to that phase's total, so {@code held + waiting + released + outside} is, by
 * construction, the thread's wall time since its first entry. What the tests check is that no path
 * forgets a transition (a wait counted as held, a blocking call counted as outside).
 *
 * <p>Assumptions and guarantees: every field is written only by the thread itself, except
 * {@link #revoked}/{@link #revokedAtNanos}/{@link #revokedState}, which the safety net writes under
 * the GIL's mutex while this thread is not looking at them (see {@link GilLock}). Readers on other
 * threads (the JFR stats sampler) take racy snapshots: each counter is a whole long, the sum may be
 * off by one in-progress segment, which {@link #snapshot} bounds by adding the open segment itself.
 */
public final class GilThread {

    public static final int OUTSIDE = 0;
    public static final int HELD = 1;
    public static final int WAITING = 2;
    public static final int RELEASED = 3;

    private static final ThreadLocal<GilThread> CURRENT = new ThreadLocal<>();
    private static final ConcurrentLinkedQueue<GilThread> ALL = new ConcurrentLinkedQueue<>();

    public final Thread thread;
    public final long firstEntryNanos;
    /** The OS thread id for the safety net, or -1 (virtual threads move between carriers). */
    final int nativeTid;
    /** A virtual thread: it runs only while the JDK's scheduler gives it a carrier. */
    final boolean virtual;

    int phase = OUTSIDE;
    long phaseStartNanos;
    final long[] phaseNanos = new long[4];
    final long[] releasedByKind = new long[GilReasons.KIND_COUNT];
    int releaseKind;

    long acquisitions;
    long switches;
    long dropRequests;
    long revocations;
    long releases;
    /**
     * Waits for the GIL that were contended (the ones a {@code gil.Wait} event can report), by duration:
     * bucket k counts waits of [2^(k-1), 2^k) microseconds, bucket 0 those under a microsecond, the last
     * everything longer. Enough for a percentile per period from two reads, with no allocation.
     */
    public static final int WAIT_BUCKETS = 32;
    final long[] waitBuckets = new long[WAIT_BUCKETS];

    /** Slow-path checkpoints passed during the current hold (the fast path counts nothing). */
    long holdCheckpoints;

    /** Legacy mode: checkpoints left before the periodic release ("ticks" of Python 2). */
    int ticks;
    /** Nesting of class initializers on this thread: no drop requests are honoured inside one. */
    int clinitDepth;
    /** The thread is inside the GIL's own code: blocking hooks must not release on its behalf. */
    volatile boolean inCore;

    /** Entries into instrumented code made from inside a blocking call (callbacks); see Gil.enter. */
    int callbackDepth;
    long[] savedReleaseStart = new long[2];
    int[] savedReleaseKind = new int[2];
    boolean[] savedReleaseLazy = new boolean[2];
    Object[] savedReleaseToken = new Object[2];
    String[] savedReleasePoint = new String[2];

    long releaseStartNanos;
    Object releaseToken;
    String releasePoint;

    /** Set while the JVMTI helper has released this thread's GIL around a monitor enter or wait. */
    boolean monitorReleased;

    /**
     * True from the end of the take that gave this thread the GIL ({@code acquired}) until it gives the
     * GIL up or loses it. The safety net only revokes a holder whose flag is set: between its CAS and
     * the end of {@code acquired} a new holder has not yet written {@code ownerState}, which still holds
     * this same object from its previous hold (see GilLock, "ownership").
     */
    volatile boolean ownsGil;

    /** Set by the safety net when it handed this thread's GIL to a waiter (under the core's mutex). */
    volatile boolean revoked;
    long revokedAtNanos;
    int revokedKind;

    /** Set by a switch from OFF while this thread ran instrumented code without the GIL (see GilLock). */
    volatile boolean rejoin;
    /**
     * 1 while this thread holds the GIL outside instrumented code, past its outermost exit (a sticky
     * holder after a later attach; see GilLock); the holder and a waiter that hands the GIL over race
     * for it by CAS.
     */
    volatile int lazy;
    /** Set by a waiter that took the GIL from this lazy holder (under the core's mutex). */
    volatile boolean handedOver;
    long handedOverAtNanos;
    /** The current release was made by a lazy holder, which holds lazily again when the call returns. */
    boolean releaseLazy;

    /** A real take opened a hold event that the next drop must close. */
    boolean holdOpen;

    /** For the event listener: a reusable hold event, so acquisitions allocate nothing. */
    public Object holdToken;

    /** Set once the stats sampler has written this (dead) thread's final totals. */
    volatile boolean finalStatsWritten;

    /** This thread put itself into its slot of {@link OffThreads}' table (which another may since have emptied). */
    boolean offSlotted;

    private GilThread(Thread thread, long now) {
        this.thread = thread;
        this.firstEntryNanos = now;
        this.virtual = isVirtual(thread);
        this.nativeTid = virtual ? -1 : NativeThreadState.currentTid();
        this.phaseStartNanos = now;
    }

    private static boolean isVirtual(Thread t) {
        // Thread.isVirtual() is JDK 21+; virtual threads belong to this class on every JDK that has them.
        return t.getClass().getName().equals("java.lang.VirtualThread");
    }

    /** The current thread's state, created and registered on first use. */
    static GilThread current() {
        GilThread st = CURRENT.get();
        if (st == null) {
            st = new GilThread(Thread.currentThread(), System.nanoTime());
            CURRENT.set(st);
            ALL.add(st);
        }
        return st;
    }

    /** The current thread's state, or null if it never entered instrumented code. */
    static GilThread peek() {
        return CURRENT.get();
    }

    /** Moves to {@code next}, charging the time since the last change to the phase being left. */
    void enter(int next, long now) {
        if (offSlotted && next != HELD) leaveOffSlot();
        long spent = now - phaseStartNanos;
        phaseNanos[phase] += spent;
        if (phase == RELEASED) releasedByKind[releaseKind] += spent;
        phase = next;
        phaseStartNanos = now;
    }

    public int phase() { return phase; }

    /** Called by the thread itself once it is HELD in {@code lock}'s OFF (see {@link OffThreads}). */
    void enterOffSlot(GilLock lock) {
        // Not "!offSlotted": a switch away from OFF empties the table behind the thread's back.
        if (phase == HELD && !OffThreads.holds(thread) && OffThreads.enter(thread, lock)) offSlotted = true;
    }

    /** Out of its slot: at any phase change away from HELD, and when a dead thread is forgotten. */
    void leaveOffSlot() {
        offSlotted = false;
        OffThreads.leave(thread);
    }

    /** Counts a contended wait that lasted {@code nanos} (see {@link #waitBuckets}). */
    void recordWait(long nanos) {
        long us = Math.max(0, nanos) / 1000;
        waitBuckets[Math.min(64 - Long.numberOfLeadingZeros(us), WAIT_BUCKETS - 1)]++;
    }

    /** A copy of the wait counts by duration bucket; bucket k's upper bound is {@link #waitBucketLimitNanos}. */
    public long[] waitBuckets() {
        return waitBuckets.clone();
    }

    /** Upper bound of bucket k, in nanoseconds (the last bucket has none: Long.MAX_VALUE). */
    public static long waitBucketLimitNanos(int k) {
        return k >= WAIT_BUCKETS - 1 ? Long.MAX_VALUE : (1L << k) * 1000;
    }

    /** When the current phase began (System.nanoTime). */
    public long lastChangeNanos() { return phaseStartNanos; }

    /** Every thread that ever entered instrumented code and has not been forgotten yet. */
    public static Iterator<GilThread> all() {
        return ALL.iterator();
    }

    /** Forgets a dead thread once its last totals have been written; its totals stay in {@link #sum}. */
    public static void forget(GilThread st) {
        if (st.offSlotted) st.leaveOffSlot();
        if (ALL.remove(st)) {
            Totals t = st.snapshot(st.phaseStartNanos);
            synchronized (RETIRED_LOCK) {
                retired = retired.plus(t);
            }
        }
    }

    private static final Object RETIRED_LOCK = new Object();
    private static Totals retired = Totals.ZERO;

    /** Every thread's totals added up, forgotten threads included: cumulative over the JVM's life. */
    public static Totals sum(long now) {
        Totals s;
        synchronized (RETIRED_LOCK) {
            s = retired;
        }
        for (Iterator<GilThread> it = ALL.iterator(); it.hasNext(); ) s = s.plus(it.next().snapshot(now));
        return s;
    }

    /**
     * A consistent-enough copy of the totals for reporting, the open segment included: each counter is
     * a whole long, the parts may disagree with {@code wall} by the segment that changes meanwhile.
     *
     * @param wall         since the first entry into instrumented code
     * @param held         holding the GIL
     * @param waiting      waiting for it
     * @param released     released around blocking calls (or taken by the safety net)
     * @param outside      not in instrumented code
     * @param releasedByKind released, split by {@code GilReasons.KIND_*}
     * @param acquisitions takes of the GIL
     * @param switches     takes that followed another thread's hold
     * @param dropRequests drops honoured on request
     * @param revocations  times the safety net took the GIL from this thread
     * @param releases     times the thread let go of the GIL around a blocking call or lost it to the
     *                     safety net, whatever the duration: with {@code released}, the mean blocking time
     */
    public record Totals(long wall, long held, long waiting, long released, long outside, long[] releasedByKind,
                         long acquisitions, long switches, long dropRequests, long revocations, long releases) {
        public static final Totals ZERO = new Totals(0, 0, 0, 0, 0, new long[GilReasons.KIND_COUNT], 0, 0, 0, 0, 0);

        public Totals plus(Totals o) {
            return combine(o, 1);
        }

        /** What happened between {@code o} (earlier) and this. */
        public Totals minus(Totals o) {
            return combine(o, -1);
        }

        private Totals combine(Totals o, int sign) {
            long[] kinds = new long[GilReasons.KIND_COUNT];
            for (int k = 0; k < kinds.length; k++) kinds[k] = releasedByKind[k] + sign * o.releasedByKind[k];
            return new Totals(wall + sign * o.wall, held + sign * o.held, waiting + sign * o.waiting,
                    released + sign * o.released, outside + sign * o.outside, kinds, acquisitions + sign * o.acquisitions,
                    switches + sign * o.switches, dropRequests + sign * o.dropRequests, revocations + sign * o.revocations,
                    releases + sign * o.releases);
        }
    }

    public Totals snapshot(long now) {
        int p = phase;
        long open = Math.max(0, now - phaseStartNanos);
        long[] byKind = new long[GilReasons.KIND_COUNT];
        for (int k = 0; k < byKind.length; k++) {
            byKind[k] = releasedByKind[k] + (p == RELEASED && releaseKind == k ? open : 0);
        }
        // A lazy holder that was handed over is outside from then on, though it books that only when
        // it next enters instrumented code (or never, if it dies first).
        long openHeld = p == HELD ? open : 0;
        long openOutside = p == OUTSIDE ? open : 0;
        if (p == HELD && handedOver) {
            openHeld = Math.max(0, Math.min(now, handedOverAtNanos) - phaseStartNanos);
            openOutside = open - openHeld;
        }
        return new Totals(now - firstEntryNanos,
                phaseNanos[HELD] + openHeld,
                phaseNanos[WAITING] + (p == WAITING ? open : 0),
                phaseNanos[RELEASED] + (p == RELEASED ? open : 0),
                phaseNanos[OUTSIDE] + openOutside,
                byKind, acquisitions, switches, dropRequests, revocations, releases);
    }

    /** Saves the open release around a callback into instrumented code (a small stack). */
    void pushRelease() {
        int d = callbackDepth++;
        if (d == savedReleaseStart.length) {
            savedReleaseStart = java.util.Arrays.copyOf(savedReleaseStart, d * 2);
            savedReleaseKind = java.util.Arrays.copyOf(savedReleaseKind, d * 2);
            savedReleaseLazy = java.util.Arrays.copyOf(savedReleaseLazy, d * 2);
            savedReleaseToken = java.util.Arrays.copyOf(savedReleaseToken, d * 2);
            savedReleasePoint = java.util.Arrays.copyOf(savedReleasePoint, d * 2);
        }
        savedReleaseStart[d] = releaseStartNanos;
        savedReleaseKind[d] = releaseKind;
        savedReleaseLazy[d] = releaseLazy;
        savedReleaseToken[d] = releaseToken;
        savedReleasePoint[d] = releasePoint;
    }

    void popRelease() {
        int d = --callbackDepth;
        releaseStartNanos = savedReleaseStart[d];
        releaseKind = savedReleaseKind[d];
        releaseLazy = savedReleaseLazy[d];
        releaseToken = savedReleaseToken[d];
        releasePoint = savedReleasePoint[d];
        savedReleaseToken[d] = null;
    }
}
