package io.gil4j.analyzer.predict;

import io.gil4j.analyzer.AnalyzerException;
import io.gil4j.analyzer.model.Classifier;
import io.gil4j.analyzer.model.Distribution;
import io.gil4j.analyzer.model.ThreadClass;
import io.gil4j.analyzer.model.TimeShares;
import io.gil4j.analyzer.predict.DemandCollector.Run;
import io.gil4j.analyzer.predict.DemandCollector.ThreadSamples;
import io.gil4j.analyzer.predict.DemandCollector.TimedSample;
import io.gil4j.analyzer.predict.GilSimulator.ThreadDemand;
import io.gil4j.analyzer.read.Parser;
import io.gil4j.analyzer.read.StatsSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * Predicts {@code mode=gil} from recordings made under {@code mode=off} (docs/design.md section 6):
 * each stats period of each run is replayed through {@link GilSimulator}, every thread with the held
 * time, blocked time and number of releases it had in that period.
 *
 * <p>Assumptions and guarantees: the program's work does not change under the GIL (a thread does the
 * same things, only later), so a thread's rate under the GIL is the share of its held time the
 * simulation lets it run. Where the recorded threads held more than the machine's cores could run at
 * once, their demand is scaled down to the CPU the period had. Deterministic for given recordings.
 */
public final class Predictor {
    private Predictor() { }

    /** Samples of different threads closer than this belong to the same periodic emission. */
    private static final long SAME_EMISSION_NANOS = 50_000_000L;
    /** Below this share of its pace, a thread without operations is worth the closed-loop hint. */
    private static final double SLOWED_RATE = 0.8;
    /** A thread that made no progress in a period still counts as making a little: no infinities. */
    private static final double MIN_RATE = 1e-6;

    /**
     * @param intervalNanos the interval to simulate, or 0 for each run's recorded one
     * @param cores         the processors to scale demand to, or 0 for each run's recorded count
     */
    public static Prediction predict(List<Path> files, long intervalNanos, int cores) throws AnalyzerException {
        return predict(files, intervalNanos, cores, false, Parser.own);
    }

    /**
     * @param closedLoop the operations are requests of a service under closed-loop load (a fixed number of
     *                   connections, each sending its next request when the last is answered) that may pass
     *                   through several threads: the loss comes from how much longer a request stays in the
     *                   service (see {@link #residence}), not from the pace of the threads that count them
     */
    public static Prediction predict(List<Path> files, long intervalNanos, int cores, boolean closedLoop, Parser parser)
            throws AnalyzerException {
        return predict(files, intervalNanos, cores, closedLoop, parser, 0);
    }

    /**
     * @param skipNanos leaves out each recording's first {@code skipNanos}, counted from its first entry into
     *                  instrumented code: start-up and a warm-up, which an A/B does not measure either (a
     *                  period whose middle falls within it is left out whole)
     */
    public static Prediction predict(List<Path> files, long intervalNanos, int cores, boolean closedLoop, Parser parser,
                                     long skipNanos) throws AnalyzerException {
        return predict(files, intervalNanos, cores, closedLoop, parser, skipNanos, 0);
    }

    /**
     * @param connections with {@code closedLoop}: the load's connections, so that the threads that pass requests
     *                    on without counting them (event loops) handle the wake-ups they missed while waiting for
     *                    the GIL in one turn, as many as their share of the connections allows (see
     *                    {@link EventLoops}); 0 if not known: every recorded wake-up waits on its own
     */
    public static Prediction predict(List<Path> files, long intervalNanos, int cores, boolean closedLoop, Parser parser,
                                     long skipNanos, int connections) throws AnalyzerException {
        DemandCollector c = new DemandCollector(closedLoop);
        for (Path f : files) parser.read(f, c);
        return predict(files, c.runs, intervalNanos, cores, closedLoop, Set.of(), skipNanos, closedLoop ? connections : 0);
    }

    /**
     * Predicts from ordinary JFR recordings made without gil4j ({@link PlainRecordingDemand}): the classes
     * matching {@code include} are those that would run under the GIL.
     */
    public static Prediction predictPlain(List<Path> files, ClassPatterns include, long intervalNanos, int cores)
            throws AnalyzerException {
        Set<String> warnings = new LinkedHashSet<>();
        List<Run> runs = new ArrayList<>();
        for (Path f : files) runs.add(PlainRecordingDemand.read(f, include, warnings));
        warnings.add("predicted from execution samples and blocking events of a recording made without gil4j"
                + " (a sample every few milliseconds): rougher than from a mode=off recording");
        return predict(files, runs, intervalNanos, cores, false, warnings, 0, 0);
    }

