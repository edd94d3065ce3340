package io.gil4j.it.work;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Gives the JIT plenty to compile for a while (so that HotSpot may add compiler threads as its queues
 * grow), then prints the scheduling policy of every compiler thread of this JVM, from
 * {@code /proc/self/task/<tid>/stat} (field 41; SCHED_OTHER is 0, SCHED_IDLE 5):
 * {@code compiler <name> policy=<n>} per thread and {@code compilerThreads=<count>}.
 */
public final class CompilerThreadPolicies {
    private CompilerThreadPolicies() { }

    public static void main(String[] args) throws Exception {
        long until = System.nanoTime() + (long) (Double.parseDouble(args.length > 0 ? args[0] : "1.5") * 1e9);
        long sink = 0;
        Pattern words = Pattern.compile("\\b(\\w+)\\s+(\\d+)");
        while (System.nanoTime() < until) {
            sink += work(words, sink);
        }
        Map<String, String> seen = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.collect(Collectors.toList())) {
                String comm;
                String stat;
                try {
                    comm = Files.readString(task.resolve("comm")).trim();
                    stat = Files.readString(task.resolve("stat"));
                } catch (java.io.IOException ended) {
                    continue;
                }
                if (!comm.contains("CompilerThre")) continue;
                String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                seen.put(task.getFileName() + " " + comm, after[41 - 3]);
            }
        }
        for (Map.Entry<String, String> e : seen.entrySet()) {
            System.out.println("compiler " + e.getKey() + " policy=" + e.getValue());
        }
        System.out.println("compilerThreads=" + seen.size());
        System.out.println("sink=" + (sink & 1));
    }

    private static long work(Pattern words, long seed) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) lines.add("item" + (seed + i) + " " + (i * 31 + seed % 7));
        long s = lines.stream().map(words::matcher).filter(java.util.regex.Matcher::find)
                .mapToLong(m -> Long.parseLong(m.group(2)) + m.group(1).hashCode()).sum();
        BigDecimal d = BigDecimal.valueOf(Math.floorMod(seed, 1000) + 1).sqrt(MathContext.DECIMAL64);
        s += d.scale() + String.format("%08.3f|%s", d.doubleValue(), Long.toHexString(s)).length();
        s += IntStream.range(0, 64).boxed().collect(Collectors.groupingBy(i -> i % 5, Collectors.counting())).size();
        s += new TreeMap<>(Map.of("a", seed, "b", s)).hashCode();
        return s;
    }
}
