package io.gil4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What instrumented code calls: the strip-mined loops' chunk ends, and the entries with no lock installed. */
class GilTest {
    @AfterEach
    void uninstall() {
        Gil.install(new GilLock(GilLock.Mode.DISABLED, 5_000_000L, 100));
    }

    @Test
    void withTheDisabledLockNothingIsTakenOrReleased() throws InterruptedException {
        assertThat(Gil.lock().mode()).isEqualTo(GilLock.Mode.DISABLED);
        assertThat(Gil.enter()).isFalse();
        assertThat(Gil.enterLeaf()).isFalse();
        assertThat(Gil.enterClinit()).isFalse();
        Gil.checkpoint();
        assertThat(Gil.beginBlocking("x", GilReasons.KIND_IO)).isFalse();
        Gil.exitClinit(false);
        Gil.exit(false);
        assertThat(Gil.lock().owner()).isNull();
    }

    @Test
    void theCheckAfterACallServesADropRequestedWhileTheHolderRanOutsideInstrumentedCode() throws Exception {
        // Nothing but the checks after calls into the JDK: no entry, no loop checkpoint.
        assertAHolderRunningOnlyThisServesADropRequest(Gil::afterCall);
    }

    @Test
    void nestedEntriesAloneServeADropRequest() throws Exception {
        // Nothing but the entries of loop-free methods it holds the GIL in (they read the hint).
        assertAHolderRunningOnlyThisServesADropRequest(() -> Gil.exit(Gil.enter()));
    }

    /** A holder that runs {@code check} over and over gives the GIL to a waiter before its loop ends (5 s). */
    private static void assertAHolderRunningOnlyThisServesADropRequest(Runnable check) throws Exception {
        GilLock lock = new GilLock(GilLock.Mode.GIL, 1_000_000L, 100);
        Gil.install(lock);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        Thread holder = new Thread(() -> {
            boolean took = Gil.enter();
            holding.countDown();
            long until = System.nanoTime() + 5_000_000_000L;
            while (!stop.get() && System.nanoTime() < until) check.run();
            Gil.exit(took);
        }, "holder");
        holder.start();
        holding.await();
        boolean took = Gil.enter(); // waits for the holder to serve the drop request at one of its checks
        boolean holderStillLooping = holder.isAlive() && !stop.get();
        Gil.exit(took);
        stop.set(true);
        holder.join();
        assertThat(took).isTrue();
        assertThat(holderStillLooping).as("the GIL came from the holder's checks, not from its loop's end").isTrue();
    }

    @Test
    void aHintLeftSetWithTheBreakerClearIsClearedByTheNextCheckAfterACall() {
        GilLock lock = new GilLock(GilLock.Mode.GIL, 5_000_000L, 100);
        Gil.install(lock);
        boolean took = Gil.enter();
        lock.breakerHint = 1; // as a reader racing a writer can leave it
        Gil.afterCall();
        assertThat(lock.breakerHint).as("hint, breaker %d", lock.breaker).isZero();
        assertThat(lock.owner()).isSameAs(Thread.currentThread());
        Gil.exit(took);
    }

    @Test
    void anInstalledLockIsTakenOnceAndGivenBackByTheFrameThatTookIt() {
        GilLock lock = new GilLock(GilLock.Mode.GIL, 5_000_000L, 100);
        Gil.install(lock);
        assertThat(Gil.lock()).isSameAs(lock);
        boolean outer = Gil.enter();
        boolean inner = Gil.enter();
        boolean leaf = Gil.enterLeaf();
        assertThat(outer).isTrue();
        assertThat(inner).as("nested: already held").isFalse();
        assertThat(leaf).isFalse();
        Gil.checkpoint();
        Gil.exit(leaf);
        Gil.exit(inner);
        assertThat(lock.owner()).as("only the outermost frame gives it back").isSameAs(Thread.currentThread());
        Gil.exit(outer);
        assertThat(lock.owner()).isNull();
        boolean clinit = Gil.enterClinit();
        assertThat(clinit).isTrue();
        Gil.exitClinit(clinit);
        assertThat(lock.owner()).isNull();
    }
}