    /** Per thread name, over all runs. */
    private static final class Sums {
        ThreadClass threadClass;
        long wall, held, wait, released, outside, operations;
        double before, after;
        final Map<String, Long> byMethod = new TreeMap<>();
    }

    static Prediction predict(List<Path> files, List<Run> runs, long intervalOverride, int coresOverride, boolean closedLoop)
            throws AnalyzerException {
        return predict(files, runs, intervalOverride, coresOverride, closedLoop, Set.of(), 0, 0);
    }

    static Prediction predict(List<Path> files, List<Run> runs, long intervalOverride, int coresOverride,
                              boolean closedLoop, Set<String> readerWarnings, long skipNanos, int connections)
            throws AnalyzerException {
        Histogram waits = Distribution.newHistogram();
        Map<String, Sums> byName = new LinkedHashMap<>();
        Set<String> modes = new LinkedHashSet<>();
        Set<String> warnings = new LinkedHashSet<>(readerWarnings);
        long interval = 0;
        int coresUsed = 0;
        int windows = 0;
        double wallBefore = 0;
        double wallAfter = 0;
        double[] residence = new double[2];
        for (Run run : runs) {
            modes.add(run.config.present() ? run.config.mode() : "unknown");
            interval = intervalOverride > 0 ? intervalOverride : run.config.effectiveIntervalNanos();
            int cores = coresOverride > 0 ? coresOverride : Math.max(0, run.config.cores());
            coresUsed = cores;
            double[] walls = new double[2];
            long firstEntry = run.sortSamplesAndFindFirstEntry();
            windows += simulateRun(run, interval, cores, byName, waits, warnings, walls, closedLoop ? residence : null,
                    skipNanos, firstEntry, EventLoops.batches(run, connections, firstEntry, skipNanos));
            wallBefore += walls[0];
            wallAfter += walls[1];
        }
        if (windows == 0) {
            throw new AnalyzerException(files.isEmpty() ? Path.of("") : files.get(0), skipNanos > 0
                    ? "no gil.Stats period after the skipped " + skipNanos / 1_000_000 + " ms"
                    : "no gil.Stats samples to predict from (was the recording made with the agent and statsPeriod on?)");
        }
        if (!modes.equals(Set.of("off")) && !modes.equals(Set.of(PlainRecordingDemand.MODE))) {
            warnings.add("recorded under mode=" + String.join(",", modes) + ": the demand already carries that mode's waits;"
                    + " predict from a mode=off recording");
        }
        boolean ops = byName.values().stream().anyMatch(s -> s.operations > 0);
        List<Prediction.ThreadPrediction> threads = new ArrayList<>();
        for (Map.Entry<String, Sums> e : byName.entrySet()) {
            Sums s = e.getValue();
            s.threadClass = Classifier.classify(new TimeShares(s.wall, s.held, s.wait, s.released, s.outside,
                    0, 0, 0, 0, 0)).threadClass();
            threads.add(new Prediction.ThreadPrediction(e.getKey(), s.threadClass, s.held, s.held + s.wait + s.released,
                    s.operations, rate(s)));
        }
        threads.sort(Comparator.comparingLong(Prediction.ThreadPrediction::instrumentedNanos).reversed());
        List<Prediction.ClassPrediction> classes = new ArrayList<>();
        for (ThreadClass c : List.of(ThreadClass.CPU_BOUND, ThreadClass.IO_BOUND)) {
            List<Prediction.ThreadPrediction> of = threads.stream().filter(t -> t.threadClass() == c).toList();
            classes.add(new Prediction.ClassPrediction(c, of.size(), of.isEmpty() ? null : loss(of, ops)));
        }
        Map<String, double[]> methods = new TreeMap<>();
        for (Sums s : byName.values()) {
            double r = rate(s);
            s.byMethod.forEach((m, n) -> {
                double[] v = methods.computeIfAbsent(m, k -> new double[2]);
                v[0] += n;
                v[1] += n * r;
            });
        }
        if (!closedLoop && ops) hintClosedLoop(threads, warnings);
        boolean requests = closedLoop && ops && residence[1] > 0;
        if (closedLoop && !requests) {
            warnings.add("closed loop: no throughput= operations in these recordings, so no requests to follow;"
                    + " predicted from each thread's pace");
        }
        double requestLoss = requests ? 1 - residence[0] / residence[1] : 0;
        List<Prediction.OperationPrediction> operations = new ArrayList<>();
        methods.forEach((m, v) -> operations.add(new Prediction.OperationPrediction(m, (long) v[0],
                requests ? v[0] * (1 - requestLoss) : v[1])));
        String basis = requests ? "requests in a closed loop" : ops ? "operations" : "wall time";
        double total = requests ? requestLoss : ops ? loss(threads, true) : (wallAfter <= 0 ? 0 : 1 - wallBefore / wallAfter);
        return new Prediction(List.copyOf(files), String.join(",", modes), interval, coresUsed, windows,
                basis, total, classes, threads, operations, new Distribution(waits), List.copyOf(warnings));
    }

