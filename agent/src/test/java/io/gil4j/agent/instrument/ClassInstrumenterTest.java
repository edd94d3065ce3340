package io.gil4j.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gil4j.bootstrap.Gil;
import io.gil4j.bootstrap.GilListener;
import io.gil4j.bootstrap.GilLock;
import io.gil4j.bootstrap.GilThread;
import java.io.InputStream;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bytecode rewriting on real classes: instrumented bytes are defined in a throw-away loader
 * (which verifies them), run, and must give the original results while taking and releasing the GIL.
 */
class ClassInstrumenterTest {

    static final String FIXTURE = "io.gil4j.fixture.";
    final AtomicInteger holds = new AtomicInteger();
    final Queue<String> releases = new ConcurrentLinkedQueue<>();
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
            @Override public void releaseEnd(Object token, String point, int kind) { releases.add(point); }
            @Override public void dropRequested(Thread holder) { }
            @Override public void revoked(Thread holder, String state, long latencyNanos) { }
            @Override public Object operationBegin() { return "op"; }
            @Override public void operationEnd(Object token, String method) { releases.add("op:" + method); }
        });
        Gil.install(lock);
    }

    @AfterEach
    void uninstall() {
        Gil.install(new GilLock(GilLock.Mode.DISABLED, 5_000_000L, 100));
    }

    static final class InstrumentingLoader extends ClassLoader {
        final ClassInstrumenter instrumenter;

        InstrumentingLoader(ClassInstrumenter instrumenter) {
            super(ClassInstrumenterTest.class.getClassLoader());
            this.instrumenter = instrumenter;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(FIXTURE)) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c != null) return c;
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    byte[] original = in.readAllBytes();
                    ClassInstrumenter.Result r = instrumenter.instrument(original);
                    byte[] bytes = r.bytes != null ? r.bytes : original;
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (java.io.IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }

    private Class<?> sample(String throughput) throws Exception {
        return sample(throughput, null);
    }

    private Class<?> sample(String throughput, String release) throws Exception {
        ClassInstrumenter ci = new ClassInstrumenter(new ClassFilter(List.of("io.gil4j.fixture.**"), List.of()),
                new MethodPatterns(release == null ? List.of() : List.of(release)),
                new MethodPatterns(throughput == null ? List.of() : List.of(throughput)));
        return new InstrumentingLoader(ci).loadClass(FIXTURE + "Sample");
    }

    private static Object call(Class<?> c, String name, Object... args) throws Throwable {
        return RecursionUnderDropRequests.call(c, name, args);
    }

    @Test
    void instrumentedMethodsGiveTheOriginalResultsAndLeaveTheGilFree() throws Throwable {
        Class<?> c = sample(null);
        assertThat(call(c, "loop", 1000)).isEqualTo(io.gil4j.fixture.Sample.loop(1000));
        assertThat(call(c, "withTryCatch", 2)).isEqualTo(2L);
        assertThat(call(c, "withTryCatch", 9)).isEqualTo(-1L);
        assertThat(call(c, "doubles", 1.5, 100L)).isEqualTo(io.gil4j.fixture.Sample.doubles(1.5, 100L));
        assertThat(call(c, "switches", 100)).isEqualTo(io.gil4j.fixture.Sample.switches(100));
        assertThat(call(c, "lambdas", 3)).isEqualTo("x0x1x2");
        assertThat(call(c, "counter")).isEqualTo(7); // static initializer ran (5), then two finally blocks
        Object viaThis = c.getConstructor().newInstance();
        Object viaSuper = c.getConstructor(int.class).newInstance(-3);
        assertThat(c.getMethod("value").invoke(viaThis)).isEqualTo(14 + 3);
        assertThat(c.getMethod("value").invoke(viaSuper)).isEqualTo(-6 + 3);
        assertThat(lock.owner()).isNull();
        assertThat(holds.get()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void anExceptionThrownThroughAnInstrumentedFrameReleasesTheGil() throws Throwable {
        Class<?> c = sample(null);
        assertThatThrownBy(() -> call(c, "thrower")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(lock.owner()).isNull();
    }

    @Test
    void sleepAndWaitCallSitesReleaseTheGil() throws Throwable {
        Class<?> c = sample(null);
        assertThat(call(c, "sleepy")).isEqualTo(1);
        assertThat(call(c, "waits", new Object())).isEqualTo(2);
        assertThat(releases).contains("java.lang.Thread.sleep", "java.lang.Object.wait");
        assertThat(lock.owner()).isNull();
    }

    @Test
    void throughputMethodsReportEachCompletion() throws Throwable {
        Class<?> c = sample(FIXTURE + "Sample.loop");
        call(c, "loop", 10);
        call(c, "loop", 20);
        assertThat(releases.stream().filter(r -> r.equals("op:" + FIXTURE + "Sample.loop"))).hasSize(2);
    }

    @Test
    void releaseMethodsGiveTheGilUpForTheirWholeCall() throws Throwable {
        Class<?> c = sample(null, FIXTURE + "Native.compute");
        assertThat(call(c, "callsExtension", 10)).isEqualTo(io.gil4j.fixture.Sample.callsExtension(10));
        assertThat(releases).containsExactly(FIXTURE + "Native.compute");
        assertThat(lock.owner()).isNull();
    }

    @Test
    void classesOutsideTheFilterAreNotTouched() throws Exception {
        ClassInstrumenter ci = new ClassInstrumenter(new ClassFilter(List.of("com.elsewhere.**"), List.of()),
                new MethodPatterns(List.of()), new MethodPatterns(List.of()));
        assertThat(ci.wants("io.gil4j.fixture/Sample")).isFalse();
        try (InputStream in = getClass().getResourceAsStream("/io/gil4j/fixture/Sample.class")) {
            assertThat(ci.instrument(in.readAllBytes()).bytes).isNull();
        }
    }

    /** The Gil methods each instrumented method of {@code Shapes} calls, in order. */
    private static java.util.Map<String, List<String>> gilCalls() throws Exception {
        return gilCalls("Shapes");
    }

    private static java.util.Map<String, List<String>> gilCalls(String fixture) throws Exception {
        ClassInstrumenter ci = new ClassInstrumenter(new ClassFilter(List.of("io.gil4j.fixture.**"), List.of()),
                new MethodPatterns(List.of()), new MethodPatterns(List.of()));
        byte[] original;
        try (InputStream in = ClassInstrumenterTest.class.getResourceAsStream("/io/gil4j/fixture/" + fixture + ".class")) {
            original = in.readAllBytes();
        }
        java.util.Map<String, List<String>> calls = new java.util.HashMap<>();
        new net.bytebuddy.jar.asm.ClassReader(ci.instrument(original).bytes).accept(
                new net.bytebuddy.jar.asm.ClassVisitor(net.bytebuddy.jar.asm.Opcodes.ASM9) {
            @Override
            public net.bytebuddy.jar.asm.MethodVisitor visitMethod(int access, String name, String desc, String s,
                                                                  String[] e) {
                List<String> mine = new java.util.ArrayList<>();
                calls.put(name + desc, mine);
                return new net.bytebuddy.jar.asm.MethodVisitor(net.bytebuddy.jar.asm.Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String m, String d, boolean itf) {
                        if (owner.equals(GilMethodVisitor.GIL)) mine.add(m);
                    }
                };
            }
        }, 0);
        return calls;
    }

    @Test
    void leavesEnterWithoutACheckpointAndShortJdkCallsGetNoneAfterThem() throws Exception {
        java.util.Map<String, List<String>> calls = gilCalls();
        // exit appears twice: before the return and in the catch-all handler; a leaf's entry test has its
        // branch in the leaf (Gil.needsNothing), a constructor's entry after super() keeps Gil.enterLeaf
        assertThat(calls.get("arithmetic(II)D")).containsExactly("needsNothing", "enterLeafOutside", "exit", "exit");
        assertThat(calls.get("withShortJdkCalls(D)D"))
                .containsExactly("needsNothing", "enterLeafOutside", "exit", "exit");
        assertThat(calls.get("<init>(D)V")).containsExactly("enterLeaf", "exit", "exit");
        // a counted loop: strip-mined, its one checkpoint between chunks (see StripMiningTest)
        assertThat(calls.get("withLoop(I)J")).containsExactly("enter", "checkpoint", "exit", "exit");
        assertThat(calls.get("callsInstrumented(I)D")).containsExactly("enter", "exit", "exit");
        // after String.trim (uninstrumented) the call-site check (a plain read), not after String.length (short)
        assertThat(calls.get("callsUninstrumented(Ljava/lang/String;)I"))
                .containsExactly("enter", "afterCall", "exit", "exit");
    }

    @Test
    void leavesRunUnderTheGilAndGiveTheSameResults() throws Exception {
        ClassInstrumenter ci = new ClassInstrumenter(new ClassFilter(List.of("io.gil4j.fixture.**"), List.of()),
                new MethodPatterns(List.of()), new MethodPatterns(List.of()));
        Class<?> c = new InstrumentingLoader(ci).loadClass(FIXTURE + "Shapes");
        Object shapes = c.getConstructor(double.class).newInstance(2.5);
        int before = holds.get();
        Object r = c.getMethod("withShortJdkCalls", double.class).invoke(shapes, 9.0);
        assertThat(r).isEqualTo(new io.gil4j.fixture.Shapes(2.5).withShortJdkCalls(9.0));
        assertThat(holds.get()).as("a leaf called from outside takes the GIL").isEqualTo(before + 1);
        assertThat(c.getMethod("arithmetic", int.class, int.class).invoke(null, 3, 4))
                .isEqualTo(io.gil4j.fixture.Shapes.arithmetic(3, 4));
        assertThat(lock.owner()).isNull();
    }

    @Test
    void aLeafsEntryTestVerifiesWithParametersOfEveryFrameType() throws Exception {
        ClassInstrumenter ci = new ClassInstrumenter(new ClassFilter(List.of("io.gil4j.fixture.**"), List.of()),
                new MethodPatterns(List.of()), new MethodPatterns(List.of()));
        Class<?> c = new InstrumentingLoader(ci).loadClass(FIXTURE + "Shapes");
        java.lang.reflect.Method m = c.getMethod("everyParameterType", boolean.class, byte.class, char.class,
                short.class, int.class, long.class, float.class, double.class, int[].class, String.class,
                java.lang.reflect.Array.newInstance(c, 0, 0).getClass());
        assertThat(gilCalls().get("everyParameterType(ZBCSIJFD[ILjava/lang/String;[[Lio/gil4j/fixture/Shapes;)"
                + "D")).as("two returns and the handler").containsExactly("needsNothing", "enterLeafOutside", "exit", "exit", "exit");
        Object shapes = c.getConstructor(double.class).newInstance(0.5);
        Object nested = java.lang.reflect.Array.newInstance(c, 2, 1);
        int before = holds.get();
        Object r = m.invoke(shapes, true, (byte) 1, 'c', (short) 2, 3, 4L, 5f, 6d, new int[7], "s", nested);
        assertThat(r).isEqualTo(new io.gil4j.fixture.Shapes(0.5).everyParameterType(true, (byte) 1, 'c', (short) 2,
                3, 4L, 5f, 6d, new int[7], "s", new io.gil4j.fixture.Shapes[2][1]));
        assertThat(holds.get()).as("called from outside: the leaf took the GIL").isEqualTo(before + 1);
        assertThat(lock.owner()).isNull();
    }

    @Test
    void privateMethodsOnlyGilHoldersCallHaveNoEntryAndKeepTheirCheckpoints() throws Exception {
        java.util.Map<String, List<String>> calls = gilCalls("PrivateCalls");
        assertThat(calls.get("fromMethod(I)I")).as("a leaf: nothing").isEmpty();
        // not a leaf: no take, no exit pair, no catch-all handler; the hint's test as its entry only where
        // it calls instrumented code (a recursion can run through it: fib), and the call-site check after
        // the exception's (uninstrumented) constructor
        assertThat(calls.get("throwsOut(I)I")).containsExactly("afterCall");
        assertThat(calls.get("fib(I)J")).containsExactly("heldEntry");
        assertThat(calls.get("loopFromMethod(I)I")).containsExactly("checkpoint");
        assertThat(calls.get("fromConstructor(I)I")).containsExactly("needsNothing", "enterLeafOutside", "exit", "exit");
        assertThat(calls.get("referencedByHandle(I)I"))
                .containsExactly("needsNothing", "enterLeafOutside", "exit", "exit");
        assertThat(calls.get("sum(I)I")).containsExactly("enter", "exit", "exit");
    }

    @Test
    void aDropRequestReachesARecursionOfPrivateMethodsWithoutEntries() throws Throwable {
        ClassInstrumenter ci = new ClassInstrumenter(new ClassFilter(List.of("io.gil4j.fixture.**"), List.of()),
                new MethodPatterns(List.of()), new MethodPatterns(List.of()));
        Class<?> c = new InstrumentingLoader(ci).loadClass(FIXTURE + "PrivateCalls");
        RecursionUnderDropRequests.assertAWaiterGetsTheGilDuring(lock, c, "sum", 3);
    }

    @Test
    void privateMethodsWithoutEntriesGiveTheSameResultsUnderTheGil() throws Throwable {
        ClassInstrumenter ci = new ClassInstrumenter(new ClassFilter(List.of("io.gil4j.fixture.**"), List.of()),
                new MethodPatterns(List.of()), new MethodPatterns(List.of()));
        Class<?> c = new InstrumentingLoader(ci).loadClass(FIXTURE + "PrivateCalls");
        int before = holds.get();
        assertThat(call(c, "sum", 10)).isEqualTo(io.gil4j.fixture.PrivateCalls.sum(10));
        assertThat(holds.get()).as("one take, by sum").isEqualTo(before + 1);
        assertThat(call(c, "throwing", 4)).isEqualTo(-4);
        assertThat(call(c, "throwing", -4)).isEqualTo(-4);
        assertThat(call(c, "viaHandle", 1)).isEqualTo(8);
        assertThat(call(c, "viaLambda", 2)).isEqualTo(6);
        assertThat(call(c, "viaNestmate", 2)).isEqualTo(12);
        assertThat(lock.owner()).isNull();
    }
}
