package com.example.workload;

import io.gil4j.agent.testevents.Emit;
import io.gil4j.agent.testevents.Emit.StatsSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Synthetic but realistic gil4j recordings, written by real JFR in this JVM. This package plays the
 * user's program: wait stacks must end here once the agent's frames (io.gil4j.agent.*, io.gil4j.bootstrap.*; the test emitter lives in io.gil4j.agent.testevents to play that part) are removed. The switch
 * interval is 1 ms so that the real durations stay short; gil.Stats carry the exact totals.
 */
public final class Scenarios {
    public static final long MS = 1_000_000L;
    public static final long INTERVAL = MS;
    public static final String HOSTILE = "<script>alert(\"x\")</script>&'";

    private Scenarios() {
    }

    /** Two CPU-bound threads alternating on the GIL: holds and waits of one interval each. */
    public static Path cpuBound(Path file) throws Exception {
        return Emit.record(file, () -> {
            Emit.config("gil", INTERVAL, 100, "include=com.example.**,interval=1ms");
            Map<String, Runnable> bodies = new LinkedHashMap<>();
            for (String name : new String[] {"cpu-1", "cpu-2"}) {
                bodies.put(name, Scenarios::cpuLoop);
            }
            Workers.run(bodies, threads -> threads.values().forEach(t ->
                    Emit.stats(t, new StatsSpec(2000 * MS, 990 * MS, 990 * MS, 0, 0, 0, 200, 200, 199, 0))));
        });
    }

    static void cpuLoop() {
        for (int i = 0; i < 15; i++) {
            Emit.hold("drop-request", 1, INTERVAL);
            Emit.waitFor("switch", 1, INTERVAL);
        }
    }

    /** Two I/O-bound threads: mostly released around socket reads, short holds. */
    public static Path ioBound(Path file) throws Exception {
        return Emit.record(file, () -> {
            Emit.config("gil", INTERVAL, 100, "include=com.example.**");
            Map<String, Runnable> bodies = new LinkedHashMap<>();
            for (String name : new String[] {"io-1", "io-2"}) {
                bodies.put(name, () -> {
                    ioLoop();
                    Emit.stats(Thread.currentThread(),
                            new StatsSpec(1000 * MS, 10 * MS, 1 * MS, 900 * MS, 30 * MS, 0, 400, 20, 0, 0));
                });
            }
            Workers.run(bodies, threads -> { });
        });
    }

    static void ioLoop() {
        for (int i = 0; i < 10; i++) {
            Emit.release("io", "java.net.Socket$SocketInputStream.read", 2 * MS);
            Emit.hold("blocking", 0, MS / 10);
        }
    }

    /** Convoy: a CPU-bound thread holds for whole intervals; the I/O thread waits ~1 interval per return. */
    public static Path convoy(Path file) throws Exception {
        return Emit.record(file, () -> {
            Emit.config("gil", INTERVAL, 100, "include=com.example.**");
            Map<String, Runnable> bodies = new LinkedHashMap<>();
            bodies.put("cpu", () -> {
                for (int i = 0; i < 20; i++) {
                    Emit.hold("drop-request", 1, INTERVAL);
                }
            });
            bodies.put("io", Scenarios::convoyIoLoop);
            Workers.run(bodies, threads -> {
                Emit.stats(threads.get("cpu"), new StatsSpec(1000 * MS, 950 * MS, 20 * MS, 0, 0, 0, 600, 500, 480, 0));
                Emit.stats(threads.get("io"), new StatsSpec(1000 * MS, 20 * MS, 500 * MS, 400 * MS, 0, 0, 500, 500, 0, 0));
            });
        });
    }

    static void convoyIoLoop() {
        for (int i = 0; i < 120; i++) {
            Emit.release("io", "sun.nio.ch.SocketChannelImpl.read", MS / 20);
            Emit.waitFor("io-return", 1, INTERVAL);
        }
    }

    /** Python 2 GIL on several cores: waits as long as holds, thousands of switches per second held. */
    public static Path legacyThrash(Path file) throws Exception {
        return Emit.record(file, () -> {
            Emit.config("legacy", INTERVAL, 100, "mode=legacy");
            Map<String, Runnable> bodies = new LinkedHashMap<>();
            for (String name : new String[] {"count-1", "count-2"}) {
                bodies.put(name, () -> {
                    for (int i = 0; i < 100; i++) {
                        Emit.waitFor("switch", 1, 20_000);
                    }
                });
            }
            Workers.run(bodies, threads -> threads.values().forEach(t ->
                    Emit.stats(t, new StatsSpec(1000 * MS, 480 * MS, 500 * MS, 0, 0, 0, 50_000, 5_000, 0, 0))));
        });
    }

