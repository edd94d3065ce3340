package io.gil4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each stand-in of {@link Blocking}, called the way rewritten call sites call it: a holder releases the
 * GIL around the call, names its blocking point and kind, and holds the GIL again afterwards; a thread
 * that does not hold it releases nothing.
 */
class BlockingTest {
    private static final long MS = 1_000_000L;

    /** A blocking call of Blocking's, with the point and kind its release must carry. */
    interface Call {
        void run() throws InterruptedException;
    }

    private final List<String> releases = new CopyOnWriteArrayList<>();
    private GilLock lock;

    @BeforeEach
    void install() {
        lock = new GilLock(GilLock.Mode.GIL, 5 * MS, 100);
        lock.setListener(new GilListener() {
            @Override public void holdBegin(GilThread thread) { }
            @Override public void holdEnd(GilThread thread, int endReason, long checkpoints) { }
            @Override public Object waitBegin() { return null; }
            @Override public void waitEnd(Object token, int reason, int waiters) { }
            @Override public Object releaseBegin() { return "token"; }
            @Override public void releaseEnd(Object token, String blockingPoint, int kind) {
                releases.add(token + " " + blockingPoint + " " + GilReasons.kind(kind));
            }
            @Override public void dropRequested(Thread holder) { }
            @Override public void revoked(Thread holder, String holderState, long latencyNanos) { }
            @Override public Object operationBegin() { return null; }
            @Override public void operationEnd(Object token, String method) { }
        });
        Gil.install(lock);
    }

    @AfterEach
    void uninstall() {
        Gil.install(new GilLock(GilLock.Mode.DISABLED, 5 * MS, 100));
    }

    /**
     * Each call checks that it really blocked (slept its time, was notified, outlived the joined
     * thread): a stand-in that released and re-took the GIL around nothing would pass the rest.
     */
    static Stream<Arguments> calls() {
        Object monitor = new Object();
        return Stream.of(
                Arguments.of("sleep(ms)", (Call) () -> tookAtLeast20Ms(() -> Blocking.sleep(20)), "java.lang.Thread.sleep", "sleep"),
                Arguments.of("sleep(ms, ns)", (Call) () -> tookAtLeast20Ms(() -> Blocking.sleep(20, 1)), "java.lang.Thread.sleep", "sleep"),
                Arguments.of("wait()", (Call) () -> waitNotified(monitor), "java.lang.Object.wait", "wait"),
                Arguments.of("wait(ms)", (Call) () -> tookAtLeast20Ms(() -> {
                    synchronized (monitor) {
                        Blocking.wait(monitor, 20);
                    }
                }), "java.lang.Object.wait", "wait"),
                Arguments.of("wait(ms, ns)", (Call) () -> tookAtLeast20Ms(() -> {
                    synchronized (monitor) {
                        Blocking.wait(monitor, 20, 1);
                    }
                }), "java.lang.Object.wait", "wait"),
                Arguments.of("join()", (Call) () -> joinedASleeper(Blocking::join), "java.lang.Thread.join", "wait"),
                Arguments.of("join(ms)", (Call) () -> joinedASleeper(t -> Blocking.join(t, 60_000)), "java.lang.Thread.join", "wait"),
                Arguments.of("join(ms, ns)", (Call) () -> joinedASleeper(t -> Blocking.join(t, 60_000, 1)), "java.lang.Thread.join", "wait"));
    }

    private static void tookAtLeast20Ms(Call call) throws InterruptedException {
        long start = System.nanoTime();
        call.run();
        assertThat(System.nanoTime() - start).as("blocked for its time").isGreaterThanOrEqualTo(20 * MS);
    }

    interface Join {
        void join(Thread t) throws InterruptedException;
    }

    /** Joins a thread that sleeps 20 ms; it must be over when the join returns. */
    private static void joinedASleeper(Join join) throws InterruptedException {
        Thread sleeper = new Thread(() -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException ignored) {
                // not interrupted here
            }
        });
        sleeper.start();
        join.join(sleeper);
        assertThat(sleeper.isAlive()).as("joined thread over").isFalse();
    }

    /** wait() until another thread notifies (it keeps notifying until the waiter is back). */
    private static void waitNotified(Object monitor) throws InterruptedException {
        boolean[] back = {false};
        int[] notified = {0};
        Thread notifier = new Thread(() -> {
            while (true) {
                synchronized (monitor) {
                    if (back[0]) return;
                    notified[0]++;
                    monitor.notifyAll();
                }
                Thread.onSpinWait();
            }
        });
        synchronized (monitor) {
            notifier.start();
            Blocking.wait(monitor);
            back[0] = true;
            assertThat(notified[0]).as("woken by the notifier, which needs the monitor the wait gave up").isPositive();
        }
        notifier.join();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void aHolderReleasesAroundTheCallAndHoldsAgainAfter(String name, Call call, String point, String kind)
            throws InterruptedException {
        Thread me = Thread.currentThread();
        boolean took = Gil.enter();
        try {
            assertThat(took).isTrue();
            assertThat(lock.owner()).isSameAs(me);
            call.run();
            assertThat(lock.owner()).as("holds the GIL again after %s", name).isSameAs(me);
        } finally {
            Gil.exit(took);
        }
        assertThat(releases).containsExactly("token " + point + " " + kind);
        assertThat(lock.owner()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void aThreadWithoutTheGilReleasesNothing(String name, Call call, String point, String kind)
            throws InterruptedException {
        call.run();
        assertThat(releases).as(name).isEmpty();
        assertThat(lock.owner()).isNull();
    }
}
