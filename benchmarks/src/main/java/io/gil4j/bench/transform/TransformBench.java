package io.gil4j.bench.transform;

import io.gil4j.agent.instrument.ClassFilter;
import io.gil4j.agent.instrument.ClassInstrumenter;
import io.gil4j.agent.instrument.MethodPatterns;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Transformation time per class: {@link ClassInstrumenter#instrument} (include {@code **}, no release=,
 * no throughput=) over real class files, in this JVM, without the agent. Pass 1 is cold (ASM and the
 * instrumenter not yet compiled by the JIT: what an application's first class loads pay); passes 2..P
 * are warm. Prints the per-class mean of the cold pass, the median over the warm passes of the
 * per-class mean, the p50/p90/p99/max of single-class times over the warm passes, and the bytes in/out.
 *
 * <p>Usage: {@code TransformBench SOURCE [LIMIT=500] [PASSES=11]}; SOURCE is a jar path (its first LIMIT
 * classes by name) or {@code jrt:/modules/MODULE/DIR} (note that the agent never instruments java.*,
 * jdk.*, sun.*: ClassFilter refuses them, so JDK classes come out unchanged and only measure the scan).
 * Needs agent/target/gil.jar (or the agent's classes with ASM) on the class path.
 */
public final class TransformBench {
    private TransformBench() { }

    public static void main(String[] args) throws IOException {
        String source = args[0];
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 11;
        List<byte[]> classes = load(source, limit);
        ClassInstrumenter ci = new ClassInstrumenter(new ClassFilter(List.of("**"), List.of()),
                new MethodPatterns(List.of()), new MethodPatterns(List.of()));
        long bytesIn = 0, bytesOut = 0;
        int changed = 0, methods = 0;
        double cold = 0;
        double[] passMean = new double[passes - 1];
        long[] single = new long[(passes - 1) * classes.size()];
        int s = 0;
        for (int p = 0; p < passes; p++) {
            long t0 = System.nanoTime();
            for (byte[] c : classes) {
                long c0 = System.nanoTime();
                ClassInstrumenter.Result r = ci.instrument(c);
                long c1 = System.nanoTime();
                if (p > 0) single[s++] = c1 - c0;
                if (p == 0) {
                    bytesIn += c.length;
                    bytesOut += r.bytes == null ? c.length : r.bytes.length;
                    if (r.bytes != null) changed++;
                    methods += r.instrumentedMethods;
                }
            }
            double perClassUs = (System.nanoTime() - t0) / 1e3 / classes.size();
            if (p == 0) cold = perClassUs; else passMean[p - 1] = perClassUs;
        }
        Arrays.sort(passMean);
        Arrays.sort(single);
        System.out.printf("source=%s classes=%d changed=%d methods=%d bytes_in=%d bytes_out=%d (+%.1f%%)%n", source,
                classes.size(), changed, methods, bytesIn, bytesOut, 100.0 * (bytesOut - bytesIn) / bytesIn);
        System.out.printf("cold_pass_us_per_class=%.1f warm_us_per_class=%.1f [min %.1f, max %.1f over %d passes]%n",
                cold, passMean[passMean.length / 2], passMean[0], passMean[passMean.length - 1], passMean.length);
        System.out.printf("warm_single_class_us p50=%.1f p90=%.1f p99=%.1f max=%.1f%n", pct(single, 0.50),
                pct(single, 0.90), pct(single, 0.99), single[single.length - 1] / 1e3);
    }

    private static double pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e3;
    }

    private static List<byte[]> load(String source, int limit) throws IOException {
        List<byte[]> out = new ArrayList<>();
        if (source.startsWith("jrt:")) {
            FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
            List<Path> paths;
            try (Stream<Path> w = Files.walk(jrt.getPath(source.substring("jrt:".length())))) {
                paths = w.filter(p -> p.toString().endsWith(".class") && !p.toString().endsWith("module-info.class"))
                        .sorted().limit(limit).collect(Collectors.toList());
            }
            for (Path p : paths) out.add(Files.readAllBytes(p));
        } else {
            try (ZipFile z = new ZipFile(source)) {
                List<ZipEntry> entries = new ArrayList<>();
                for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                    ZipEntry ze = e.nextElement();
                    if (ze.getName().endsWith(".class") && !ze.getName().contains("module-info")
                            && !ze.getName().startsWith("META-INF/")) entries.add(ze);
                }
                entries.sort((a, b) -> a.getName().compareTo(b.getName()));
                for (ZipEntry ze : entries.subList(0, Math.min(limit, entries.size()))) {
                    try (InputStream in = z.getInputStream(ze)) { out.add(in.readAllBytes()); }
                }
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no class files in " + source);
        return out;
    }
}