    /**
     * Operations counted on some threads, and I/O-bound threads without any (event loops, selectors)
     * slowed much more: per-thread rates miss what those threads cost the operations when requests
     * pass through them.
     */
    private static void hintClosedLoop(List<Prediction.ThreadPrediction> threads, Set<String> warnings) {
        long held = threads.stream().mapToLong(Prediction.ThreadPrediction::heldNanos).sum();
        threads.stream()
                .filter(t -> t.operations() == 0 && t.threadClass() == ThreadClass.IO_BOUND && t.rate() < SLOWED_RATE
                        && t.heldNanos() > held / 100)
                .min(Comparator.comparingDouble(Prediction.ThreadPrediction::rate))
                .ifPresent(t -> warnings.add(String.format(java.util.Locale.ROOT,
                        "threads without throughput= operations are slowed (%s keeps %.2f of its pace): if requests"
                                + " pass through them (an event loop handing work to workers) under closed-loop load,"
                                + " predict with --closed-loop", t.name(), t.rate())));
    }

    private static double rate(Sums s) {
        return s.after <= 0 ? 1 : Math.min(1, s.before / s.after);
    }

    private static double loss(List<Prediction.ThreadPrediction> threads, boolean ops) {
        double before = 0;
        double after = 0;
        for (Prediction.ThreadPrediction t : threads) {
            if (ops) {
                before += t.operations();
                after += t.operations() * t.rate();
            } else {
                before += t.instrumentedNanos();
                after += t.rate() <= 0 ? Double.POSITIVE_INFINITY : t.instrumentedNanos() / t.rate();
            }
        }
        if (before <= 0) return 0;
        return ops ? 1 - after / before : 1 - before / after;
    }

