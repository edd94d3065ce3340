package io.gil4j.demo.convoy;

import io.gil4j.demo.cli.AgentInfo;
import io.gil4j.demo.cli.Args;
import io.gil4j.demo.cli.UsageException;
import io.gil4j.demo.json.Json;
import io.gil4j.demo.server.EchoServer;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The convoy experiment (sub-command {@code convoy}), docs/design.md section 8: an I/O thread doing
 * 16-byte round trips to a local echo server for T seconds alone, then T seconds beside a CPU-bound
 * thread. Under a GIL the I/O thread waits about one switch interval after every read: CPython 3.11
 * does 12,974 round trips/s alone and 161/s beside the spinner at 5 ms. Instrument it with
 * {@code include=io.gil4j.demo.convoy.**}; the echo server (io.gil4j.demo.server) stays outside.
 */
public final class ConvoyMain {
    static final String USAGE = """
            usage: convoy [--seconds 2] [--bytes 16] [--echo HOST:PORT] [--label TEXT] [--json FILE]
              --seconds  length of each phase (alone, beside the CPU thread); default 2
              --bytes    message size; default 16
              --echo     use an echo server already running (e.g. `echo-server`) instead of the in-process one
              --label    the title; default from the agent options
              --json     also write the result as JSON to FILE
            """;

    private ConvoyMain() {
    }

    public static int run(String[] argv) throws Exception {
        Args args = Args.parse(argv, Set.of("seconds", "bytes", "echo", "label", "json"), Set.of("help"));
        if (args.flag("help")) {
            System.out.print(USAGE);
            return 0;
        }
        Duration phase = args.duration("seconds", Duration.ofSeconds(2));
        int bytes = args.intValue("bytes", 16);
        if (phase.isZero() || bytes < 1) {
            throw new UsageException("--seconds and --bytes must be positive");
        }
        String label = args.string("label", AgentInfo.current().label());
        String echo = args.string("echo", null);
        EchoServer server = echo == null ? EchoServer.start(0) : null;
        String host = echo == null ? InetAddress.getLoopbackAddress().getHostAddress() : echo.substring(0, echo.lastIndexOf(':'));
        int port = echo == null ? server.port() : Integer.parseInt(echo.substring(echo.lastIndexOf(':') + 1));
        try (Socket socket = new Socket(host, port)) {
            RoundTrips trips = new RoundTrips(socket, bytes);
            trips.runFor(Duration.ofMillis(200).toNanos()); // warm the JIT and the connection, not measured
            long alone = measure(trips, phase, null, null);
            Spinner spinner = new Spinner();
            long[] windows = new long[(int) Math.max(1, phase.toNanos() / WINDOW_NANOS)];
            long beside = measure(trips, phase, spinner, windows);
            double steadyRate = medianRate(windows);

            double seconds = phase.toNanos() / 1e9;
            double aloneRate = alone / seconds;
            double besideRate = beside / seconds;
            double slowdown = besideRate > 0 ? aloneRate / besideRate : Double.POSITIVE_INFINITY;
            System.out.printf("convoy [%s]: %d-byte TCP round trips to a local echo server, %.1f s per phase%n", label, bytes, seconds);
            System.out.printf("  alone                  %,10.0f round trips/s  (mean %,.0f us)%n", aloneRate, 1e6 / Math.max(aloneRate, 1e-9));
            System.out.printf("  beside a CPU thread    %,10.0f round trips/s  (mean %,.0f us)%n", besideRate, 1e6 / Math.max(besideRate, 1e-9));
            System.out.printf("  beside, steady         %,10.0f round trips/s  (median of the 100 ms windows: the mean also holds bursts)%n", steadyRate);
            System.out.printf("  slowdown               %,10.1f x%n", slowdown);
            System.out.printf("  (CPU thread: %,d LCG steps, state %d)%n", spinner.steps(), spinner.state());
            System.out.println("CPython 3.11 reference: 12,974/s alone; beside: 939/s at 1 ms, 161/s at 5 ms (80x), 27/s at 20 ms");

            String json = args.string("json", null);
            if (json != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("experiment", "convoy");
                m.put("label", label);
                m.put("interval", AgentInfo.current().option("interval"));
                m.put("seconds", seconds);
                m.put("bytes", bytes);
                m.put("aloneRoundTripsPerSecond", aloneRate);
                m.put("besideRoundTripsPerSecond", besideRate);
                m.put("besideWindowMedianPerSecond", steadyRate);
                m.put("besideWindows", windows);
                m.put("slowdown", Double.isFinite(slowdown) ? slowdown : null);
                Files.writeString(Path.of(json), Json.write(m), StandardCharsets.UTF_8);
            }
            return 0;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /**
     * The beside phase is also counted in windows of this length: on a small machine a phase's mean
     * holds bursts in which the spinner's wake-ups come late and the I/O thread runs almost
     * unhindered (docs/design.md section 7); the median window is the convoy without them.
     */
    public static final long WINDOW_NANOS = 100_000_000L;

    private static double medianRate(long[] windows) {
        long[] sorted = windows.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return median * 1e9 / WINDOW_NANOS;
    }

    /** Runs the round trips on their own thread ("convoy-io"), beside the spinner when given one. */
    private static long measure(RoundTrips trips, Duration phase, Spinner spinner, long[] windows) throws Exception {
        Thread cpu = null;
        if (spinner != null) {
            cpu = new Thread(spinner, "convoy-cpu");
            cpu.start();
            spinner.awaitStarted();
        }
        long[] count = new long[1];
        Exception[] failure = new Exception[1];
        Thread io = new Thread(() -> {
            try {
                count[0] = trips.runFor(phase.toNanos(), windows, WINDOW_NANOS);
            } catch (Exception e) {
                failure[0] = e;
            }
        }, spinner == null ? "convoy-io-alone" : "convoy-io-beside");
        io.start();
        io.join();
        if (cpu != null) {
            spinner.stop();
            cpu.join();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return count[0];
    }
}
