package io.gil4j.agent;

import io.gil4j.agent.instrument.ClassInstrumenter;
import io.gil4j.bootstrap.Gil;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * After a later attach: retransforms the classes that were loaded before the agent, except those with a
 * frame that has been running since before the attach ({@link RunningFrames}); those are retried on a
 * daemon thread and retransformed once no such frame is left, each reported once while it waits.
 */
final class AttachRetransformer {
    private AttachRetransformer() { }

    static final long LOOK_GAP_MILLIS = 20;
    static final long RETRY_MILLIS = 500;

    static void run(Instrumentation inst, ClassInstrumenter instrumenter) {
        Map<String, List<Class<?>>> todo = new LinkedHashMap<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (inst.isModifiableClass(c) && instrumenter.wants(c.getName().replace('.', '/'))) {
                todo.computeIfAbsent(c.getName(), k -> new ArrayList<>()).add(c);
            }
        }
        int deferred = pass(inst, instrumenter, todo, true);
        Reporter.info("attached: retransformed the loaded classes, " + deferred + " deferred");
        if (deferred == 0) return;
        Thread retry = new Thread(() -> {
            try {
                while (!todo.isEmpty()) {
                    Thread.sleep(RETRY_MILLIS);
                    pass(inst, instrumenter, todo, false);
                }
            } catch (InterruptedException e) {
                // the JVM is going away
            }
        }, "gil4j-retransform");
        retry.setDaemon(true);
        retry.start();
    }

    /** One look-and-retransform; returns how many classes still wait. */
    private static int pass(Instrumentation inst, ClassInstrumenter instrumenter, Map<String, List<Class<?>>> todo,
                            boolean first) {
        Map<String, String> running;
        List<Map<Thread, StackTraceElement[]>> looks;
        try {
            looks = looks(3);
            running = RunningFrames.longRunning(looks, todo::containsKey);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return todo.size();
        }
        for (String name : new ArrayList<>(todo.keySet())) {
            String frame = running.get(name);
            if (frame != null) {
                if (first) {
                    Reporter.deferred(name, "a frame of " + frame + " has run since before the attach; HotSpot would "
                            + "leave it interpreted for good if its class changed under it, so " + name
                            + " is instrumented once no such frame is left");
                }
                continue;
            }
            for (Class<?> c : todo.remove(name)) {
                try {
                    inst.retransformClasses(c);
                } catch (Throwable t) {
                    Reporter.instrumentationFailed(c.getName(), t.toString());
                }
            }
            if (!first) Reporter.info("instrumented " + name + " now that its running frames have returned");
        }
        // The threads in those frames hold the GIL as the frames would, once instrumented (GilLock's
        // "sticky holders"); a thread whose frame has returned is let go at the next pass.
        Gil.lock().setStickyThreads(RunningFrames.threadsRunning(looks, todo.keySet()).toArray(new Thread[0]));
        if (todo.isEmpty()) System.clearProperty(LiveSettings.DEFERRED_PROPERTY);
        else System.setProperty(LiveSettings.DEFERRED_PROPERTY, String.join(",", todo.keySet()));
        return todo.size();
    }

    private static List<Map<Thread, StackTraceElement[]>> looks(int n) throws InterruptedException {
        List<Map<Thread, StackTraceElement[]>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i > 0) Thread.sleep(LOOK_GAP_MILLIS);
            out.add(Thread.getAllStackTraces());
        }
        return out;
    }

}
