package io.gil4j.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.gil4j.bootstrap.Gil;
import io.gil4j.bootstrap.GilLock;
import io.gil4j.fixture.SameClassCalls;
import io.gil4j.fixture.SameClassLoops;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Held copies: which methods get one, which calls reach it, and that programs cannot tell. */
class HeldCopiesTest {
    static final String FIXTURE = ClassInstrumenterTest.FIXTURE;
    static final String HELD = "Lio/gil4j/bootstrap/Gil;";
    GilLock lock;

    @BeforeEach
    void install() {
        lock = new GilLock(GilLock.Mode.GIL, 5_000_000L, 100);
        Gil.install(lock);
    }

    @AfterEach
    void uninstall() {
        Gil.install(new GilLock(GilLock.Mode.DISABLED, 5_000_000L, 100));
    }

    private static ClassInstrumenter instrumenter(boolean copies) {
        return new ClassInstrumenter(new ClassFilter(List.of("io.gil4j.fixture.**"), List.of()),
                new MethodPatterns(List.of()), new MethodPatterns(List.of()), true, true, copies);
    }

    private static byte[] classFile(String name) throws Exception {
        try (InputStream in = HeldCopiesTest.class.getResourceAsStream("/" + name.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Per method of the instrumented class (name + descriptor): its access and the calls it makes, "owner.name desc". */
    private static Map<String, List<String>> calls(String name, Map<String, Integer> access) throws Exception {
        Map<String, List<String>> calls = new HashMap<>();
        new ClassReader(instrumenter(true).instrument(classFile(name)).bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int acc, String n, String d, String s, String[] e) {
                List<String> mine = new ArrayList<>();
                calls.put(n + d, mine);
                access.put(n + d, acc);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String m, String desc, boolean itf) {
                        if (!owner.startsWith("io/gil4j/bootstrap/Gil")) mine.add(m + desc);
                    }
                };
            }
        }, 0);
        return calls;
    }

    @Test
    void onlyCallsBoundToOneMethodOfTheClassGetACopy() throws Exception {
        Map<String, Integer> access = new HashMap<>();
        Map<String, List<String>> calls = calls(FIXTURE + "SameClassCalls", access);
        assertThat(calls).containsKeys("fib(I" + HELD + ")J", "notOverridable(I" + HELD + ")I",
                "thrower(I" + HELD + ")I", "withLongs(JDI" + HELD + ")J");
        assertThat(calls).doesNotContainKeys("overridable(I" + HELD + ")I", "callsBoth(I" + HELD + ")I",
                "<init>(" + HELD + ")V");
        assertThat(access.get("fib(I" + HELD + ")J"))
                .isEqualTo(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC);
        assertThat(calls.get("fibonacci(I)J")).containsExactly("fib(I" + HELD + ")J");
        assertThat(calls.get("fib(I" + HELD + ")J")).containsExactly("fib(I" + HELD + ")J", "fib(I" + HELD + ")J");
        assertThat(calls.get("fib(I)J")).containsExactly("fib(I" + HELD + ")J", "fib(I" + HELD + ")J");
        assertThat(calls.get("callsBoth(I)I")).containsExactly("overridable(I)I", "notOverridable(I" + HELD + ")I");

        Map<String, List<String>> chain = calls(FIXTURE + "SameClassCalls$Chain", new HashMap<>());
        assertThat(chain.get("total()I")).containsExactly("step(" + HELD + ")I", "<init>(I)V", "total(" + HELD + ")I");
    }

    @Test
    void everyStaticMethodGetsACopyForCallsFromOtherClasses() throws Exception {
        Map<String, Integer> access = new HashMap<>();
        Map<String, List<String>> calls = calls(FIXTURE + "CrossClassCallee", access);
        assertThat(calls).containsKeys("twice(I" + HELD + ")I", "ownDescriptor(" + HELD + ")Ljava/lang/String;");
        assertThat(access.get("twice(I" + HELD + ")I"))
                .isEqualTo(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC);
        assertThat(calls).doesNotContainKeys("<init>(" + HELD + ")V");
    }

    @Test
    void callsToStaticMethodsOfOtherInstrumentedClassesAreLinkedToTheirCopies() throws Exception {
        List<String> linked = new ArrayList<>();
        List<String> direct = new ArrayList<>();
        callsOfSum(instrumenter(true), linked, direct);
        assertThat(linked).containsExactly("io/gil4j/bootstrap/HeldLink.linkStatic twice(I" + HELD + ")I ["
                + FIXTURE.replace('.', '/') + "CrossClassCallee]");
        assertThat(direct).as("the JDK's method is called as it was").contains("java/lang/Math.abs(I)I")
                .noneMatch(call -> call.contains("CrossClassCallee"));

        linked.clear();
        direct.clear();
        callsOfSum(instrumenter(false), linked, direct); // heldCopies=false, and every attach
        assertThat(linked).isEmpty();
        assertThat(direct).contains(FIXTURE.replace('.', '/') + "CrossClassCallee.twice(I)I", "java/lang/Math.abs(I)I");
    }

    /** The calls {@code CrossClassCalls.sum} makes once instrumented: linked ones (bootstrap, name, type, arguments), direct ones. */
    private static void callsOfSum(ClassInstrumenter instrumenter, List<String> linked, List<String> direct) throws Exception {
        new ClassReader(instrumenter.instrument(classFile(FIXTURE + "CrossClassCalls")).bytes)
                .accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int acc, String n, String d, String s, String[] e) {
                if (!(n + d).equals("sum(I)I")) return null;
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitInvokeDynamicInsn(String m, String desc, Handle bsm, Object... args) {
                        linked.add(bsm.getOwner() + "." + bsm.getName() + " " + m + desc + " " + Arrays.toString(args));
                    }

                    @Override
                    public void visitMethodInsn(int op, String owner, String m, String desc, boolean itf) {
                        if (!owner.equals(GilMethodVisitor.GIL)) direct.add(owner + "." + m + desc);
                    }
                };
            }
        }, 0);
    }

    @Test
    void aCallFromInstrumentedCodeReachesTheCopyAndOneFromOutsideTheMethod() throws Throwable {
        Class<?> c = new ClassInstrumenterTest.InstrumentingLoader(instrumenter(true)).loadClass(FIXTURE + "CrossClassCalls");
        Class<?> callee = c.getClassLoader().loadClass(FIXTURE + "CrossClassCallee");
        assertThat(call(c, "calleeFrame")).isEqualTo("(" + HELD + ")Ljava/lang/String;");
        assertThat(call(callee, "ownDescriptor")).isEqualTo("()Ljava/lang/String;");
        assertThat(call(c, "sum", 100)).isEqualTo(3 * 4950);
        assertThat(call(c, "inherited", 4)).as("a method the callee's class inherits: linked to itself").isEqualTo(5);
        assertThat(lock.owner()).isNull();
    }

    @Test
    void theEntryOfACopyIsOnlyItsDropRequestTest() throws Exception {
        List<String> gil = new ArrayList<>();
        new ClassReader(instrumenter(true).instrument(classFile(FIXTURE + "SameClassCalls")).bytes)
                .accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int acc, String n, String d, String s, String[] e) {
                if (!(n + d).equals("fib(I" + HELD + ")J")) return null;
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String m, String desc, boolean itf) {
                        if (owner.equals(GilMethodVisitor.GIL)) gil.add(m);
                    }
                };
            }
        }, 0);
        assertThat(gil).containsExactly("heldEntry");
    }

    @ParameterizedTest(name = "copies {0}")
    @ValueSource(booleans = {true, false})
    void programsGetTheSameResultsAndSeeTheSameMethods(boolean copies) throws Throwable {
        Class<?> c = new ClassInstrumenterTest.InstrumentingLoader(instrumenter(copies)).loadClass(FIXTURE + "SameClassCalls");
        assertThat(call(c, "fibonacci", 20)).isEqualTo(SameClassCalls.fibonacci(20));
        assertThat(call(c, "callsBothOnASubclass", 3)).as("the override is called").isEqualTo(103 + 6).isEqualTo(SameClassCalls.callsBothOnASubclass(3));
        assertThat(call(c, "sumOfFinal", 10)).isEqualTo(55);
        assertThat(call(c, "withLongs", 5L, 1.5, 6)).isEqualTo(SameClassCalls.withLongs(5L, 1.5, 6));
        assertThat(lock.owner()).isNull();
        assertThat(visible(c)).isEqualTo(visible(SameClassCalls.class));
    }

    @Test
    void stackTracesThroughCopiesNameTheSameMethodsAndLines() throws Throwable {
        Class<?> c = new ClassInstrumenterTest.InstrumentingLoader(instrumenter(true)).loadClass(FIXTURE + "SameClassCalls");
        Throwable instrumented = catchThrowable(() -> call(c, "throwsFrom", 3));
        Throwable original = catchThrowable(() -> SameClassCalls.throwsFrom(3));
        assertThat(frames(instrumented)).hasSize(5).isEqualTo(frames(original));
        assertThat(lock.owner()).isNull();
    }

    @Test
    void aDropRequestReachesARecursionOfCopies() throws Throwable {
        Class<?> c = new ClassInstrumenterTest.InstrumentingLoader(instrumenter(true)).loadClass(FIXTURE + "SameClassCalls");
        RecursionUnderDropRequests.assertAWaiterGetsTheGilDuring(lock, c, "sumOfFinal", 3);
    }

    /** The fixture's helpers with loops, each called from within the class. */
    static final List<String> LOOP_HELPERS = List.of("skipDigits(Ljava/lang/String;I)I",
            "skipWord(Ljava/lang/String;IC)I", "sum([IIJD)J", "spinLoop(JID)J", "collatz(IJ)I", "down([IID)I",
            "countWhileZero([IJD)J");

    @Test
    void copiesOfMethodsWithLoopsKeepTheLoopsStripMined() throws Exception {
        byte[] original = classFile(FIXTURE + "SameClassLoops");
        Map<String, MethodScan.Facts> facts = MethodScan.scan(new ClassReader(original), name -> true,
                new ClassFilter(List.of("io.gil4j.fixture.**"), List.of())::instruments);
        List<StripMinedLoop> kinds = new ArrayList<>();
        for (String helper : LOOP_HELPERS) {
            assertThat(facts.get(helper).loops()).as("the fixture's %s has a strip-mined loop", helper).isNotEmpty();
            kinds.addAll(facts.get(helper).loops());
        }
        assertThat(kinds).as("int and long loops, loops counted at their back-edge with and without an outer header")
                .anyMatch(l -> !l.wide() && !l.countedAtBackEdge()).anyMatch(StripMinedLoop::wide)
                .anyMatch(l -> l.countedAtBackEdge() && l.outerHeader())
                .anyMatch(l -> l.countedAtBackEdge() && !l.outerHeader());

        Map<String, List<String>> code = codeOf(instrumenter(true).instrument(original).bytes);
        Map<String, List<String>> unmined = codeOf(new ClassInstrumenter(
                new ClassFilter(List.of("io.gil4j.fixture.**"), List.of()), new MethodPatterns(List.of()),
                new MethodPatterns(List.of()), false, true, true).instrument(original).bytes);
        for (String helper : LOOP_HELPERS) {
            String copy = helper.replace(")", HELD + ")");
            assertThat(code).as(helper).containsKey(copy);
            // What the loops add (chunk sizes, chunk ends, checkpoints, hint tests) is the original's;
            // the copy has no exit, and no entry test: the helpers call only the JDK, so no recursion
            // runs through them (GilMethodVisitor.mayRecurse).
            assertThat(facts.get(helper).callsInstrumented()).as(helper + " calls instrumented code").isFalse();
            List<String> added = new ArrayList<>(code.get(helper));
            added.removeAll(List.of("enter", "exit"));
            assertThat(code.get(copy)).as(copy).isEqualTo(added).isNotEqualTo(unmined.get(copy));
        }
        assertThat(code.get("tokens(Ljava/lang/String;)I")).contains("skipDigits(Ljava/lang/String;I" + HELD + ")I",
                "skipWord(Ljava/lang/String;IC" + HELD + ")I");
    }

    /** Per method: the GIL's calls by name, the other calls by name and descriptor, and int constants loaded. */
    private static Map<String, List<String>> codeOf(byte[] classFile) {
        Map<String, List<String>> code = new HashMap<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int acc, String n, String d, String s, String[] e) {
                List<String> mine = new ArrayList<>();
                code.put(n + d, mine);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String m, String desc, boolean itf) {
                        mine.add(owner.equals(GilMethodVisitor.GIL) ? m : m + desc);
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        if (value instanceof Integer) mine.add("ldc " + value);
                    }
                };
            }
        }, 0);
        return code;
    }

    @ParameterizedTest(name = "copies {0}")
    @ValueSource(booleans = {true, false})
    void copiesWithLoopsGetTheSameResults(boolean copies) throws Throwable {
        Class<?> c = new ClassInstrumenterTest.InstrumentingLoader(instrumenter(copies)).loadClass(FIXTURE + "SameClassLoops");
        String text = "12 ab 345  x9 77y " + "w".repeat(10_000) + " 0";
        int[] numbers = new int[20_000];
        for (int i = 0; i < numbers.length; i++) numbers[i] = i * 31 % 1000;
        assertThat(call(c, "tokens", text)).isEqualTo(SameClassLoops.tokens(text)).isEqualTo(8);
        assertThat(call(c, "scaledSum", numbers, 7L, 1.5)).isEqualTo(SameClassLoops.scaledSum(numbers, 7L, 1.5));
        assertThat(call(c, "spin", 1_000_000L, 5)).isEqualTo(SameClassLoops.spin(1_000_000L, 5));
        assertThat(call(c, "steps", 27, 0L)).isEqualTo(SameClassLoops.steps(27, 0L)).isEqualTo(111);
        assertThat(call(c, "fromTheTop", numbers, 3)).isEqualTo(SameClassLoops.fromTheTop(numbers, 3));
        assertThat(lock.owner()).isNull();
    }

    @Test
    void aDropRequestReachesALoopInACopy() throws Throwable {
        Class<?> c = new ClassInstrumenterTest.InstrumentingLoader(instrumenter(true)).loadClass(FIXTURE + "SameClassLoops");
        int[] box = new int[1];
        AtomicLong counted = new AtomicLong(-1);
        Thread looping = daemon(() -> counted.set((Long) call(c, "untilReleased", (Object) box)));
        // Only the copy's checkpoints between chunks can hand the GIL to the releasing thread.
        Thread releasing = daemon(() -> {
            while (lock.owner() != looping && looping.isAlive()) Thread.onSpinWait();
            call(c, "release", (Object) box);
        });
        looping.start();
        releasing.start();
        looping.join(30_000);
        releasing.join(1_000);
        assertThat(looping.isAlive() || releasing.isAlive()).as("the loop let the releasing thread in").isFalse();
        assertThat(counted.get()).isPositive();
        assertThat(lock.owner()).isNull();
    }

    /** A daemon thread running {@code body}: one that cannot finish must not keep the test JVM alive. */
    private static Thread daemon(ThrowingRunnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                throw new AssertionError(e);
            }
        });
        t.setDaemon(true);
        return t;
    }

    private interface ThrowingRunnable {
        void run() throws Throwable;
    }

    @Test
    void aClassWhoseCopiesWouldOverflowItsConstantPoolIsInstrumentedWithoutThem() throws Throwable {
        int methods = 100;
        ClassInstrumenter off = instrumenter(false);
        int withoutCopies = new ClassReader(off.instrument(chainOfCalls(methods, 0)).bytes).getItemCount();
        // Each padding string is two entries, in every version of the class: fill the pool up to just
        // under its limit without the copies, which need about two entries each more.
        int padding = (65_530 - withoutCopies) / 2;
        byte[] original = chainOfCalls(methods, padding);
        assertThat(new ClassReader(off.instrument(original).bytes).getItemCount()).isLessThanOrEqualTo(65_535);

        ClassInstrumenter.Result r = instrumenter(true).instrument(original);
        assertThat(r.bytes).as("instrumented, without copies").isNotNull();
        List<String> descriptors = new ArrayList<>();
        new ClassReader(r.bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int acc, String n, String d, String sig, String[] e) {
                descriptors.add(d);
                return null;
            }
        }, 0);
        assertThat(descriptors).hasSize(methods + 3).noneMatch(d -> d.contains(HELD));
        Class<?> c = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass("io.gil4j.fixture.Chain", r.bytes, 0, r.bytes.length);
            }
        }.define();
        assertThat(c.getMethod("m0", int.class).invoke(null, 5)).isEqualTo(5 + methods - 1);
        assertThat(lock.owner()).isNull();
    }

    /**
     * A class whose static {@code m0(int)} .. {@code m(n-1)(int)} each call the next, adding one, and two
     * methods that load {@code padding} distinct strings (entries in the constant pool).
     */
    private static byte[] chainOfCalls(int methods, int padding) {
        net.bytebuddy.jar.asm.ClassWriter w = new net.bytebuddy.jar.asm.ClassWriter(
                net.bytebuddy.jar.asm.ClassWriter.COMPUTE_FRAMES);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL, "io/gil4j/fixture/Chain", null,
                "java/lang/Object", null);
        for (int i = 0; i < methods; i++) {
            MethodVisitor m = w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "m" + i, "(I)I", null, null);
            m.visitCode();
            m.visitVarInsn(Opcodes.ILOAD, 0);
            if (i + 1 < methods) {
                m.visitMethodInsn(Opcodes.INVOKESTATIC, "io/gil4j/fixture/Chain", "m" + (i + 1), "(I)I", false);
                m.visitInsn(Opcodes.ICONST_1);
                m.visitInsn(Opcodes.IADD);
            }
            m.visitInsn(Opcodes.IRETURN);
            m.visitMaxs(0, 0);
            m.visitEnd();
        }
        for (int half = 0; half < 3; half++) { // a method's code is limited to 64 KiB: 4 bytes per string
            MethodVisitor m = w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "pad" + half, "()V", null, null);
            m.visitCode();
            for (int i = half; i < padding; i += 3) {
                m.visitLdcInsn("padding-" + i);
                m.visitInsn(Opcodes.POP);
            }
            m.visitInsn(Opcodes.RETURN);
            m.visitMaxs(0, 0);
            m.visitEnd();
        }
        w.visitEnd();
        return w.toByteArray();
    }

    /** The class's methods as reflection shows them, the synthetic ones left out, by name and parameters. */
    private static List<String> visible(Class<?> c) {
        return Arrays.stream(c.getDeclaredMethods()).filter(m -> !m.isSynthetic())
                .map(m -> Modifier.toString(m.getModifiers()) + " " + m.getName() + Arrays.toString(m.getParameterTypes()))
                .sorted().toList();
    }

    /** The fixture's frames: method and line. */
    private static List<String> frames(Throwable t) {
        return Arrays.stream(t.getStackTrace()).filter(f -> f.getClassName().equals(FIXTURE + "SameClassCalls"))
                .map(f -> f.getMethodName() + ":" + f.getLineNumber()).toList();
    }

    private static Object call(Class<?> c, String name, Object... args) throws Throwable {
        return RecursionUnderDropRequests.call(c, name, args);
    }
}
