package io.gil4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every blocking point the README lists, end to end: a GIL holder that blocks there releases the GIL
 * at that point ({@code gil.Release} naming it) and is never revoked, while another thread waits for
 * the GIL ({@code work.BlockingPoints}). The control in the same test turns the JDK hooks and the
 * JVMTI helper off: their points then produce no release at all (the safety net takes the GIL instead),
 * so each of them fails here when its hook does not work. Call sites rewritten in instrumented code
 * (sleep, wait, join) have no switch and are checked by the first half only.
 */
class BlockingPointsIT {
    private static final String MAIN = "io.gil4j.it.work.BlockingPoints";
    private static final int TIMES = 3;

    /** Points released by Advice in the JDK ({@code jdkHooks}) or by the JVMTI helper ({@code monitorEvents}). */
    static final List<String> HOOKED = List.of(
            "java.util.concurrent.locks.LockSupport.park",
            "java.net.Socket$SocketInputStream.read",
            "sun.nio.ch.NioSocketImpl.accept",
            "sun.nio.ch.NioSocketImpl.connect",
            "sun.nio.ch.SelectorImpl.select",
            "sun.nio.ch.SocketChannelImpl.read",
            "java.io.FileInputStream.read",
            "sun.nio.ch.FileChannelImpl.read",
            "java.lang.Thread.start",
            "monitorenter");
    /** Points rewritten at their call sites in instrumented code. */
    static final List<String> CALL_SITES = List.of("java.lang.Thread.sleep", "java.lang.Object.wait", "java.lang.Thread.join");

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.gil4j.it.Jvm#javas")
    void aHolderBlockingAtEachPointReleasesThereAndIsNotRevoked(String java) throws Exception {
        List<String> jvmArgs = Jvm.nativeAccess(java);
        Path on = dir.resolve("on.jfr");
        Path off = dir.resolve("off.jfr");
        Jvm.run(java, Jvm.INCLUDE + ",releaseThreshold=0ms,jfr=" + on, jvmArgs, MAIN, 120).ok();
        Jvm.run(java, Jvm.INCLUDE + ",releaseThreshold=0ms,jdkHooks=false,monitorEvents=false,jfr=" + off, jvmArgs, MAIN, 120).ok();
        Map<String, Integer> released = releasesByHolder(on);
        Map<String, Integer> releasedOff = releasesByHolder(off);
        System.out.printf("%s: releases by point, hooks on %s; hooks off %s; revocations of the holder on %d, off %d%n",
                java, released, releasedOff, revocationsOfHolder(on), revocationsOfHolder(off));

        for (String point : HOOKED) {
            assertThat(released.getOrDefault(point, 0)).as("hooks on: releases at %s (all: %s)", point, released)
                    .isGreaterThanOrEqualTo(TIMES);
            assertThat(releasedOff.getOrDefault(point, 0)).as("hooks off: releases at %s", point).isZero();
        }
        for (String point : CALL_SITES) {
            assertThat(released.getOrDefault(point, 0)).as("releases at %s (all: %s)", point, released)
                    .isGreaterThanOrEqualTo(TIMES);
        }
        assertThat(revocationsOfHolderByState(on)).as("hooks on: revocations of the holder, by state").isEmpty();
        assertThat(revocationsOfHolder(off)).as("hooks off: the safety net had to take the GIL").isPositive();
    }

    private static Map<String, Integer> releasesByHolder(Path jfr) throws Exception {
        Map<String, Integer> out = new TreeMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("gil.Release")) continue;
            RecordedThread t = e.getThread();
            if (t != null && "holder".equals(t.getJavaName())) out.merge(e.getString("blockingPoint"), 1, Integer::sum);
        }
        return out;
    }

    private static long revocationsOfHolder(Path jfr) throws Exception {
        return revocationsOfHolderByState(jfr).values().stream().mapToLong(Integer::longValue).sum();
    }

    /** The holder's revocations by the state the safety net found it in (the message a failure needs). */
    static Map<String, Integer> revocationsOfHolderByState(Path jfr) throws Exception {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("gil.Revoke")) continue;
            RecordedThread h = e.getThread("holder");
            if (h != null && "holder".equals(h.getJavaName())) {
                RecordedStackTrace st = e.getStackTrace();
                out.merge(e.getString("holderState") + " (waiter " + (e.getThread() == null ? "?" : e.getThread().getJavaName())
                        + (st == null || st.getFrames().isEmpty() ? "" : " at " + st.getFrames().get(0).getMethod().getName()) + ")", 1, Integer::sum);
            }
        }
        return out;
    }
}
