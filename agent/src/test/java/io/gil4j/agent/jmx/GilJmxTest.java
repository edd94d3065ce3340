package io.gil4j.agent.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gil4j.agent.LiveSettings;
import io.gil4j.bootstrap.Gil;
import io.gil4j.bootstrap.GilLock;
import java.util.ArrayList;
import java.util.List;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bean as a JMX client sees it, through an MBean server (open types only, as JConsole and remote
 * clients get them), over a real contended GIL driven by two threads.
 */
class GilJmxTest {
    private static final long MS = 1_000_000L;

    @AfterEach
    void uninstall() {
        Gil.install(new GilLock(GilLock.Mode.DISABLED, 5 * MS, 100));
    }

    private static void contend(long millis) throws InterruptedException {
        contend(millis, () -> { });
    }

    /** Two threads share the GIL for {@code millis}; {@code meanwhile} runs on the calling thread. */
    private static void contend(long millis, ThrowingRunnable meanwhile) throws InterruptedException {
        long end = System.nanoTime() + millis * MS;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                boolean took = Gil.enter();
                long x = 1;
                while (System.nanoTime() < end) {
                    for (int k = 0; k < 1000; k++) x = x * 6364136223846793005L + 1442695040888963407L;
                    Gil.checkpoint();
                }
                Gil.exit(took);
                if (x == 42) System.out.println();
            }, "jmx-cpu-" + i);
            threads.add(t);
            t.start();
        }
        meanwhile.run();
        for (Thread t : threads) t.join();
    }

    @Test
    void countersPerThreadRowsAndTheLiveIntervalReachAClient() throws Exception {
        GilLock lock = new GilLock(GilLock.Mode.GIL, 2 * MS, 100);
        Gil.install(lock);
        List<String> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
        GilJmx bean = new GilJmx(lock, new LiveSettings(lock, "com.example.**", l -> announced.add(l.mode() + " " + l.intervalNanos())));
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        ObjectName name = new ObjectName(GilJmx.NAME);
        server.registerMBean(bean, name);
        // Thread totals are JVM-wide (other tests' threads too): count from here.
        server.invoke(name, "resetStatistics", null, null);
        contend(300);

        assertThat((String) server.getAttribute(name, "Mode")).isEqualTo("gil");
        assertThat((Long) server.getAttribute(name, "Switches")).as("switches").isGreaterThan(20);
        assertThat((Long) server.getAttribute(name, "DropRequests")).isGreaterThan(10);
        double held = (Double) server.getAttribute(name, "HeldSeconds");
        double waiting = (Double) server.getAttribute(name, "WaitingSeconds");
        assertThat(held).as("two threads for 0.3 s, one at a time").isBetween(0.2, 0.45);
        assertThat(waiting).isBetween(0.1, 0.45);
        assertThat(((TabularData) server.getAttribute(name, "ReleasedSecondsByKind")).size()).isEqualTo(5);
        CompositeData[] rows = (CompositeData[]) server.getAttribute(name, "ThreadStats");
        List<String> names = new ArrayList<>();
        for (CompositeData r : rows) names.add((String) r.get("name"));
        assertThat(names).contains("jmx-cpu-0", "jmx-cpu-1");

        server.setAttribute(name, new Attribute("IntervalMillis", 1.5));
        assertThat(lock.intervalNanos()).isEqualTo(1_500_000L);
        server.invoke(name, "resetStatistics", null, null);
        assertThat((Long) server.getAttribute(name, "Switches")).as("after resetStatistics").isZero();
        assertThat((Double) server.getAttribute(name, "HeldSeconds")).isCloseTo(0, within(0.01));
        contend(100);
        assertThat((Long) server.getAttribute(name, "Switches")).as("counting again").isPositive();

        server.setAttribute(name, new Attribute("Mode", "OFF"));
        assertThat(lock.mode()).isEqualTo(GilLock.Mode.OFF);
        assertThat((String) server.getAttribute(name, "Mode")).isEqualTo("off");
        assertThat(announced).as("each change is announced (a gil.Config event in the agent)").containsExactly("gil 1500000", "off 1500000");
        assertThatThrownBy(() -> server.setAttribute(name, new Attribute("Mode", "fast")))
                .hasRootCauseMessage("mode=fast: accepted values are gil, legacy, off");
        assertThatThrownBy(() -> server.setAttribute(name, new Attribute("IntervalMillis", -1.0)))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThat(lock.mode()).as("a refused change changes nothing").isEqualTo(GilLock.Mode.OFF);
        assertThat(lock.intervalNanos()).isEqualTo(1_500_000L);
        server.setAttribute(name, new Attribute("Mode", "legacy"));
        assertThat(lock.mode()).isEqualTo(GilLock.Mode.LEGACY);
    }

    @Test
    void handOversFromAStickyHolderAreCountedApartFromRevocations() throws Exception {
        GilLock lock = new GilLock(GilLock.Mode.GIL, 2 * MS, 100);
        lock.warmUp();
        Gil.install(lock);
        GilJmx bean = new GilJmx(lock, new LiveSettings(lock, "x", l -> { }));
        bean.resetStatistics();
        java.util.concurrent.CountDownLatch lazy = new java.util.concurrent.CountDownLatch(1);
        Thread holder = new Thread(() -> {
            boolean took = Gil.enter();
            Gil.exit(took); // sticky: still holds, outside instrumented code
            lazy.countDown();
            long end = System.nanoTime() + 100 * MS;
            long x = 1;
            while (System.nanoTime() < end) x = x * 6364136223846793005L + 1442695040888963407L;
            if (x == 42) System.out.println();
        }, "sticky-holder");
        lock.setStickyThreads(new Thread[] {holder});
        holder.start();
        lazy.await();
        boolean took = Gil.enter(); // waits one interval, then the GIL is handed over
        Gil.exit(took);
        holder.join();
        lock.setStickyThreads(new Thread[0]);
        assertThat(bean.getHandOvers()).isEqualTo(1);
        assertThat(bean.getRevocations()).isZero();
        bean.resetStatistics();
        assertThat(bean.getHandOvers()).as("after resetStatistics").isZero();
    }

    interface ThrowingRunnable {
        void run() throws InterruptedException;
    }

    @Test
    void eachThreadHasItsOwnMovingAverages() throws Exception {
        GilLock lock = new GilLock(GilLock.Mode.GIL, 2 * MS, 100);
        Gil.install(lock);
        GilJmx bean = new GilJmx(lock, new LiveSettings(lock, "x", l -> { }));
        List<GilThreadStats> rows = new ArrayList<>();
        contend(700, () -> {
            Thread.sleep(150);
            bean.sample(); // the threads are seen: their totals so far are not a period's
            Thread.sleep(400);
            bean.sample();
            rows.addAll(bean.getThreadStats());
        });
        List<GilThreadStats> ours = rows.stream().filter(r -> r.getName().startsWith("jmx-cpu-")).toList();
        assertThat(ours).hasSize(2);
        for (GilThreadStats r : ours) {
            assertThat(r.getHeldFraction1m()).as("%s held: one of two threads at a time", r.getName()).isBetween(0.2, 0.8);
            assertThat(r.getWaitingFraction1m()).as("%s waiting", r.getName()).isBetween(0.2, 0.8);
            assertThat(r.getHeldFraction15m()).as("the 15-minute average starts from the same first period").isPositive();
        }
    }

    @Test
    void movingAveragesFollowTheUtilization() throws Exception {
        GilLock lock = new GilLock(GilLock.Mode.GIL, 2 * MS, 100);
        Gil.install(lock);
        GilJmx bean = new GilJmx(lock, new LiveSettings(lock, "x", l -> { }));
        contend(200);
        bean.sample();
        assertThat(bean.getUtilization1m()).as("the GIL was held nearly all the time").isBetween(0.5, 1.05);
        assertThat(bean.getMeanWaiters1m()).as("one waiter most of the time").isBetween(0.3, 1.2);
    }
}
