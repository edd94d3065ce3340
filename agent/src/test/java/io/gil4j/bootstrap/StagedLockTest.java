package io.gil4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lock {@link Gil}'s fast paths read as a constant: staged before {@link Gil} is initialized (the
 * agent's way), or installed later (every other test's way, reached through the slow paths). Each
 * case runs in a class loader of its own, so that {@link Gil} is initialized afresh; the rest of the
 * suite shares one {@link Gil}, initialized by whichever test came first.
 */
class StagedLockTest {
    private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(2);

    /** The GIL core's classes, loaded again: statics of their own, nothing shared with the suite's. */
    private static final class FreshCore {
        final ClassLoader loader;

        FreshCore() {
            URL classes = Gil.class.getProtectionDomain().getCodeSource().getLocation();
            loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
        }

        Object newLock() throws Exception {
            Class<?> modes = Class.forName("io.gil4j.bootstrap.GilLock$Mode", true, loader);
            Object gil = modes.getMethod("valueOf", String.class).invoke(null, "GIL");
            return Class.forName("io.gil4j.bootstrap.GilLock", true, loader)
                    .getConstructor(modes, long.class, int.class).newInstance(gil, INTERVAL, 100);
        }

        Object call(String className, String method, Object... args) throws Exception {
            Class<?> c = Class.forName("io.gil4j.bootstrap." + className, true, loader);
            for (Method m : c.getMethods()) {
                if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                    try {
                        return m.invoke(null, args);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof Exception ex) throw ex;
                        throw e;
                    }
                }
            }
            throw new NoSuchMethodException(className + "." + method);
        }

        Object owner(Object lock) throws Exception {
            return lock.getClass().getMethod("owner").invoke(lock);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"staged", "installed later"})
    void enterCheckpointAndExitServeTheLockEitherWay(String how) throws Exception {
        FreshCore core = new FreshCore();
        Object lock = core.newLock();
        boolean staged = how.equals("staged");
        if (staged) assertThat(core.call("StagedLock", "stage", lock)).isEqualTo(true);
        else core.call("Gil", "lock"); // initializes Gil with nothing staged
        core.call("Gil", "install", lock);
        assertThat(core.call("Gil", "lock")).isSameAs(lock);
        assertThat(core.call("Gil", "fastPathsReadInstalled")).isEqualTo(staged);
        assertThat(core.call("StagedLock", "stage", core.newLock())).as("too late").isEqualTo(false);

        Thread me = Thread.currentThread();
        assertThat(core.call("Gil", "enter")).isEqualTo(true);
        assertThat(core.owner(lock)).isSameAs(me);
        assertThat(core.call("Gil", "enter")).as("nested").isEqualTo(false);
        assertThat(core.call("Gil", "enterLeaf")).isEqualTo(false);
        core.call("Gil", "checkpoint");

        // A second thread asks for the GIL; the holder's checkpoints must see the drop request and hand it over.
        CountDownLatch took = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try {
                boolean acquired = (Boolean) core.call("Gil", "enter");
                took.countDown();
                core.call("Gil", "exit", acquired);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        other.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (took.getCount() > 0 && System.nanoTime() < deadline) core.call("Gil", "checkpoint");
        assertThat(took.getCount()).as("the waiter got the GIL through the holder's checkpoints").isZero();
        other.join();
        assertThat(core.owner(lock)).as("the holder took it back").isSameAs(me);

        core.call("Gil", "exit", false);
        assertThat(core.owner(lock)).as("only the outermost frame gives it back").isSameAs(me);
        core.call("Gil", "exit", true);
        assertThat(core.owner(lock)).isNull();
        Object next = core.newLock();
        if (staged) {
            assertThatThrownBy(() -> core.call("Gil", "install", next)).as("the fixed lock stays")
                    .isInstanceOf(IllegalStateException.class);
            assertThat(core.call("Gil", "lock")).isSameAs(lock);
        } else {
            core.call("Gil", "install", next);
            assertThat(core.call("Gil", "lock")).as("any number of locks, one after the other").isSameAs(next);
        }
    }
}
