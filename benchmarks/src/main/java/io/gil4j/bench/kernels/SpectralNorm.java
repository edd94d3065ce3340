package io.gil4j.bench.kernels;

/** Benchmark-game spectral-norm, single-threaded; checksum = the norm to 9 decimals. */
final class SpectralNorm {
    static double a(int i, int j) {
        return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1);
    }

    static void mulAv(double[] v, double[] out) {
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) s += a(i, j) * v[j];
            out[i] = s;
        }
    }

    static void mulAtv(double[] v, double[] out) {
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) s += a(j, i) * v[j];
            out[i] = s;
        }
    }

    static void mulAtAv(double[] v, double[] out, double[] tmp) {
        mulAv(v, tmp);
        mulAtv(tmp, out);
    }

    static String run(int n) {
        double[] u = new double[n], v = new double[n], tmp = new double[n];
        java.util.Arrays.fill(u, 1.0);
        for (int i = 0; i < 10; i++) {
            mulAtAv(u, v, tmp);
            mulAtAv(v, u, tmp);
        }
        double vBv = 0, vv = 0;
        for (int i = 0; i < n; i++) { vBv += u[i] * v[i]; vv += v[i] * v[i]; }
        return String.format("%.9f", Math.sqrt(vBv / vv));
    }
}
