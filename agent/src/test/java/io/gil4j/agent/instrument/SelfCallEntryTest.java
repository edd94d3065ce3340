package io.gil4j.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gil4j.bootstrap.Gil;
import io.gil4j.bootstrap.GilListener;
import io.gil4j.bootstrap.GilLock;
import io.gil4j.bootstrap.GilThread;
import io.gil4j.fixture.LoopEntries;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Methods with loops enter by {@link SelfCallEntry}: the instrumented bytes are defined in a throw-away
 * loader (which verifies them) and must give the original results, take the GIL once when called
 * from outside it and not at all from inside it, never loop in the self-call, and keep overrides.
 */
class SelfCallEntryTest {
    final AtomicInteger holds = new AtomicInteger();
    GilLock lock;

    @BeforeEach
    void install() {
        lock = new GilLock(GilLock.Mode.GIL, 5_000_000L, 100);
        lock.setListener(new GilListener() {
            @Override public void holdBegin(GilThread thread) { holds.incrementAndGet(); }
            @Override public void holdEnd(GilThread thread, int endReason, long checkpoints) { }
            @Override public Object waitBegin() { return null; }
            @Override public void waitEnd(Object token, int reason, int waiters) { }
            @Override public Object releaseBegin() { return null; }
            @Override public void releaseEnd(Object token, String point, int kind) { }
            @Override public void dropRequested(Thread holder) { }
            @Override public void revoked(Thread holder, String state, long latencyNanos) { }
            @Override public Object operationBegin() { return null; }
            @Override public void operationEnd(Object token, String method) { }
        });
        Gil.install(lock);
    }

    @AfterEach
    void uninstall() {
        Gil.install(new GilLock(GilLock.Mode.DISABLED, 5_000_000L, 100));
    }

    private static Class<?> load(String name) throws Exception {
        ClassInstrumenter ci = new ClassInstrumenter(
                new ClassFilter(List.of("io.gil4j.fixture.**"), List.of("io.gil4j.fixture.LoopEntries$Child")),
                new MethodPatterns(List.of()), new MethodPatterns(List.of()));
        return new ClassInstrumenterTest.InstrumentingLoader(ci).loadClass(ClassInstrumenterTest.FIXTURE + name);
    }

    private static Object invoke(Object target, Class<?> c, String name, Object... args) throws Throwable {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(name);
    }

    @Test
    void fromOutsideTheGilEachCallTakesItOnceAndGivesTheOriginalResult() throws Throwable {
        Class<?> c = load("LoopEntries");
        Object instance = c.getConstructor(long.class).newInstance(3L);
        int before = holds.get();
        assertThat(invoke(null, c, "sum", 1000)).isEqualTo(LoopEntries.sum(1000));
        assertThat(invoke(null, c, "mixed", 7L, 0.5, 100, "tag")).isEqualTo(LoopEntries.mixed(7L, 0.5, 100, "tag"));
        assertThat(invoke(instance, c, "scaled", 100)).isEqualTo(new LoopEntries(3).scaled(100));
        assertThat(invoke(instance, c, "locked", 100)).isEqualTo(new LoopEntries(3).locked(100));
        assertThat(holds.get() - before).as("one take per call from outside").isEqualTo(4);
        assertThat(lock.owner()).isNull();
    }

    @Test
    void fromInsideTheGilNoCallTakesItAgain() throws Throwable {
        Class<?> c = load("LoopEntries");
        boolean took = Gil.enter();
        try {
            assertThat(took).isTrue();
            int before = holds.get();
            assertThat(invoke(null, c, "sum", 1000)).isEqualTo(LoopEntries.sum(1000));
            assertThat(holds.get()).isEqualTo(before);
            assertThat(lock.owner()).isSameAs(Thread.currentThread());
        } finally {
            Gil.exit(took);
        }
        assertThat(lock.owner()).isNull();
    }

