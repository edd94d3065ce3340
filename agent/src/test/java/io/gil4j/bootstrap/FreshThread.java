package io.gil4j.bootstrap;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/** Runs a test's body on a new thread, whose {@link GilThread} state starts from zero. */
final class FreshThread {
    private FreshThread() { }

    /** {@code body}'s result; what it throws is rethrown here, so an assertion in it fails the test. */
    static <T> T call(Callable<T> body) throws Exception {
        FutureTask<T> task = new FutureTask<>(body);
        new Thread(task, "fresh").start();
        try {
            return task.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) throw err;
            throw (Exception) e.getCause();
        }
    }
}
