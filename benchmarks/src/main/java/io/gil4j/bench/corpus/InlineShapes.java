package io.gil4j.bench.corpus;

/**
 * Inlining shapes of the corpus: helpers sized around C2's inlining limits (x86-64 defaults), called in a
 * hot loop. MaxInlineSize=35 bytes of bytecode applies to call sites that are not hot, FreqInlineSize=325 to
 * hot ones: h30 is under both, h40 over MaxInlineSize, h320 just under FreqInlineSize and h330 just over it
 * (so C2 calls it rather than inlining it). Instrumentation that adds bytecode to a method can push it over
 * a limit: these shapes show whether it does. Sizes are javac 17's (javap -c); keep them when editing.
 */
final class InlineShapes {
    private InlineShapes() { }

    /** (l) A ~30-byte helper called in a loop. Work = calls. */
    static long inline30(long work, long seed) {
        int x = (int) seed;
        for (long i = 0; i < work; i++) x = h30(x, (int) i);
        return x;
    }

    /** (l) A ~40-byte helper called in a loop. Work = calls. */
    static long inline40(long work, long seed) {
        int x = (int) seed;
        for (long i = 0; i < work; i++) x = h40(x, (int) i);
        return x;
    }

    /** (l) A ~320-byte helper called in a loop. Work = calls. */
    static long inline320(long work, long seed) {
        int x = (int) seed;
        for (long i = 0; i < work; i++) x = h320(x, (int) i);
        return x;
    }

    /** (l) A ~330-byte helper called in a loop. Work = calls. */
    static long inline330(long work, long seed) {
        int x = (int) seed;
        for (long i = 0; i < work; i++) x = h330(x, (int) i);
        return x;
    }

    /** 30 bytes of bytecode (javac 17). */
    static int h30(int x, int y) {
        int a = x;
        int b = y;
        a = a * 31 + b; b ^= a >>> 7; b += a; b += a;
        return a ^ b;
    }

    /** 40 bytes of bytecode (javac 17). */
    static int h40(int x, int y) {
        int a = x;
        int b = y;
        a = a * 31 + b; b ^= a >>> 7; a = a * 17 + x; b = b * 13 + a; b += a;
        return a ^ b;
    }

    /** 320 bytes of bytecode (javac 17). */
    static int h320(int x, int y) {
        int a = x;
        int b = y;
        a = a * 31 + b; b ^= a >>> 7; a = a * 17 + x; b = b * 13 + a; a ^= b >>> 9; b = b * 37 + y;
        a = a * 31 + b; b ^= a >>> 7; a = a * 17 + x; b = b * 13 + a; a ^= b >>> 9; b = b * 37 + y;
        a = a * 31 + b; b ^= a >>> 7; a = a * 17 + x; b = b * 13 + a; a ^= b >>> 9; b = b * 37 + y;
        a = a * 31 + b; b ^= a >>> 7; a = a * 17 + x; b = b * 13 + a; a ^= b >>> 9; b = b * 37 + y;
        a = a * 31 + b; b ^= a >>> 7; a = a * 17 + x; b = b * 13 + a; a ^= b >>> 9; b = b * 37 + y;
        a = a * 31 + b; b ^= a >>> 7; a = a * 17 + x; b = b * 13 + a; a ^= b >>> 9; b = b * 37 + y;
        a = a * 31 + b; b ^= a >>> 7; a = a * 17 + x; b = b * 13 + a; a ^= b >>> 9; b = b * 37 + y;
        a = a * 31 + b; b ^= a >>> 7; b += a;
        return a ^ b;
    }

    /** 330 bytes of bytecode (javac 17). */
    static int h330(int x, int y) {
        int a = x;
        int b = y;
        a = a * 31 + b; b ^= a >>> 7; a = a * 17 + x; b = b * 13 + a; a ^= b >>> 9; b = b * 37 + y;
        a = a * 31 + b; b ^= a >>> 7; a = a * 17 + x; b = b * 13 + a; a ^= b >>> 9; b = b * 37 + y;
        a = a * 31 + b; b ^= a >>> 7; a = a * 17 + x; b = b * 13 + a; a ^= b >>> 9; b = b * 37 + y;
        a = a * 31 + b; b ^= a >>> 7; a = a * 17 + x; b = b * 13 + a; a ^= b >>> 9; b = b * 37 + y;
        a = a * 31 + b; b ^= a >>> 7; a = a * 17 + x; b = b * 13 + a; a ^= b >>> 9; b = b * 37 + y;
        a = a * 31 + b; b ^= a >>> 7; a = a * 17 + x; b = b * 13 + a; a ^= b >>> 9; b = b * 37 + y;
        a = a * 31 + b; b ^= a >>> 7; a = a * 17 + x; b = b * 13 + a; a ^= b >>> 9; b = b * 37 + y;
        a = a * 31 + b; b ^= a >>> 7; a = a * 17 + x; b = b * 13 + a;
        return a ^ b;
    }
}
