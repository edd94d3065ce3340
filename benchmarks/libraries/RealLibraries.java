import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Real libraries doing CPU-bound work under the agent (benchmarks/real-libraries.sh), none of them
 * tuned on: each repetition runs 64 units of one shape, split over THREADS threads started for it.
 * <ul>
 * <li>{@code re2j}: Google's RE2/J (a regex automaton in Java) finding two patterns in 70 KB of log text;</li>
 * <li>{@code bzip2}: commons-compress's pure-Java BZip2 compressing 60 KB and reading it back;</li>
 * <li>{@code lu}: commons-math3 (Java 5 class files) LU-decomposing a 120x120 matrix and squaring it;</li>
 * <li>{@code guava}: Guava's {@code Splitter}, a {@code HashMultiset}, Murmur3 hashing, an immutable sorted set;</li>
 * <li>{@code lang3}: commons-lang3's {@code StringUtils} over 80 KB of lines;</li>
 * <li>{@code lang3split}: commons-lang3's {@code StringUtils.split} alone, 80 KB into lines (a {@code charAt}
 *     scan with two ways back: what {@code lang3} spent most of its extra time in on JDK 25).</li>
 * </ul>
 * Prints "SHAPE THREADS SECONDS" per timed repetition, then "# check N".
 * Arguments: SHAPE THREADS REPS WARMUPS.
 */
public class RealLibraries {
    static final int UNITS = 64;
    static final String TEXT;
    static final byte[] DATA;

    static {
        StringBuilder sb = new StringBuilder();
        Random r = new Random(7);
        String[] words = {"alpha", "beta", "gamma", "delta", "error", "warn", "user42@example.com", "2026-12-06",
                "id=123456", "GET /api/v1/items"};
        while (sb.length() < 200_000) sb.append(words[r.nextInt(words.length)]).append(r.nextInt(10) < 2 ? '\n' : ' ');
        TEXT = sb.toString();
        DATA = TEXT.getBytes(StandardCharsets.UTF_8);
    }

    static final com.google.re2j.Pattern RE = com.google.re2j.Pattern.compile("([a-z0-9]+)@([a-z]+)\\.com|id=(\\d+)");

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: RealLibraries SHAPE THREADS REPS WARMUPS");
            System.exit(2);
        }
        String shape = args[0];
        int threads = Integer.parseInt(args[1]);
        int reps = Integer.parseInt(args[2]);
        int warmups = Integer.parseInt(args[3]);
        unit(shape, 0); // an unknown shape fails here, before any thread starts
        long check = 0;
        for (int r = 0; r < warmups + reps; r++) {
            long t0 = System.nanoTime();
            long[] sums = new long[threads];
            Thread[] workers = new Thread[threads];
            for (int k = 0; k < threads; k++) {
                int id = k;
                workers[k] = new Thread(() -> {
                    long s = 0;
                    for (int u = id; u < UNITS; u += threads) s += unit(shape, u);
                    sums[id] = s;
                });
                workers[k].start();
            }
            for (Thread t : workers) t.join();
            double seconds = (System.nanoTime() - t0) / 1e9;
            for (long s : sums) check += s;
            if (r >= warmups) System.out.printf("%s %d %.4f%n", shape, threads, seconds);
        }
        System.out.println("# check " + check);
    }

    static long unit(String shape, int u) {
        try {
            switch (shape) {
                case "re2j": {
                    com.google.re2j.Matcher m = RE.matcher(TEXT.substring(0, 70_000));
                    long n = 0;
                    while (m.find()) n += m.end() - m.start();
                    return n;
                }
                case "bzip2": {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    try (OutputStream o = new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(bytes)) {
                        o.write(DATA, 0, 60_000);
                    }
                    byte[] c = bytes.toByteArray();
                    try (InputStream in = new org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream(
                            new ByteArrayInputStream(c))) {
                        return c.length + in.readAllBytes().length;
                    }
                }
                case "lu": {
                    int n = 120;
                    double[][] m = new double[n][n];
                    Random r = new Random(u);
                    for (double[] row : m) for (int j = 0; j < n; j++) row[j] = r.nextDouble();
                    org.apache.commons.math3.linear.RealMatrix rm = org.apache.commons.math3.linear.MatrixUtils.createRealMatrix(m);
                    double det = new org.apache.commons.math3.linear.LUDecomposition(rm).getDeterminant();
                    return Double.doubleToLongBits(det) ^ Double.doubleToLongBits(rm.multiply(rm).getTrace());
                }
                case "guava": {
                    com.google.common.hash.Hasher h = com.google.common.hash.Hashing.murmur3_128().newHasher();
                    com.google.common.collect.Multiset<String> words = com.google.common.collect.HashMultiset.create();
                    for (String w : com.google.common.base.Splitter.on(' ').omitEmptyStrings().split(TEXT.substring(0, 60_000))) {
                        words.add(w);
                        h.putUnencodedChars(w);
                    }
                    return h.hash().asLong() + words.size()
                            + com.google.common.collect.ImmutableSortedSet.copyOf(words.elementSet()).size();
                }
                case "lang3": {
                    long n = 0;
                    for (String line : org.apache.commons.lang3.StringUtils.split(TEXT.substring(0, 80_000), '\n')) {
                        n += org.apache.commons.lang3.StringUtils.countMatches(line, "a");
                        n += org.apache.commons.lang3.StringUtils.capitalize(org.apache.commons.lang3.StringUtils.reverse(line)).hashCode();
                        n += org.apache.commons.lang3.StringUtils.abbreviate(line, 20).length();
                    }
                    return n;
                }
                case "lang3split":
                    return org.apache.commons.lang3.StringUtils.split(TEXT.substring(0, 80_000), '\n').length;
                default:
                    System.err.println("RealLibraries: unknown shape " + shape + " (re2j, bzip2, lu, guava, lang3, lang3split)");
                    System.exit(2);
                    return 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
