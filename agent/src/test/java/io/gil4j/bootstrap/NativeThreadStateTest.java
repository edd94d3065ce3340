package io.gil4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The safety net's view of the OS: a thread's id and its /proc state letter (Linux only). */
class NativeThreadStateTest {

    @Test
    void readsTheCallingThreadsIdAndSeesItRunning() {
        assumeTrue(new File("/proc/thread-self").exists(), "no /proc/thread-self: not Linux");
        int tid = NativeThreadState.currentTid();
        assertThat(new File("/proc/self/task/" + tid)).as("task dir of tid %d", tid).isDirectory();
        assertThat(NativeThreadState.state(tid)).isEqualTo('R');
    }

    @Test
    void noThreadIdOrAnUnknownOneReadsAsUnknown() {
        assertThat(NativeThreadState.state(0)).isEqualTo('?');
        assertThat(NativeThreadState.state(-1)).isEqualTo('?');
        assertThat(NativeThreadState.state(Integer.MAX_VALUE)).as("no such task").isEqualTo('?');
    }

    @Test
    void seesASleepingThreadSleep() throws Exception {
        assertSleeping("sleeper");
    }

    /** The OS's name of a thread is its Java name; one holding ") R (" must not be read as running. */
    @Test
    void readsTheStateAfterTheLastParenthesisOfTheName() throws Exception {
        assertSleeping("x) R (y");
    }

    private static void assertSleeping(String name) throws Exception {
        assumeTrue(new File("/proc/thread-self").exists(), "no /proc/thread-self: not Linux");
        int[] tid = new int[1];
        CountDownLatch known = new CountDownLatch(1);
        Thread sleeper = new Thread(() -> {
            tid[0] = NativeThreadState.currentTid();
            known.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ignored) {
                // the test is over
            }
        }, name);
        sleeper.start();
        known.await();
        while (sleeper.getState() != Thread.State.TIMED_WAITING) Thread.onSpinWait();
        char state = NativeThreadState.state(tid[0]);
        String comm = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/task/" + tid[0] + "/comm")).strip();
        sleeper.interrupt();
        sleeper.join();
        assertThat(tid[0]).isPositive().isNotEqualTo(NativeThreadState.currentTid());
        assertThat(comm).as("the OS knows the thread by its Java name").isEqualTo(name);
        assertThat(state).isEqualTo('S');
        // Not checked: the state of an ended thread. join() returns before the OS thread is gone, and
        // Linux reuses thread ids (a fresh-clone CI run saw 'R' right after join).
    }
}