    /**
     * Simulates each stats period of one run; returns how many periods it simulated. {@code walls} gets
     * the run's wall time and the predicted one: each period lasts as long as the thread whose work in
     * it grows most under the GIL needs (periods without instrumented threads keep their length). Work
     * that came after a period waits for it, as a phase started when the last one is joined does; taking
     * instead each thread's own wall plus its stretch set a thread started late against one that began at
     * the start (a warm-up, then the timed threads: 36% predicted where 50% was measured).
     */
    private static int simulateRun(Run run, long interval, int cores, Map<String, Sums> byName, Histogram waits,
                                   Set<String> warnings, double[] walls, double[] residence, long skipNanos,
                                   long firstEntry, Map<ThreadSamples, Integer> batches) {
        // Emissions: the periodic hook samples every thread within microseconds; cluster their times.
        TreeSet<Long> times = new TreeSet<>();
        for (ThreadSamples t : run.threads.values()) {
            for (TimedSample s : t.samples) times.add(s.time());
        }
        List<Long> emissions = new ArrayList<>();
        for (long t : times) {
            if (emissions.isEmpty() || t - emissions.get(emissions.size() - 1) > SAME_EMISSION_NANOS) emissions.add(t);
            else emissions.set(emissions.size() - 1, t);
        }
        int simulated = 0;
        Map<ThreadSamples, StatsSample> previous = new LinkedHashMap<>();
        Map<ThreadSamples, Integer> cursor = new LinkedHashMap<>();
        Map<ThreadSamples, Integer> opCursor = new LinkedHashMap<>();
        for (ThreadSamples t : run.threads.values()) t.sortOperationsByEnd();
        long windowStart = firstEntry;
        for (int w = 0; w < emissions.size(); w++) {
            long windowEnd = emissions.get(w);
            long length = windowEnd - windowStart;
            List<ThreadSamples> who = new ArrayList<>();
            List<StatsSample> delta = new ArrayList<>();
            double heldSum = 0;
            for (ThreadSamples t : run.threads.values()) {
                StatsSample at = advance(t, cursor, windowEnd);
                if (at == null) continue;
                StatsSample before = previous.get(t);
                StatsSample d = minus(at, before);
                previous.put(t, at);
                if (at.releases() < 0) {
                    warnings.add("these recordings do not count releases (an agent before the releases field):"
                            + " each thread is taken to block once per stats period, which hides convoys");
                }
                who.add(t);
                delta.add(d);
                heldSum += demand(d);
            }
            windowStart = windowEnd;
            if (length <= 0) continue;
            if (skipNanos > 0 && windowEnd - length / 2 < firstEntry + skipNanos) {
                // Skipped, but its operations are passed over, not left for the next period to count.
                double[] unchanged = new double[who.size()];
                java.util.Arrays.fill(unchanged, 1);
                if (residence != null) residence(who, delta, unchanged, windowEnd, opCursor, new double[2]);
                continue;
            }
            if (who.isEmpty()) {
                walls[0] += length;
                walls[1] += length;
                continue;
            }
            double scale = cores > 0 && heldSum > (double) cores * length ? cores * (double) length / heldSum : 1;
            boolean off = "off".equals(run.config.mode()) || PlainRecordingDemand.MODE.equals(run.config.mode());
            List<ThreadDemand> demands = new ArrayList<>();
            for (int i = 0; i < who.size(); i++) {
                StatsSample d = delta.get(i);
                // Each take of the GIL follows time without it: a release (blocking call) or time outside
                // instrumented code. mode=off counts entries from outside as acquisitions and releases
                // apart; the other modes count every take as an acquisition.
                long takes = off ? d.acquisitions() + Math.max(0, d.releases()) : d.acquisitions();
                // Time without the GIL: released, outside instrumented code, and not alive yet (or any
                // more) in this period.
                long absent = Math.max(0, length - d.wallNanos());
                demands.add(new ThreadDemand(who.get(i).name, demand(d) * scale,
                        d.releasedNanos() + d.outsideNanos() + absent, Math.max(0, takes),
                        batches.getOrDefault(who.get(i), 0)));
            }
            GilSimulator.Result r = GilSimulator.run(demands, length, interval, 31L * w + run.threads.size());
            waits.add(r.waits());
            double[] rates = new double[who.size()];
            long contenders = demands.stream().filter(d -> d.heldNanos() > 0).count();
            for (int i = 0; i < who.size(); i++) {
                ThreadDemand d = demands.get(i);
                double held = d.heldNanos();
                rates[i] = held <= 0 ? 1 : Math.max(worstRate(d, interval, contenders), Math.min(1, r.progress()[i] / held));
            }
            if (residence != null) residence(who, delta, rates, windowEnd, opCursor, residence);
            double periodStretch = 0;
            for (int i = 0; i < who.size(); i++) {
                // The same work takes 1 / rate as long: what this period's time in instrumented code
                // becomes under the GIL. Summed over periods, so a quick start-up period cannot stand for
                // a convoyed steady state (weighting rates by held time did: 6x predicted for 160x).
                double rate = rates[i];
                StatsSample d = delta.get(i);
                double inCode = d.heldNanos() + d.releasedNanos() + d.waitNanos();
                Sums s = byName.computeIfAbsent(who.get(i).name, n -> new Sums());
                s.before += inCode;
                s.after += inCode / rate;
                periodStretch = Math.max(periodStretch, inCode / rate - inCode);
            }
            walls[0] += length;
            walls[1] += length + periodStretch;
            simulated++;
        }
        for (ThreadSamples t : run.threads.values()) {
            if (t.samples.isEmpty()) continue;
            StatsSample last = t.samples.get(t.samples.size() - 1).totals();
            Sums s = byName.computeIfAbsent(t.name, n -> new Sums());
            s.wall += last.wallNanos();
            s.held += last.heldNanos();
            s.wait += last.waitNanos();
            s.released += last.releasedNanos();
            s.outside += last.outsideNanos();
            for (Map.Entry<String, Long> e : t.operations.entrySet()) {
                s.operations += e.getValue();
                s.byMethod.merge(e.getKey(), e.getValue(), Long::sum);
            }
        }
        return simulated;
    }

