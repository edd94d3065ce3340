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

    static Stream<Arguments> calls() {
        Object monitor = new Object();
        Thread done = new Thread(() -> { });
        done.start();
        return Stream.of(
                Arguments.of("sleep(ms)", (Call) () -> Blocking.sleep(1), "java.lang.Thread.sleep", "sleep"),
                Arguments.of("sleep(ms, ns)", (Call) () -> Blocking.sleep(1, 1), "java.lang.Thread.sleep", "sleep"),
                Arguments.of("wait()", (Call) () -> waitNotified(monitor), "java.lang.Object.wait", "wait"),
                Arguments.of("wait(ms)", (Call) () -> {
                    synchronized (monitor) {
                        Blocking.wait(monitor, 1);
                    }
                }, "java.lang.Object.wait", "wait"),
                Arguments.of("wait(ms, ns)", (Call) () -> {
                    synchronized (monitor) {
                        Blocking.wait(monitor, 1, 1);
                    }
                }, "java.lang.Object.wait", "wait"),
                Arguments.of("join()", (Call) () -> Blocking.join(done), "java.lang.Thread.join", "wait"),
                Arguments.of("join(ms)", (Call) () -> Blocking.join(done, 1), "java.lang.Thread.join", "wait"),
                Arguments.of("join(ms, ns)", (Call) () -> Blocking.join(done, 1, 1), "java.lang.Thread.join", "wait"));
    }

    /** wait() until another thread notifies (it keeps notifying until the waiter is back). */
    private static void waitNotified(Object monitor) throws InterruptedException {
        boolean[] back = {false};
        Thread notifier = new Thread(() -> {
            while (true) {
                synchronized (monitor) {
                    if (back[0]) return;
                    monitor.notifyAll();
                }
                Thread.onSpinWait();
            }
        });
        synchronized (monitor) {
            notifier.start();
            Blocking.wait(monitor);
            back[0] = true;
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
