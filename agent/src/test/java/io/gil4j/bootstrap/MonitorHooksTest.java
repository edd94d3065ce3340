package io.gil4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JVMTI helper's entry points, called as the helper calls them (on the blocking thread, in
 * pairs): a holder releases at a contended monitor or a wait and takes the GIL back after; every
 * other thread, and a second call while released, does nothing.
 */
class MonitorHooksTest {
    private final RecordingListener recorder = new RecordingListener();

    private GilLock install() {
        GilLock l = new GilLock(GilLock.Mode.GIL, 5_000_000L, 100);
        l.setListener(recorder);
        Gil.install(l);
        return l;
    }

    @AfterEach
    void uninstall() {
        Gil.install(new GilLock(GilLock.Mode.DISABLED, 5_000_000L, 100));
    }

    @ParameterizedTest
    @CsvSource({"0, monitorenter, lock", "1, java.lang.Object.wait, wait"})
    void aHolderReleasesWhileBlockedAndTakesTheGilBackAfter(int kind, String point, String kindName) throws Exception {
        GilLock l = install();
        FreshThread.call(() -> {
            boolean took = Gil.enter();
            MonitorHooks.blocking(kind);
            assertThat(l.owner()).as("released while blocked").isNull();
            MonitorHooks.blocking(kind); // the helper never nests them; a second call changes nothing
            MonitorHooks.unblocked(kind);
            assertThat(l.owner()).as("taken back").isSameAs(Thread.currentThread());
            MonitorHooks.unblocked(kind);
            assertThat(l.owner()).isSameAs(Thread.currentThread());
            assertThat(GilThread.peek().monitorReleased).isFalse();
            Gil.exit(took);
            return null;
        });
        assertThat(recorder.calls).containsExactly("holdBegin", "holdEnd blocking", "releaseBegin",
                "releaseEnd token " + point + " " + kindName, "holdBegin", "holdEnd exit");
    }

    @Test
    void threadsThatDoNotHoldTheGilAreLeftAlone() throws Exception {
        GilLock l = install();
        FreshThread.call(() -> {
            MonitorHooks.blocking(MonitorHooks.ENTER); // never entered instrumented code
            MonitorHooks.unblocked(MonitorHooks.ENTER);
            assertThat(GilThread.peek()).isNull();
            boolean took = Gil.enter();
            Gil.exit(took);
            MonitorHooks.blocking(MonitorHooks.WAIT); // outside instrumented code now
            assertThat(GilThread.peek().monitorReleased).isFalse();
            MonitorHooks.unblocked(MonitorHooks.WAIT);
            assertThat(l.owner()).as("nothing taken").isNull();
            return null;
        });
        assertThat(recorder.calls).containsExactly("holdBegin", "holdEnd exit");
    }

    @Test
    void aHolderInsideTheLocksOwnCodeKeepsTheGil() throws Exception {
        GilLock l = install();
        FreshThread.call(() -> {
            boolean took = Gil.enter();
            GilThread st = GilThread.peek();
            st.inCore = true;
            MonitorHooks.blocking(MonitorHooks.ENTER);
            assertThat(st.monitorReleased).isFalse();
            MonitorHooks.unblocked(MonitorHooks.ENTER);
            st.inCore = false;
            assertThat(l.owner()).isSameAs(Thread.currentThread());
            Gil.exit(took);
            return null;
        });
    }

    @Test
    void librariesMayBeLoadedBeforeJdk24WithoutAsking() {
        if (Runtime.version().feature() < 24) assertThat(NativeHelper.mayLoadLibraries()).isTrue();
        assertThat(MonitorHooks.active()).as("no helper loaded in unit tests").isFalse();
    }
}
