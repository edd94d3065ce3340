package io.gil4j.analyzer.ab;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an A/B: every arm {@code runs} times, each run from a fresh JVM, in blocks that alternate the
 * order (A B, B A, A B...: drift in the machine over the session falls on both arms alike), each run a
 * warm-up and a measured period of load.
 */
public final class AbRunner {

    /** An arm: its name and the agent options it adds; null options: the service runs without the agent. */
    public record Arm(String name, String options) {
        boolean agent() {
            return options != null;
        }
    }

    /** What to run and how. */
    public record Plan(String command, Path agentJar, String commonOptions, List<Arm> arms, int runs,
                       String base, String readyUrl, int readyPort, Duration readyTimeout, LoadMix mix,
                       double rate, int connections, Duration warmup, Duration duration, Path out) { }

    /**
     * One run of one arm; {@code unmeasuredNanos}: from starting the service's command to the end of the
     * warm-up, the part of its recording the measured load does not cover.
     */
    public record Run(Arm arm, int index, List<LoadDriver.EndpointRun> endpoints, Path recording, long unmeasuredNanos) { }

    private AbRunner() { }

    /** The order of the runs: blocks of every arm, alternately forwards and backwards. */
    static List<Arm> order(List<Arm> arms, int runs) {
        List<Arm> out = new ArrayList<>();
        for (int block = 0; block < runs; block++) {
            for (int i = 0; i < arms.size(); i++) {
                out.add(arms.get(block % 2 == 0 ? i : arms.size() - 1 - i));
            }
        }
        return out;
    }

    public static List<Run> run(Plan plan, PrintWriter progress) throws AbFailure, IOException, InterruptedException {
        Files.createDirectories(plan.out());
        List<Run> results = new ArrayList<>();
        List<Arm> order = order(plan.arms(), plan.runs());
        int[] seen = new int[plan.arms().size()];
        for (int k = 0; k < order.size(); k++) {
            Arm arm = order.get(k);
            int index = seen[plan.arms().indexOf(arm)]++;
            String name = arm.name() + "-" + (index + 1);
            Path recording = arm.agent() ? plan.out().resolve(name + ".jfr").toAbsolutePath() : null;
            Files.deleteIfExists(plan.out().resolve(name + ".jfr"));
            String agentArgument = arm.agent() ? "-javaagent:" + plan.agentJar().toAbsolutePath() + "="
                    + join(plan.commonOptions(), arm.options(), "jfr=" + recording) : "";
            String command = ServiceRun.command(plan.command(), agentArgument);
            String label = String.format("run %d of %d, %s", k + 1, order.size(), name);
            List<LoadDriver.EndpointRun> endpoints;
            long started = System.nanoTime();
            long loadStarted;
            try (ServiceRun service = ServiceRun.start(command, plan.out().resolve(name + ".log"), plan.readyUrl(),
                    plan.readyPort(), plan.readyTimeout())) {
                loadStarted = System.nanoTime();
                endpoints = new LoadDriver(plan.base(), plan.mix(), plan.rate(), plan.connections())
                        .run(plan.warmup(), plan.duration(), label, progress);
            }
            if (recording != null && (!Files.isRegularFile(recording) || Files.size(recording) == 0)) {
                throw new AbFailure(name + ": the service stopped without writing its recording " + recording
                        + " (was {agent} in the command, and does the service exit on SIGTERM?)");
            }
            results.add(new Run(arm, index, endpoints, recording, loadStarted - started + plan.warmup().toNanos()));
            long done = endpoints.stream().mapToLong(LoadDriver.EndpointRun::completed).sum();
            long failed = endpoints.stream().mapToLong(LoadDriver.EndpointRun::failed).sum();
            progress.printf("%s: %,.1f req/s, %d failed%n", label, done * 1e9 / plan.duration().toNanos(), failed);
            progress.flush();
        }
        return results;
    }

    private static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p == null || p.isBlank()) continue;
            if (sb.length() > 0) sb.append(',');
            sb.append(p.strip());
        }
        return sb.toString();
    }
}
