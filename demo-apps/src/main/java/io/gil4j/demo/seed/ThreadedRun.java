package io.gil4j.demo.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs tasks on plain platform threads, started together and joined: {@code threading.Thread} +
 * {@code join} of the CPython experiment (no executor, so no pool machinery in the measurement).
 */
public final class ThreadedRun {
    private ThreadedRun() {
    }

    /** One result per task, in order; the first failure is rethrown after every thread ended. */
    public static List<Long> run(String namePrefix, List<Callable<Long>> tasks) throws Exception {
        long[] results = new long[tasks.size()];
        Exception[] failures = new Exception[tasks.size()];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            int index = i;
            Callable<Long> task = tasks.get(i);
            threads.add(new Thread(() -> {
                try {
                    results[index] = task.call();
                } catch (Exception e) {
                    failures[index] = e;
                }
            }, namePrefix + "-" + (i + 1)));
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            if (failures[i] != null) {
                throw failures[i];
            }
            out.add(results[i]);
        }
        return out;
    }
}
