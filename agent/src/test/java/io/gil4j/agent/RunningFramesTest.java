package io.gil4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link RunningFrames} on stacks written by hand (top first, as {@link Thread#getStackTrace} gives them). */
class RunningFramesTest {
    private final Thread worker = new Thread(() -> { }, "worker");
    private final Thread other = new Thread(() -> { }, "other");

    private static StackTraceElement f(String cls, String method) {
        return new StackTraceElement(cls, method, null, -1);
    }

    private static final StackTraceElement THREAD_RUN = f("java.lang.Thread", "run");

    private static boolean app(String cls) {
        return cls.startsWith("com.example.");
    }

    @Test
    void aLoopThatDoesItsWorkItselfWaits() {
        StackTraceElement[] spin = {f("com.example.Spin", "loop"), THREAD_RUN};
        Map<String, String> r = RunningFrames.longRunning(List.of(Map.of(worker, spin), Map.of(worker, spin)), RunningFramesTest::app);
        assertThat(r).containsOnlyKeys("com.example.Spin");
        assertThat(r.get("com.example.Spin")).contains("com.example.Spin.loop").contains("\"worker\"");
    }

    @Test
    void theStepALoopKeepsCallingDoesNotWaitButTheLoopDoes() {
        StackTraceElement[] s = {f("com.example.Work", "step"), f("com.example.Loop", "run"), THREAD_RUN};
        Map<String, String> r = RunningFrames.longRunning(List.of(Map.of(worker, s), Map.of(worker, s), Map.of(worker, s)),
                RunningFramesTest::app);
        assertThat(r).containsOnlyKeys("com.example.Loop");
    }

    @Test
    void aFrameBelowOnlyPlatformFramesIsNotTakenForAShortCall() {
        StackTraceElement[] s = {f("com.example.Handler", "handle"), f("java.util.concurrent.ThreadPoolExecutor", "runWorker"),
                THREAD_RUN};
        Map<String, String> r = RunningFrames.longRunning(List.of(Map.of(worker, s), Map.of(worker, s)), RunningFramesTest::app);
        assertThat(r).containsOnlyKeys("com.example.Handler");
    }

    @Test
    void framesThatChangedBetweenLooksAreNotLongRunning() {
        StackTraceElement[] a = {f("com.example.A", "x"), f("com.example.Loop", "run"), THREAD_RUN};
        StackTraceElement[] b = {f("com.example.B", "y"), f("com.example.Other", "z"), f("com.example.Loop2", "run"), THREAD_RUN};
        Map<String, String> r = RunningFrames.longRunning(List.of(Map.of(worker, a), Map.of(worker, b)), RunningFramesTest::app);
        assertThat(r).isEmpty();
    }

    @Test
    void onlyWantedClassesAndThreadsSeenInEveryLookCount() {
        StackTraceElement[] s = {f("com.example.Spin", "loop"), THREAD_RUN};
        StackTraceElement[] t = {f("org.lib.Poller", "poll"), THREAD_RUN};
        Map<String, String> r = RunningFrames.longRunning(
                List.of(Map.of(worker, s, other, t), Map.of(other, t)), RunningFramesTest::app);
        assertThat(r).as("worker ended between looks; Poller is not wanted").isEmpty();
    }
}