    /** Uninstrumented code keeps the GIL for 5 intervals; a holder blocks in native I/O (revocations). */
    public static Path extensionHold(Path file) throws Exception {
        return Emit.record(file, () -> {
            Emit.config("gil", INTERVAL, 100, "include=com.example.**");
            Map<String, Runnable> bodies = new LinkedHashMap<>();
            bodies.put("numpy-like", () -> {
                for (int i = 0; i < 6; i++) {
                    Emit.hold("drop-request", 1, 5 * INTERVAL);
                    // far below the 3-interval "overdue" line, so that a preemption during the spin
                    // (2 ms seen on a busy 2-core machine) cannot make it one
                    Emit.hold("drop-request", 1, INTERVAL / 10);
                }
            });
            bodies.put("waiter", () -> {
                for (int i = 0; i < 6; i++) {
                    Emit.waitFor("switch", 1, 5 * INTERVAL);
                }
            });
            Workers.run(bodies, threads -> {
                for (int i = 0; i < 12; i++) {
                    Emit.revoke(threads.get("numpy-like"), "NO_CPU_PROGRESS");
                }
                Emit.dropRequest(threads.get("numpy-like"));
                Emit.stats(threads.get("numpy-like"), new StatsSpec(200 * MS, 150 * MS, 10 * MS, 0, 0, 0, 20, 10, 10, 12));
                Emit.stats(threads.get("waiter"), new StatsSpec(200 * MS, 30 * MS, 60 * MS, 0, 0, 0, 20, 10, 0, 0));
            });
        });
    }

    /** A thread with a hostile name, a hostile blocking point and a hostile operation method. */
    public static Path hostileNames(Path file) throws Exception {
        return Emit.record(file, () -> {
            Emit.config("gil", INTERVAL, 100, HOSTILE);
            Map<String, Runnable> bodies = new LinkedHashMap<>();
            bodies.put(HOSTILE, () -> {
                Emit.hold("drop-request", 1, MS);
                Emit.waitFor(HOSTILE, 1, MS);
                Emit.release(HOSTILE, HOSTILE, MS);
                Emit.operation(HOSTILE, 10_000);
                Emit.stats(Thread.currentThread(), new StatsSpec(100 * MS, 40 * MS, 30 * MS, 20 * MS, 0, 0, 5, 5, 1, 0));
            });
            Workers.run(bodies, threads -> { });
            Emit.instrumentationError(HOSTILE, HOSTILE);
        });
    }

    /**
     * A/B pair: two CPU-bound threads doing 100 operations each. In A (mode=off) they run in parallel
     * for 1 s (held 1 s each: GIL demand 2 s); in B (mode=gil) they serialize: 2 s wall, 1 s waiting each.
     */
    public static Path abSide(Path file, boolean gil, boolean operations) throws Exception {
        long wall = gil ? 2000 * MS : 1000 * MS;
        long wait = gil ? 990 * MS : 0;
        return Emit.record(file, () -> {
            Emit.config(gil ? "gil" : "off", INTERVAL, 100, gil ? "mode=gil" : "mode=off");
            Map<String, Runnable> bodies = new LinkedHashMap<>();
            for (String name : new String[] {"worker-1", "worker-2"}) {
                bodies.put(name, () -> {
                    if (operations) {
                        for (int i = 0; i < 100; i++) {
                            Emit.operation("com.example.workload.Task.run", 20_000);
                        }
                    }
                    if (gil) {
                        Emit.waitFor("switch", 1, MS / 2);
                    }
                    Emit.hold(gil ? "drop-request" : "exit", 1, MS / 2);
                });
            }
            Workers.run(bodies, threads -> threads.values().forEach(t ->
                    Emit.stats(t, new StatsSpec(wall, 1000 * MS, wait, 0, 0, 0, 200, gil ? 200 : 0, 0, 0))));
        });
    }

    /** Many small events from a few threads, for the speed test. */
    public static Path many(Path file, int events) throws Exception {
        return Emit.record(file, () -> {
            Emit.config("gil", INTERVAL, 100, "perf");
            Map<String, Runnable> bodies = new LinkedHashMap<>();
            for (int k = 0; k < 4; k++) {
                bodies.put("perf-" + k, () -> {
                    for (int i = 0; i < events / 4 / 3; i++) {
                        Emit.waitFor("switch", 1, 0);
                        Emit.hold("drop-request", 1, 0);
                        Emit.release("io", "x", 0);
                    }
                    Emit.stats(Thread.currentThread(), new StatsSpec(1000 * MS, 300 * MS, 300 * MS, 300 * MS, 0, 0, 1, 1, 1, 0));
                });
            }
            Workers.run(bodies, threads -> { });
        });
    }
}
