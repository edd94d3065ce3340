package io.gil4j.bench.kernels;

/** Benchmark-game mandelbrot (50 iterations, escape 2.0), one row per call; checksum = CRC32 of the bitmap. */
final class Mandelbrot {
    static void row(int y, int n, byte[] out, int offset) {
        double ci = 2.0 * y / n - 1.0;
        int bits = 0, bit = 0x80;
        for (int x = 0; x < n; x++) {
            double cr = 2.0 * x / n - 1.5, zr = 0, zi = 0, tr = 0, ti = 0;
            int i = 0;
            while (i < 50 && tr + ti <= 4.0) {
                zi = 2.0 * zr * zi + ci;
                zr = tr - ti + cr;
                tr = zr * zr;
                ti = zi * zi;
                i++;
            }
            if (tr + ti <= 4.0) bits |= bit;
            bit >>= 1;
            if (bit == 0) { out[offset++] = (byte) bits; bits = 0; bit = 0x80; }
        }
        if (bit != 0x80) out[offset] = (byte) bits;
    }

    static String run(int n) {
        int rowBytes = (n + 7) / 8;
        byte[] bitmap = new byte[rowBytes * n];
        for (int y = 0; y < n; y++) row(y, n, bitmap, y * rowBytes);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bitmap);
        return Long.toHexString(crc.getValue());
    }
}
