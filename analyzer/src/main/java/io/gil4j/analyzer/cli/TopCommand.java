package io.gil4j.analyzer.cli;

import com.sun.tools.attach.VirtualMachine;
import io.gil4j.analyzer.model.Classifier;
import io.gil4j.analyzer.model.TimeShares;
import io.gil4j.analyzer.report.Fmt;
import io.gil4j.analyzer.report.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code top PID}: the GIL of a running JVM, refreshed, like {@code py-spy top}: attaches to the local
 * JVM (the JDK's attach API starts its local JMX agent), reads the agent's {@code io.gil4j:type=Gil}
 * bean each period and prints what changed since the last read: the GIL line and one row per thread.
 */
@Command(name = "top", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Live view of the GIL in a running JVM that has the agent (a local process of the same user):",
                "utilization, waiters, switches and revocations per second, and per thread held / waiting / released",
                "shares of the last period. Reads the agent's JMX bean io.gil4j:type=Gil; Ctrl-C to stop."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success", "1:no such JVM, attach refused, or the JVM does not run the agent", "2:usage error"})
public final class TopCommand implements Callable<Integer> {
    private static final int MAX_ROWS = 25;

    @Parameters(paramLabel = "PID", description = "The JVM's process id (jcmd -l lists them).")
    long pid;

    @Option(names = "--period", paramLabel = "DURATION", description = "Time between refreshes (default 1s).")
    String period = "1s";

    @Option(names = "--iterations", paramLabel = "N", description = "Stop after N refreshes (default: until Ctrl-C).")
    int iterations;

    @Option(names = "--once", description = "One refresh, then exit (the same as --iterations 1).")
    boolean once;

    @Option(names = "--json", description = "Each refresh as one JSON object on one line (for scripts), not a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long periodMillis = millis(period);
        if (iterations < 0) throw new ParameterException(spec.commandLine(), "--iterations must be positive");
        if (once) iterations = 1;
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (Exception e) {
            return Commands.fail(spec, "cannot attach to process " + pid + " (" + e.getMessage() + "): is it a JVM of this user?");
        }
        try (JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection mbs = c.getMBeanServerConnection();
            ObjectName name = new ObjectName("io.gil4j:type=Gil");
            if (!mbs.isRegistered(name)) {
                return Commands.fail(spec, "process " + pid + " does not run the gil4j agent (no io.gil4j:type=Gil bean; "
                        + "started with -javaagent:gil.jar and jmx=true?)");
            }
            PrintWriter out = spec.commandLine().getOut();
            boolean terminal = System.console() != null;
            Reading.of(mbs, name); // the first call over a new connection is slow on the client side: not a time stamp to trust
            Reading last = Reading.of(mbs, name);
            for (int i = 0; iterations == 0 || i < iterations; i++) {
                Thread.sleep(periodMillis);
                Reading now = Reading.of(mbs, name);
                if (json) {
                    out.print(Json.write(tree(pid, last, now)).replaceAll("\n\\s*", "") + "\n");
                } else {
                    if (terminal) out.print("\033[H\033[2J");
                    out.print(render(pid, last, now));
                }
                out.flush();
                last = now;
            }
        }
        return Main.EXIT_OK;
    }

    /** One read of the bean. */
    record Reading(long nanos, String mode, double intervalMillis, int waiters, double held, double waiting,
                   long switches, long dropRequests, long revocations, Map<Long, CompositeData> threads) {
        static Reading of(MBeanServerConnection mbs, ObjectName n) throws Exception {
            // One round trip for everything, stamped at its midpoint: separate reads, each a round trip,
            // made the shares of one period add up to 105%.
            String[] names = {"ThreadStats", "Mode", "IntervalMillis", "Waiters", "HeldSeconds", "WaitingSeconds",
                    "Switches", "DropRequests", "Revocations"};
            long t0 = System.nanoTime();
            List<javax.management.Attribute> got = mbs.getAttributes(n, names).asList();
            long t1 = System.nanoTime();
            Map<String, Object> v = new HashMap<>();
            for (javax.management.Attribute a : got) v.put(a.getName(), a.getValue());
            for (String name : names) {
                if (!v.containsKey(name)) throw new IllegalStateException("the bean did not return " + name);
            }
            Map<Long, CompositeData> rows = new HashMap<>();
            for (CompositeData r : (CompositeData[]) v.get("ThreadStats")) rows.put((Long) r.get("id"), r);
            return new Reading(t0 + (t1 - t0) / 2, (String) v.get("Mode"), (Double) v.get("IntervalMillis"),
                    (Integer) v.get("Waiters"), (Double) v.get("HeldSeconds"), (Double) v.get("WaitingSeconds"),
                    (Long) v.get("Switches"), (Long) v.get("DropRequests"), (Long) v.get("Revocations"), rows);
        }
    }

    static String render(long pid, Reading a, Reading b) {
        double dt = Math.max(1e-9, (b.nanos() - a.nanos()) / 1e9);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "gil4j top: pid %d, mode=%s, interval %.2f ms, last %.1f s%n", pid,
                Fmt.clean(b.mode()), b.intervalMillis(), dt));
        sb.append(String.format(Locale.ROOT, "GIL: utilization %5.1f%%   waiters now %d, mean %.2f   switches %.1f/s   "
                        + "drop requests %.1f/s   revocations %.1f/s%n%n", (b.held() - a.held()) / dt * 100, b.waiters(),
                (b.waiting() - a.waiting()) / dt, (b.switches() - a.switches()) / dt, (b.dropRequests() - a.dropRequests()) / dt,
                (b.revocations() - a.revocations()) / dt));
        sb.append(String.format(Locale.ROOT, "%-32s %7s %7s %7s %11s %12s  %s%n", "thread", "held %", "wait %", "rel %",
                "switches/s", "wait p99 ms", "class"));
        List<double[]> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (Map.Entry<Long, CompositeData> e : b.threads().entrySet()) {
            CompositeData now = e.getValue();
            CompositeData then = a.threads().get(e.getKey());
            double held = delta(now, then, "heldSeconds");
            double wait = delta(now, then, "waitingSeconds");
            double rel = delta(now, then, "releasedSeconds");
            double sw = (Long) now.get("switches") - (then == null ? 0 : (Long) then.get("switches"));
            if (held + wait + rel <= 0 && sw == 0) continue; // idle, or outside instrumented code the whole period
            names.add((String) now.get("name"));
            classes.add(threadClass(held, wait, rel));
            rows.add(new double[] {held / dt * 100, wait / dt * 100, rel / dt * 100, sw / dt, names.size() - 1,
                    waitP99Millis(now, then)});
        }
        rows.sort(Comparator.comparingDouble((double[] r) -> -(r[0] + r[1])));
        for (double[] r : rows.subList(0, Math.min(MAX_ROWS, rows.size()))) {
            String n = Fmt.clean(names.get((int) r[4]));
            sb.append(String.format(Locale.ROOT, "%-32s %7.1f %7.1f %7.1f %11.1f %12s  %s%n", n.length() > 32 ? n.substring(0, 31) + "~" : n,
                    r[0], r[1], r[2], r[3], Double.isNaN(r[5]) ? "-" : String.format(Locale.ROOT, "<= %.3f", r[5]),
                    classes.get((int) r[4])));
        }
        if (rows.size() > MAX_ROWS) sb.append("... ").append(rows.size() - MAX_ROWS).append(" more threads\n");
        if (rows.isEmpty()) sb.append("(no thread in instrumented code during the period)\n");
        return sb.append('\n').toString();
    }

    /** The analyzer's classification (CPU-bound, I/O-bound, mixed) of one period's shares. */
    static String threadClass(double heldSeconds, double waitSeconds, double releasedSeconds) {
        long h = Math.round(heldSeconds * 1e9);
        long w = Math.round(waitSeconds * 1e9);
        long r = Math.round(releasedSeconds * 1e9);
        return Classifier.classify(new TimeShares(h + w + r, h, w, r, 0, 0, 0, 0, 0, 0)).threadClass().label();
    }

    /**
     * The period's 99th percentile of contended waits, as the upper bound of the bucket it falls in
     * (milliseconds), or NaN when the thread did not wait or the agent does not count waits by duration.
     */
    static double waitP99Millis(CompositeData now, CompositeData then) {
        if (!now.containsKey("waitBuckets")) return Double.NaN;
        long[] a = (long[]) now.get("waitBuckets");
        long[] b = then == null || !then.containsKey("waitBuckets") ? new long[a.length] : (long[]) then.get("waitBuckets");
        long total = 0;
        long[] d = new long[a.length];
        for (int k = 0; k < a.length; k++) {
            d[k] = a[k] - (k < b.length ? b[k] : 0);
            total += d[k];
        }
        if (total <= 0) return Double.NaN;
        long seen = 0;
        for (int k = 0; k < d.length; k++) {
            seen += d[k];
            if (seen * 100 >= total * 99) return k == d.length - 1 ? Double.POSITIVE_INFINITY : (1L << k) / 1000.0;
        }
        return Double.NaN;
    }

    /** The same as {@link #render}, as a JSON tree: shares are fractions of the period, rates per second. */
    static Map<String, Object> tree(long pid, Reading a, Reading b) {
        double dt = Math.max(1e-9, (b.nanos() - a.nanos()) / 1e9);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("pid", pid);
        o.put("mode", b.mode());
        o.put("intervalMillis", b.intervalMillis());
        o.put("periodSeconds", dt);
        o.put("utilization", (b.held() - a.held()) / dt);
        o.put("waitersNow", b.waiters());
        o.put("meanWaiters", (b.waiting() - a.waiting()) / dt);
        o.put("switchesPerSecond", (b.switches() - a.switches()) / dt);
        o.put("dropRequestsPerSecond", (b.dropRequests() - a.dropRequests()) / dt);
        o.put("revocationsPerSecond", (b.revocations() - a.revocations()) / dt);
        List<Object> threads = new ArrayList<>();
        for (Map.Entry<Long, CompositeData> e : b.threads().entrySet()) {
            CompositeData now = e.getValue();
            CompositeData then = a.threads().get(e.getKey());
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", e.getKey());
            t.put("name", now.get("name"));
            t.put("heldShare", delta(now, then, "heldSeconds") / dt);
            t.put("waitShare", delta(now, then, "waitingSeconds") / dt);
            t.put("releasedShare", delta(now, then, "releasedSeconds") / dt);
            t.put("switchesPerSecond", ((Long) now.get("switches") - (then == null ? 0 : (Long) then.get("switches"))) / dt);
            double p99 = waitP99Millis(now, then);
            t.put("waitP99Millis", Double.isNaN(p99) ? null : p99);
            t.put("class", threadClass(delta(now, then, "heldSeconds"), delta(now, then, "waitingSeconds"),
                    delta(now, then, "releasedSeconds")));
            threads.add(t);
        }
        o.put("threads", threads);
        return o;
    }

    private static double delta(CompositeData now, CompositeData then, String key) {
        return (Double) now.get(key) - (then == null ? 0 : (Double) then.get(key));
    }

    private long millis(String s) {
        try {
            return Durations.nanos("--period", s, 100_000_000L, 3_600_000_000_000L) / 1_000_000L;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
