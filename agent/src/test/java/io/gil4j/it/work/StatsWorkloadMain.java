package io.gil4j.it.work;

/** Drives {@link StatsWorkload} from uninstrumented code (this class is not included). */
public final class StatsWorkloadMain {
    private StatsWorkloadMain() { }

    public static void main(String[] args) throws Exception {
        long[] out = new long[2];
        Thread a = new Thread(() -> {
            out[0] = StatsWorkload.compute(1);
            sleepOutside(300);
            out[0] += StatsWorkload.sleepInside(200);
            out[0] += StatsWorkload.compute(400);
        }, "stats-a");
        Thread b = new Thread(() -> out[1] = StatsWorkload.compute(900), "stats-b");
        a.start();
        b.start();
        a.join();
        b.join();
        System.out.println("result=" + ((out[0] ^ out[1]) & 1));
    }

    static void sleepOutside(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
