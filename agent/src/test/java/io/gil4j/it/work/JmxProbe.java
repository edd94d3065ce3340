package io.gil4j.it.work;

import java.lang.management.ManagementFactory;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * Two CPU-bound threads for {@code JmxProbe SECONDS}, then reads the agent's bean from this JVM's own
 * platform MBean server, as any JMX client would: prints {@code serversBefore=} (MBean servers that
 * existed before this program asked for the platform one), {@code registeredAtCreation=}, and
 * {@code bean=present|absent mode= switches= heldSeconds= waitingSeconds= threadRows= wallSeconds=} (the
 * spinning phase's wall time, from the threads' start to their join).
 */
public final class JmxProbe {
    private JmxProbe() { }

    static volatile boolean stop;

    static long spin() {
        long x = 1;
        while (!stop) x = x * 6364136223846793005L + 1442695040888963407L;
        return x;
    }

    public static void main(String[] args) throws Exception {
        long millis = (long) (Double.parseDouble(args[0]) * 1000);
        long begin = System.nanoTime();
        Thread a = new Thread(JmxProbe::spin, "probe-cpu-0");
        Thread b = new Thread(JmxProbe::spin, "probe-cpu-1");
        a.start();
        b.start();
        Thread.sleep(millis);
        stop = true;
        a.join();
        b.join();
        double wallSeconds = (System.nanoTime() - begin) / 1e9;
        int serversBefore = MBeanServerFactory.findMBeanServer(null).size();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("io.gil4j:type=Gil");
        boolean atCreation = server.isRegistered(name);
        // Where the agent could not hook the creation it registers from a daemon thread.
        for (int i = 0; i < 50 && !server.isRegistered(name); i++) Thread.sleep(100);
        System.out.println("serversBefore=" + serversBefore + " registeredAtCreation=" + atCreation
                + " builderPropertyAfter=" + System.getProperty("javax.management.builder.initial"));
        try {
            CompositeData[] rows = (CompositeData[]) server.getAttribute(name, "ThreadStats");
            System.out.println("bean=present mode=" + server.getAttribute(name, "Mode") + " switches="
                    + server.getAttribute(name, "Switches") + " heldSeconds=" + server.getAttribute(name, "HeldSeconds")
                    + " waitingSeconds=" + server.getAttribute(name, "WaitingSeconds") + " threadRows=" + rows.length
                    + " wallSeconds=" + wallSeconds);
        } catch (InstanceNotFoundException e) {
            System.out.println("bean=absent");
        }
    }
}