    @Test
    void anExceptionLeavesThroughTheSelfCallAndFreesTheGil() throws Throwable {
        Class<?> c = load("LoopEntries");
        Throwable thrown = null;
        try {
            invoke(null, c, "throwsHalfway", 10);
        } catch (IllegalStateException e) {
            thrown = e;
        }
        assertThat(thrown).hasMessage("halfway at 10");
        assertThat(lock.owner()).isNull();
        // What users see: the method twice where the thread came in without the GIL.
        long frames = Arrays.stream(thrown.getStackTrace()).filter(f -> f.getMethodName().equals("throwsHalfway")).count();
        assertThat(frames).isEqualTo(2);
    }

    @Test
    void theSelfCallIsNonVirtualSoAnOverrideCallingSuperStillRunsTheBaseCode() throws Throwable {
        Class<?> child = load("LoopEntries$Child");
        Object instance = child.getConstructor(long.class).newInstance(3L);
        // Child is left uninstrumented: its super.scaled enters LoopEntries.scaled from outside the GIL.
        assertThat(invoke(instance, child, "scaled", 100)).isEqualTo(new LoopEntries.Child(3).scaled(100));
        assertThat(lock.owner()).isNull();
    }

    @Test
    void aDefaultMethodEntersByAnInterfaceSelfCall() throws Throwable {
        Class<?> c = load("LoopEntries$PlainSummer");
        Object instance = c.getConstructor().newInstance();
        assertThat(invoke(instance, c, "sumTo", 100)).isEqualTo(5050L);
        assertThat(lock.owner()).isNull();
    }

    @Test
    void whenTheTestStillFailsAfterEnterTheCodeRunsInPlaceWithoutASecondSelfCall() throws Throwable {
        // No lock installed (DISABLED): the thread never owns the GIL, so the test fails every time.
        Gil.install(new GilLock(GilLock.Mode.DISABLED, 5_000_000L, 100));
        Class<?> c = load("LoopEntries");
        assertThat(invoke(null, c, "sum", 1000)).isEqualTo(LoopEntries.sum(1000));
        Object instance = c.getConstructor(long.class).newInstance(2L);
        assertThat(invoke(instance, c, "scaled", 10)).isEqualTo(new LoopEntries(2).scaled(10));
    }

    @Test
    void onlyMethodsWithLoopsEnterThisWay() throws Exception {
        ClassInstrumenter ci = new ClassInstrumenter(new ClassFilter(List.of("io.gil4j.fixture.**"), List.of()),
                new MethodPatterns(List.of()), new MethodPatterns(List.of()));
        byte[] original;
        try (InputStream in = getClass().getResourceAsStream("/io/gil4j/fixture/LoopEntries.class")) {
            original = in.readAllBytes();
        }
        java.util.Map<String, List<String>> calls = new java.util.HashMap<>();
        new net.bytebuddy.jar.asm.ClassReader(ci.instrument(original).bytes).accept(
                new net.bytebuddy.jar.asm.ClassVisitor(net.bytebuddy.jar.asm.Opcodes.ASM9) {
            @Override
            public net.bytebuddy.jar.asm.MethodVisitor visitMethod(int access, String name, String desc, String s,
                                                                  String[] e) {
                List<String> mine = new ArrayList<>();
                calls.put(name + desc, mine);
                return new net.bytebuddy.jar.asm.MethodVisitor(net.bytebuddy.jar.asm.Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String m, String d, boolean itf) {
                        if (owner.equals(GilMethodVisitor.GIL)) mine.add(m);
                        if (m.equals(name) && d.equals(desc)) mine.add("self");
                    }
                };
            }
        }, 0);
        assertThat(calls.get("sum(I)J")).startsWith("holdsClear").endsWith("enter", "holdsClear", "self", "exit");
        assertThat(calls.get("locked(I)J")).as("no loop: the usual entry").startsWith("enter").doesNotContain("self");
        assertThat(calls.get("<init>(J)V")).doesNotContain("holdsClear", "self");
    }
}
