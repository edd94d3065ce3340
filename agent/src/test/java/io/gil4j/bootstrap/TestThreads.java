package io.gil4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The threads a lock test starts: an assertion that fails on one of them fails the test (it would
 * otherwise only end that thread), and each is joined before the next test installs its own lock.
 */
final class TestThreads {
    final List<Thread> started = new ArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    /** A thread running {@code body}, not started yet. */
    Thread create(String name, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failures.add(e);
            }
        }, name);
        started.add(t);
        return t;
    }

    Thread start(String name, Runnable body) {
        Thread t = create(name, body);
        t.start();
        return t;
    }

    /** Joins every thread (10 s each at most) and fails on what failed on them. */
    void joinAndCheck() throws InterruptedException {
        for (Thread t : started) t.join(10_000);
        assertThat(failures).as("failures on the test's threads").isEmpty();
    }
}
