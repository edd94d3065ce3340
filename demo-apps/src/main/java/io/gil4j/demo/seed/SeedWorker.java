package io.gil4j.demo.seed;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Main of a child JVM of the "2 processes" column (sub-command {@code seed-worker}): a
 * {@code multiprocessing.Pool} worker. Announces itself, then runs jobs read from stdin until
 * "exit" or end of input (the parent died), answering each on stdout:
 * <pre>
 *   cpu N SEED           -> countdown(N, SEED)
 *   io BASE_URL FROM COUNT -> fetches numbers FROM..FROM+COUNT-1
 *   answer: "SEED-WORKER DONE result" or "SEED-WORKER ERROR message"
 * </pre>
 * Lines of stdout without the prefix (an agent's banner) are ignored by the parent.
 */
public final class SeedWorker {
    public static final String PREFIX = "SEED-WORKER ";
    public static final String READY = PREFIX + "READY";
    public static final String DONE = PREFIX + "DONE ";
    public static final String ERROR = PREFIX + "ERROR ";

    private SeedWorker() {
    }

    public static int run(String[] argv) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Countdown.warmUp(); // before READY: the pool is "created" before the timed map, as in CPython
        out.println(READY);
        String line;
        while ((line = in.readLine()) != null) {
            line = line.trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("exit")) {
                break;
            }
            try {
                out.println(DONE + runJob(line.split(" ")));
            } catch (Exception e) {
                out.println(ERROR + e.toString().replace('\n', ' '));
            }
        }
        return 0;
    }

    static long runJob(String[] job) throws Exception {
        return switch (job[0]) {
            case "cpu" -> Countdown.countdown(Long.parseLong(job[1]), Long.parseLong(job[2]));
            case "io" -> NumberFetcher.fetchRange(job[1], Integer.parseInt(job[2]), Integer.parseInt(job[3]));
            default -> throw new IllegalArgumentException("unknown job '" + job[0] + "'");
        };
    }
}
