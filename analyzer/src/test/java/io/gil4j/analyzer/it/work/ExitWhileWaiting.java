package io.gil4j.analyzer.it.work;

/**
 * Ends the JVM while threads contend for the GIL: {@code ExitWhileWaiting HOW}, HOW one of
 * {@code return} (main returns, the spinners are daemons), {@code exit} (main calls System.exit) or
 * {@code exit-from-thread} (a spinner calls System.exit while the other waits for the GIL).
 */
public final class ExitWhileWaiting {
    private ExitWhileWaiting() { }

    static long spin(boolean exits) {
        long x = 1;
        long end = System.nanoTime() + 200_000_000L;
        while (true) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            if (exits && System.nanoTime() > end) System.exit((int) (x & 0)); // uses x: the loop stays
        }
    }

    public static void main(String[] args) throws Exception {
        String how = args[0];
        for (int i = 0; i < 2; i++) {
            boolean exits = how.equals("exit-from-thread") && i == 0;
            Thread t = new Thread(() -> spin(exits), "spinner-" + i);
            t.setDaemon(true);
            t.start();
        }
        Thread.sleep(300);
        if (how.equals("exit")) System.exit(0);
        if (how.equals("exit-from-thread")) Thread.sleep(10_000);
    }
}
