package io.gil4j.bench.kernels;

import java.util.Arrays;

/**
 * Runs one CPU kernel WARMUP times untimed, then ITERS times timed, in this JVM, and prints one line:
 * {@code kernel=NAME checksum=C iter_ms=a,b,... median_ms=M}. The checksum is the same on every
 * iteration, in every JVM, with and without the agent (kernels.sh checks it).
 *
 * <p>Usage: {@code Kernels NAME [WARMUP=3] [ITERS=5] [SCALE=1.0]}; NAME one of nbody, spectralnorm,
 * fannkuch, binarytrees, mandelbrot, json. SCALE multiplies the problem size (for short debug runs).
 */
public final class Kernels {
    private Kernels() { }

    static String once(String name, double scale) {
        switch (name) {
            case "nbody": return NBody.run((int) (3_000_000 * scale));
            case "spectralnorm": return SpectralNorm.run((int) (1_500 * Math.sqrt(scale)));
            case "fannkuch": return Fannkuch.run(scale >= 1 ? 10 : 9);
            case "binarytrees": return BinaryTrees.run(scale >= 1 ? 17 : 14);
            case "mandelbrot": return Mandelbrot.run((int) (2_000 * Math.sqrt(scale)));
            case "json": return JsonParse.run(doc, Math.max(1, (int) (6 * scale)));
            default: throw new IllegalArgumentException("unknown kernel " + name);
        }
    }

    private static String doc;

    public static void main(String[] args) {
        String name = args[0];
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int iters = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        double scale = args.length > 3 ? Double.parseDouble(args[3]) : 1.0;
        if (name.equals("json")) doc = JsonParse.document(6_000);
        String checksum = null;
        for (int i = 0; i < warmup; i++) checksum = check(checksum, once(name, scale));
        double[] ms = new double[iters];
        for (int i = 0; i < iters; i++) {
            long t0 = System.nanoTime();
            String c = once(name, scale);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            checksum = check(checksum, c);
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        StringBuilder sb = new StringBuilder();
        for (double m : ms) sb.append(sb.length() > 0 ? "," : "").append(String.format("%.2f", m));
        System.out.printf("kernel=%s checksum=%s iter_ms=%s median_ms=%.2f%n", name, checksum, sb,
                sorted[iters / 2]);
    }

    private static String check(String expected, String got) {
        if (expected != null && !expected.equals(got)) throw new IllegalStateException("checksum " + got + " != " + expected);
        return got;
    }
}
