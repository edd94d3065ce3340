package io.gil4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The start-up collection (StartupHeap): after premain, what start-up allocated is no longer copied by
 * the program's young collections, and the heap has kept its committed size. Read from the JVM's own
 * GC log ({@code -Xlog:gc,gc+init,gc+age=trace}) of a program that keeps nothing ({@code Garbage}), with
 * the collection and without it ({@code settleHeap=false}) in the same test.
 */
class StartupHeapIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void startUpObjectsLeaveTheYoungGenerationAndTheHeapKeepsItsSize(String java) throws Exception {
        GcLog settled = run(java, "", "settled");
        GcLog unsettled = run(java, ",settleHeap=false", "unsettled");
        System.out.printf("StartupHeapIT JDK %d: full GCs %s / %s; capacity after the full GC %d MB (initial %d MB);"
                        + " survivor bytes at young GCs 2-6 %s / %s%n", Jvm.feature(java), settled.fullCauses,
                unsettled.fullCauses, settled.capacityAfterFullMb, settled.initialCapacityMb,
                settled.survivors(2, 6), unsettled.survivors(2, 6));

        assertThat(settled.fullCauses).containsExactly("System.gc()");
        assertThat(settled.capacityAfterFullMb).isGreaterThanOrEqualTo(settled.initialCapacityMb);
        assertThat(unsettled.fullCauses).isEmpty();
        // Without the collection, start-up's objects (a megabyte or more) are in every survivor space
        // until they are tenured; with it, what is left there is what the program made since.
        long with = median(settled.survivors(2, 6));
        long without = median(unsettled.survivors(2, 6));
        assertThat(without).isGreaterThan(200_000);
        assertThat(with).isLessThan(without / 2);
    }

    private GcLog run(String java, String extra, String name) throws IOException, InterruptedException {
        Path log = dir.resolve(name + ".log");
        // A fixed young generation, so that both runs have young collections at the same allocation points;
        // no -Xms, so a collection that shrank the heap would show.
        Jvm.run(java, Jvm.INCLUDE + extra, List.of("-Xmn16m", "-Xlog:gc,gc+init,gc+age=trace:file=" + log),
                "io.gil4j.it.work.Garbage", 120, "1000").ok();
        return GcLog.parse(Files.readAllLines(log));
    }

    private static long median(List<Long> xs) {
        List<Long> c = new ArrayList<>(xs);
        c.sort(null);
        return c.get(c.size() / 2);
    }

    /** What the test reads from a unified GC log. */
    static final class GcLog {
        private static final Pattern INITIAL = Pattern.compile("Heap Initial Capacity: (\\d+)M");
        private static final Pattern FULL = Pattern.compile("GC\\((\\d+)\\) Pause Full \\((.+?)\\) \\d+M->\\d+M\\((\\d+)M\\)");
        private static final Pattern YOUNG = Pattern.compile("GC\\((\\d+)\\) Pause Young");
        private static final Pattern AGE = Pattern.compile("GC\\((\\d+)\\) - age +\\d+: +\\d+ bytes, +(\\d+) total");

        final List<String> fullCauses = new ArrayList<>();
        long initialCapacityMb = -1;
        long capacityAfterFullMb = -1;
        /** Young collections in order: GC id to the survivor bytes of its age table (0 if it printed none). */
        final Map<Integer, Long> youngSurvivors = new TreeMap<>();

        static GcLog parse(List<String> lines) {
            GcLog g = new GcLog();
            for (String l : lines) {
                Matcher m;
                if ((m = INITIAL.matcher(l)).find()) g.initialCapacityMb = Long.parseLong(m.group(1));
                if ((m = FULL.matcher(l)).find()) {
                    g.fullCauses.add(m.group(2));
                    g.capacityAfterFullMb = Long.parseLong(m.group(3));
                }
                if ((m = YOUNG.matcher(l)).find()) g.youngSurvivors.putIfAbsent(Integer.parseInt(m.group(1)), 0L);
                if ((m = AGE.matcher(l)).find()) g.youngSurvivors.merge(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), Math::max);
            }
            return g;
        }

        /** The survivor bytes of the from-th to the to-th young collection (1-based), as far as there are any. */
        List<Long> survivors(int from, int to) {
            List<Long> all = new ArrayList<>(youngSurvivors.values());
            assertThat(all).as("young collections in the log").hasSizeGreaterThanOrEqualTo(to);
            return all.subList(from - 1, to);
        }
    }
}