    /**
     * Adds one period to a closed loop's residence time, {@code sums[0]} as recorded and {@code sums[1]}
     * under the GIL. In a closed loop each connection has one request in the service at a time, so
     * throughput is connections / time per request (Little's law) and the loss is 1 - before / after,
     * whichever threads the request passes through. Per request, summed over the period's threads: a
     * thread that ran operations spent their duration on them, plus what its slower pace adds under the
     * GIL (its held time times 1 / rate - 1); a thread that ran none (an event loop, a selector) worked for
     * the requests only while it held, which becomes held / rate. Its time blocked in select() or waiting
     * for a task is not a request's time and does not count. Periods without operations (start-up, idle)
     * are left out.
     */
    static void residence(List<ThreadSamples> who, List<StatsSample> delta, double[] rates, long to,
                          Map<ThreadSamples, Integer> cursor, double[] sums) {
        double[] opNanos = new double[who.size()];
        long ops = 0;
        for (int i = 0; i < who.size(); i++) {
            ThreadSamples t = who.get(i);
            int k = cursor.getOrDefault(t, 0);
            for (; k < t.operationCount && t.end(k) <= to; k++) {
                ops++;
                opNanos[i] += t.duration(k);
            }
            cursor.put(t, k);
        }
        if (ops == 0) return;
        for (int i = 0; i < who.size(); i++) {
            double held = delta.get(i).heldNanos();
            double own = opNanos[i] > 0 ? opNanos[i] : held;
            sums[0] += own;
            sums[1] += own + held * (1 / rates[i] - 1);
        }
    }

    /**
     * The lowest rate the GIL's rules allow a thread: each take of it, and each interval it runs, waits at
     * most one interval per other thread that wants it (drop requests and forced switching), while its
     * cycles of run and block keep their length. The replay reaches it in a convoy; below it is the
     * replay's own artifact: a thread with a cycle or two in a period whose only block ends as the period
     * does made no progress in it, and its whole time in code, blocked time included, would be stretched
     * without bound (one such period predicted a 100% loss for a program measured at 7%).
     */
    static double worstRate(ThreadDemand d, long interval, long contenders) {
        if (contenders <= 1) return 1;
        double cycles = d.heldNanos() + d.blockedNanos();
        double waits = (Math.max(1, d.blocks()) + d.heldNanos() / interval) * (double) interval * (contenders - 1);
        return Math.max(MIN_RATE, cycles / (cycles + waits));
    }

    /** The thread's last sample up to {@code end} not returned before, or null; samples are sorted. */
    private static StatsSample advance(ThreadSamples t, Map<ThreadSamples, Integer> cursor, long end) {
        int i = cursor.getOrDefault(t, 0);
        StatsSample found = null;
        while (i < t.samples.size() && t.samples.get(i).time() <= end) found = t.samples.get(i++).totals();
        cursor.put(t, i);
        return found;
    }

    /**
     * What a thread needs the GIL for in a period: its held time, or its CPU time where that is smaller.
     * Held time is wall time in instrumented code, so on a busy machine (more runnable threads than
     * cores, or a load generator beside the service) it includes time the thread waited for a core;
     * under the GIL that time is not work to serialize.
     */
    private static double demand(StatsSample d) {
        return d.cpuNanos() >= 0 ? Math.min(d.heldNanos(), d.cpuNanos()) : d.heldNanos();
    }

    private static StatsSample minus(StatsSample a, StatsSample b) {
        if (b == null) return a;
        return new StatsSample(a.wallNanos() - b.wallNanos(), Math.max(0, a.heldNanos() - b.heldNanos()),
                Math.max(0, a.waitNanos() - b.waitNanos()), Math.max(0, a.releasedNanos() - b.releasedNanos()),
                Math.max(0, a.outsideNanos() - b.outsideNanos()), 0, 0, 0, 0, 0,
                a.acquisitions() - b.acquisitions(), a.switches() - b.switches(), 0, 0,
                a.releases() < 0 || b.releases() < 0 ? -1 : Math.max(0, a.releases() - b.releases()),
                a.cpuNanos() < 0 || b.cpuNanos() < 0 ? -1 : Math.max(0, a.cpuNanos() - b.cpuNanos()));
    }
}
