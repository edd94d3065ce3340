package io.gil4j.reliability.work;

import io.gil4j.testkit.work.Countdown;
import java.util.ArrayList;
import java.util.List;

/**
 * How programs end, with other threads waiting for the GIL: {@code Exits NAME}. Each prints what it
 * did and ends with a known exit status.
 */
public final class Exits {
    private Exits() { }

    static volatile long sink;

    /** CPU-bound work between blocking points: the tests' one countdown, n steps from n. */
    static long spin(long n) {
        return Countdown.lcg(n, n);
    }

    /** Threads that compete for the GIL forever (CPU in instrumented code) and one stuck on a monitor. */
    static void contenders(boolean daemon) {
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                while (true) sink += spin(10_000);
            }, "spinner-" + i);
            t.setDaemon(daemon);
            t.start();
        }
        Object m = new Object();
        Thread holder = new Thread(() -> {
            synchronized (m) {
                while (true) sink += spin(10_000);
            }
        }, "monitor-holder");
        holder.setDaemon(daemon);
        holder.start();
        Thread blocked = new Thread(() -> {
            spin(100_000);
            synchronized (m) {
                sink++;
            }
        }, "monitor-blocked");
        blocked.setDaemon(daemon);
        blocked.start();
    }

    static void hook(String text) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long v = spin(2_000_000) & 0; // instrumented work in the hook: it needs the GIL too
            System.out.println(text + v);
        }, "hook"));
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "exit": {
                // System.exit from main (holding the GIL) while 6 threads want it; a hook needs it too.
                hook("hook ran ");
                contenders(false);
                spin(5_000_000);
                System.out.println("exiting 42");
                System.exit(42);
                break;
            }
            case "exitFromThread": {
                // A worker calls System.exit while main waits in join and others spin.
                hook("hook ran ");
                contenders(false);
                Thread exiter = new Thread(() -> {
                    spin(3_000_000);
                    System.out.println("worker exiting 3");
                    System.exit(3);
                }, "exiter");
                exiter.start();
                exiter.join();
                Thread.sleep(60_000);
                System.out.println("not reached");
                break;
            }
            case "daemons": {
                // Daemon threads still in instrumented code when main returns.
                hook("hook ran ");
                contenders(true);
                spin(5_000_000);
                System.out.println("main returns");
                break;
            }
            case "halt": {
                contenders(false);
                spin(1_000_000);
                System.out.println("halting 7");
                System.out.flush();
                Runtime.getRuntime().halt(7);
                break;
            }
            case "uncaught": {
                // Uncaught exceptions kill their threads; the GIL must not die with them.
                List<String> seen = new ArrayList<>();
                Thread.UncaughtExceptionHandler h = (t, e) -> {
                    spin(1_000);
                    synchronized (seen) {
                        seen.add(t.getName() + ":" + e.getMessage());
                    }
                };
                List<Thread> ts = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    int me = i;
                    Thread t = new Thread(() -> {
                        spin(500_000);
                        if (me % 2 == 0) throw new IllegalStateException("boom" + me);
                        if (me == 1) throw new Error("error" + me);
                        spin(100_000);
                    }, "t" + i);
                    if (i != 4) t.setUncaughtExceptionHandler(h); // t4 uses the default handler (prints to stderr)
                    ts.add(t);
                    t.start();
                }
                for (Thread t : ts) t.join();
                Thread after = new Thread(() -> sink = spin(1_000_000), "after");
                after.start();
                after.join();
                seen.sort(null);
                System.out.println("seen=" + seen);
                break;
            }
            case "oom": {
                // Allocate until OutOfMemoryError inside instrumented code, catch it; another thread must
                // still get the GIL and finish. Run with -Xmx64m.
                long[] other = new long[1];
                Thread worker = new Thread(() -> other[0] = spin(30_000_000) & 0xff | 0x100, "other");
                Object[] keep = new Object[1];
                Thread hog = new Thread(() -> {
                    for (int round = 0; round < 3; round++) {
                        List<long[]> chunks = new ArrayList<>();
                        try {
                            while (true) chunks.add(new long[64 * 1024]);
                        } catch (OutOfMemoryError e) {
                            int n = chunks.size();
                            chunks = null;
                            keep[0] = n > 10 ? "ok" : "few";
                        }
                    }
                }, "hog");
                hog.start();
                worker.start();
                hog.join();
                worker.join();
                System.out.println("oom=" + keep[0] + " other=" + (other[0] >= 0x100));
                break;
            }
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }
}
