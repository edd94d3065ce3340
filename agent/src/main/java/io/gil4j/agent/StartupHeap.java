package io.gil4j.agent;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;

/**
 * One full collection at the end of premain, so that what start-up allocated is in the old generation
 * before the program's first young collection, with the heap's committed size left as it was.
 *
 * <p>Why. A JVM started with any {@code -javaagent} cannot map the JDK's archived module graph and
 * the archived objects of the platform and application loaders' classes (CDS) and builds them on the
 * heap instead, and gil4j's own start-up (its classes, the instrumenter's warm-up, JFR and JMX set-up)
 * allocates too: 1 to 3 MB that live as long as the JVM but start in the young generation. G1 copies
 * them from survivor space to survivor space at each of the first 15 young collections
 * ({@code MaxTenuringThreshold}). Measured on the corpus's {@code strings} shape (2 vCPUs): young pauses
 * of 1.0-1.7 ms without an agent, 2-5 ms with it (a do-nothing agent included); G1 took the longer
 * pauses for GC overhead and grew the heap from 388-560 MB to 680-940 MB, and the first touch of the
 * new regions made single repetitions two to four times slower, so that allocation-heavy code looked
 * slower under gil4j for reasons that had nothing to do with a GIL. Without an agent the same objects
 * sit in CDS's archive regions, which young collections do not copy; after this collection they sit in
 * the old generation, which young collections do not copy either.
 *
 * <p>Assumptions and guarantees:
 * <ul>
 * <li>Premain only, never at attach: there the heap is a running program's, and a full collection of
 *     it would be a pause the user did not ask for; start-up's objects are a rounding error there.</li>
 * <li>G1 only, the collector where the effect was measured (and the JDK's default).</li>
 * <li>The heap keeps its committed size: a plain {@code System.gc()} shrinks it to about its live
 *     size over {@code 1 - MaxHeapFreeRatio} (a 384 MB initial heap became 28-56 MB, and the program then
 *     ran with more and smaller young collections than without the agent: another deviation). So
 *     {@code MaxHeapFreeRatio}, a manageable flag, is 100 for the duration of the call and restored
 *     after it. Where that flag cannot be written, or explicit collections are off or concurrent
 *     ({@code -XX:+DisableExplicitGC}, {@code -XX:+ExplicitGCInvokesConcurrent}), nothing is done.</li>
 * <li>Start-up pays the collection: 21-30 ms on the project's machine. It comes before the recordings
 *     of {@code -XX:StartFlightRecording} and of {@code jfr=} start, so neither shows it (checked on
 *     JDK 17 and 25); {@code -Xlog:gc} does, as {@code Pause Full (System.gc())}.</li>
 * </ul>
 *
 * <p>Example: nothing to call but {@link #settle} once, from premain; {@code settleHeap=false} turns
 * it off.
 */
final class StartupHeap {
    private StartupHeap() { }

    /** What the decision needs to know about the JVM. */
    record Flags(boolean g1, boolean disableExplicitGc, boolean explicitGcConcurrent, boolean maxHeapFreeRatioWriteable) { }

    /** Why the collection is not made, or null when it is. */
    static String skipReason(boolean enabled, boolean attached, Flags f) {
        if (!enabled) return "settleHeap=false";
        if (attached) return "attached to a running JVM";
        if (f == null) return "no HotSpot diagnostic bean";
        if (!f.g1()) return "not G1";
        if (f.disableExplicitGc()) return "-XX:+DisableExplicitGC";
        if (f.explicitGcConcurrent()) return "-XX:+ExplicitGCInvokesConcurrent";
        if (!f.maxHeapFreeRatioWriteable()) return "MaxHeapFreeRatio is not writeable";
        return null;
    }

    /** Makes the collection if {@link #skipReason} allows it; says what happened in verbose mode. */
    static void settle(boolean enabled, boolean attached) {
        HotSpotDiagnosticMXBean hs = enabled && !attached ? diagnostics() : null;
        Flags f = hs == null ? null : flags(hs);
        String skip = skipReason(enabled, attached, f);
        if (skip != null) {
            if (enabled) Reporter.info("start-up heap not settled: " + skip);
            return;
        }
        Runtime rt = Runtime.getRuntime();
        long usedBefore = rt.totalMemory() - rt.freeMemory();
        long committedBefore = rt.totalMemory();
        long start = System.nanoTime();
        String ratio = hs.getVMOption("MaxHeapFreeRatio").getValue();
        try {
            hs.setVMOption("MaxHeapFreeRatio", "100");
            System.gc();
        } catch (RuntimeException e) {
            Reporter.info("start-up heap not settled: " + e.getMessage());
        } finally {
            hs.setVMOption("MaxHeapFreeRatio", ratio);
        }
        Reporter.info(String.format("start-up heap settled in %.1f ms: %d KB -> %d KB used, %d MB -> %d MB committed",
                (System.nanoTime() - start) / 1e6, usedBefore >> 10, (rt.totalMemory() - rt.freeMemory()) >> 10,
                committedBefore >> 20, rt.totalMemory() >> 20));
    }

    private static HotSpotDiagnosticMXBean diagnostics() {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static Flags flags(HotSpotDiagnosticMXBean hs) {
        try {
            VMOption ratio = hs.getVMOption("MaxHeapFreeRatio");
            return new Flags(on(hs, "UseG1GC"), on(hs, "DisableExplicitGC"), on(hs, "ExplicitGCInvokesConcurrent"),
                    ratio.isWriteable());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean on(HotSpotDiagnosticMXBean hs, String flag) {
        return Boolean.parseBoolean(hs.getVMOption(flag).getValue());
    }
}
