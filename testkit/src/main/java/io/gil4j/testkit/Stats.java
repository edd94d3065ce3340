package io.gil4j.testkit;

import java.util.Arrays;

/** Small statistics the modules' tests share. */
public final class Stats {
    private Stats() { }

    /** The median of {@code xs} (the mean of the two middle values for an even count); {@code xs} is left as it is. */
    public static double median(double[] xs) {
        double[] c = xs.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
