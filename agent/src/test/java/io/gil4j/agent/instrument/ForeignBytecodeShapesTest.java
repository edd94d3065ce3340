package io.gil4j.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bytecode shapes that javac never emits but other compilers do, each built here with ASM the way that
 * compiler emits it, instrumented, loaded (the verifier runs) and called. Found by LibrariesLinkIT on
 * Scala 2.13's and Groovy 5's libraries: both failed with a {@code VerifyError} once instrumented.
 */
class ForeignBytecodeShapesTest {
    static final String OWNER = "io/gil4j/fixture/Foreign";

    private static ClassInstrumenter instrumenter() {
        return new ClassInstrumenter(new ClassFilter(List.of("io.gil4j.fixture.**"), List.of()),
                new MethodPatterns(List.of()), new MethodPatterns(List.of()), true, true, true);
    }

    /**
     * scalac: a counted loop inside an expression, so the loop's header has a value on the operand stack
     * ({@code 7 + { var i = 0; while (i < n) i += 1; i }}, as in {@code scala.Array.tabulate}). Strip-mining
     * it by its counter would give the header's new frame an empty stack (41 of Scala's classes failed to
     * verify so); it is counted at its back-edge instead, which adds no frame and carries the value along.
     */
    @Test
    void aCountedLoopWithAValueOnTheStackAtItsHeaderIsOnlyCountedAtItsBackEdge() throws Exception {
        ClassWriter cw = classWriter("java/lang/Object");
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "sevenPlus", "(I)I", null, null);
        mv.visitCode();
        Label header = new Label();
        Label exit = new Label();
        mv.visitIntInsn(Opcodes.BIPUSH, 7);
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitVarInsn(Opcodes.ISTORE, 1);
        mv.visitLabel(header);
        mv.visitFrame(Opcodes.F_NEW, 2, new Object[] {Opcodes.INTEGER, Opcodes.INTEGER}, 1, new Object[] {Opcodes.INTEGER});
        mv.visitVarInsn(Opcodes.ILOAD, 1);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitJumpInsn(Opcodes.IF_ICMPGE, exit);
        mv.visitIincInsn(1, 1);
        mv.visitJumpInsn(Opcodes.GOTO, header);
        mv.visitLabel(exit);
        mv.visitFrame(Opcodes.F_NEW, 2, new Object[] {Opcodes.INTEGER, Opcodes.INTEGER}, 1, new Object[] {Opcodes.INTEGER});
        mv.visitVarInsn(Opcodes.ILOAD, 1);
        mv.visitInsn(Opcodes.IADD);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(3, 2);
        mv.visitEnd();
        byte[] original = finish(cw);

        assertOneLoopCountedAtItsBackEdge(original, "sevenPlus(I)I");
        byte[] instrumented = instrumenter().instrument(original).bytes;
        assertThat(gilCalls(instrumented, "sevenPlus")).as("the back-edge keeps a checkpoint").contains("checkpoint");
        Method m = load(instrumented).getMethod("sevenPlus", int.class);
        assertThat(m.invoke(null, 10_000)).isEqualTo(10_007);
        assertThat(m.invoke(null, 0)).isEqualTo(7);
    }

    /**
     * Groovy: a constructor that picks its {@code super(...)} call at run time, so several branches each
     * initialize {@code this}, and frames in the later branches still hold an uninitialized
     * {@code this} after the first {@code super()} in the code. The entry cannot go after "the"
     * {@code super()} call; such a constructor is left as it is, like a JSR method.
     */
    @Test
    void aConstructorWithASuperCallOnEachOfSeveralBranchesIsLeftAsItIs() throws Exception {
        ClassWriter cw = classWriter("java/lang/RuntimeException");
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "(Z)V", null, null);
        mv.visitCode();
        Label other = new Label();
        Label join = new Label();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitVarInsn(Opcodes.ILOAD, 1);
        mv.visitJumpInsn(Opcodes.IFEQ, other);
        mv.visitLdcInsn("first");
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/RuntimeException", "<init>", "(Ljava/lang/String;)V", false);
        mv.visitJumpInsn(Opcodes.GOTO, join);
        mv.visitLabel(other);
        mv.visitFrame(Opcodes.F_NEW, 2, new Object[] {Opcodes.UNINITIALIZED_THIS, Opcodes.INTEGER}, 1,
                new Object[] {Opcodes.UNINITIALIZED_THIS});
        mv.visitLdcInsn("second");
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/RuntimeException", "<init>", "(Ljava/lang/String;)V", false);
        mv.visitLabel(join);
        mv.visitFrame(Opcodes.F_NEW, 2, new Object[] {OWNER, Opcodes.INTEGER}, 0, new Object[0]);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(3, 2);
        mv.visitEnd();
        // A second constructor of the ordinary shape, so that the class is still instrumented.
        mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/RuntimeException", "<init>", "()V", false);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(1, 1);
        mv.visitEnd();
        byte[] original = finish(cw);

        ClassInstrumenter.Result r = instrumenter().instrument(original);
        assertThat(r.bytes).as("the ordinary constructor is instrumented").isNotNull();
        assertThat(gilCalls(r.bytes, "<init>(Z)V")).as("Gil calls in the constructor with two super() calls").isEmpty();
        assertThat(gilCalls(r.bytes, "<init>()V")).contains("enter");
        Class<?> c = load(r.bytes);
        assertThat(((RuntimeException) c.getConstructor(boolean.class).newInstance(true)).getMessage()).isEqualTo("first");
        assertThat(((RuntimeException) c.getConstructor(boolean.class).newInstance(false)).getMessage()).isEqualTo("second");
        assertThat(c.getConstructor().newInstance()).isNotNull();
    }

    /**
     * kotlinc: {@code for (i in lo..hi) s = s * 31 + i} compiles to a guard that falls into the loop's
     * header, a body, an exit on {@code i == hi} and the step (kotlinc's own bytecode, as {@code javap}
     * shows it); {@code step} progressions step by a local instead of {@code iinc}. Kotlin's most common
     * loop: before it was counted at its back-edge it kept a checkpoint at every back-edge and ran 2.5x
     * slower under the agent. The header is also the guard's jump target, so nothing may be put before
     * it.
     */
    @ParameterizedTest(name = "a jump from above into the header: {0}")
    @ValueSource(booleans = {false, true})
    void kotlincClosedRangeLoopIsCountedAtItsBackEdge(boolean jumpIntoHeader) throws Exception {
        ClassWriter cw = classWriter("java/lang/Object");
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "closed", "(II)J", null, null);
        mv.visitCode();
        Label header = new Label();
        Label exit = new Label();
        mv.visitInsn(Opcodes.LCONST_0);
        mv.visitVarInsn(Opcodes.LSTORE, 2);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitVarInsn(Opcodes.ISTORE, 4);
        Object[] locals = {Opcodes.INTEGER, Opcodes.INTEGER, Opcodes.LONG, Opcodes.INTEGER};
        if (jumpIntoHeader) {
            // A guard of its own for first == last, straight into the header (the loop's test then exits).
            Label guard = new Label();
            mv.visitVarInsn(Opcodes.ILOAD, 4);
            mv.visitVarInsn(Opcodes.ILOAD, 1);
            mv.visitJumpInsn(Opcodes.IF_ICMPEQ, header);
            mv.visitLabel(guard);
            mv.visitFrame(Opcodes.F_NEW, 4, locals, 0, new Object[0]);
        }
        mv.visitVarInsn(Opcodes.ILOAD, 4);
        mv.visitVarInsn(Opcodes.ILOAD, 1);
        mv.visitJumpInsn(Opcodes.IF_ICMPGT, exit);
        mv.visitLabel(header);
        mv.visitFrame(Opcodes.F_NEW, 4, locals, 0, new Object[0]);
        mv.visitVarInsn(Opcodes.LLOAD, 2);
        mv.visitLdcInsn(31L);
        mv.visitInsn(Opcodes.LMUL);
        mv.visitVarInsn(Opcodes.ILOAD, 4);
        mv.visitInsn(Opcodes.I2L);
        mv.visitInsn(Opcodes.LADD);
        mv.visitVarInsn(Opcodes.LSTORE, 2);
        mv.visitVarInsn(Opcodes.ILOAD, 4);
        mv.visitVarInsn(Opcodes.ILOAD, 1);
        mv.visitJumpInsn(Opcodes.IF_ICMPEQ, exit);
        mv.visitIincInsn(4, 1);
        mv.visitJumpInsn(Opcodes.GOTO, header);
        mv.visitLabel(exit);
        mv.visitFrame(Opcodes.F_NEW, 4, locals, 0, new Object[0]);
        mv.visitVarInsn(Opcodes.LLOAD, 2);
        mv.visitInsn(Opcodes.LRETURN);
        mv.visitMaxs(4, 5);
        mv.visitEnd();
        byte[] original = finish(cw);

        assertOneLoopCountedAtItsBackEdge(original, "closed(II)J");
        // Jumped into from above, the header keeps the count reset on the checkpoint's path: an outer
        // header before it would give the outer loop two entries.
        StripMinedLoop loop = MethodScan.scan(new ClassReader(original)).get("closed(II)J").loops().get(0);
        assertThat(loop.outerHeader()).as("outer header").isEqualTo(!jumpIntoHeader);
        byte[] rewritten = instrumenter().instrument(original).bytes;
        assertThat(StripMiningTest.backwardTargets(rewritten, "closed(II)J")).isEqualTo(jumpIntoHeader ? 1 : 2);
        Class<?> c = load(rewritten);
        Method m = c.getMethod("closed", int.class, int.class);
        Method plain = load(original).getMethod("closed", int.class, int.class);
        int max = Integer.MAX_VALUE;
        for (int[] range : new int[][] {{0, 100_000}, {5, 5}, {5, 4}, {max - 50_000, max}, {Integer.MIN_VALUE, Integer.MIN_VALUE + 70_000}}) {
            assertThat(m.invoke(null, range[0], range[1])).as("%d..%d", range[0], range[1])
                    .isEqualTo(plain.invoke(null, range[0], range[1]));
        }
    }

    /**
     * Two ways back to a header, the last a {@code goto} that is itself a jump target whose frame holds a
     * local the header's frame does not (a compiler that merges its branches at the {@code goto} back, as
     * javac does not): the other way back is latched to the last one's count-down, whose frame must be
     * the header's, so it cannot share the offset of that frame (a {@code VerifyError}, or ASM refusing a
     * second frame there).
     */
    @ParameterizedTest(name = "the odd way back steps twice: {0}")
    @ValueSource(booleans = {true, false})
    void aLatchedLoopWhoseLastGotoBackHasAFrameOfItsOwnVerifies(boolean oddStepsTwice) throws Exception {
        ClassWriter cw = classWriter("java/lang/Object");
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "oddEven", "(I)J", null, null);
        mv.visitCode();
        Label header = new Label();
        Label even = new Label();
        Label exit = new Label();
        mv.visitInsn(Opcodes.LCONST_0);
        mv.visitVarInsn(Opcodes.LSTORE, 1);
        mv.visitLabel(header);
        Object[] atHeader = {Opcodes.INTEGER, Opcodes.LONG};
        mv.visitFrame(Opcodes.F_NEW, 2, atHeader, 0, new Object[0]);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitJumpInsn(Opcodes.IFLE, exit);
        mv.visitIincInsn(0, -1);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitVarInsn(Opcodes.ISTORE, 3);
        mv.visitVarInsn(Opcodes.ILOAD, 3);
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitInsn(Opcodes.IAND);
        mv.visitJumpInsn(Opcodes.IFEQ, even);
        mv.visitVarInsn(Opcodes.LLOAD, 1);
        mv.visitVarInsn(Opcodes.ILOAD, 3);
        mv.visitInsn(Opcodes.I2L);
        mv.visitInsn(Opcodes.LADD);
        mv.visitVarInsn(Opcodes.LSTORE, 1);
        if (oddStepsTwice) mv.visitIincInsn(0, -1);
        mv.visitJumpInsn(Opcodes.GOTO, header);
        mv.visitLabel(even);
        mv.visitFrame(Opcodes.F_NEW, 3, new Object[] {Opcodes.INTEGER, Opcodes.LONG, Opcodes.INTEGER}, 0, new Object[0]);
        mv.visitJumpInsn(Opcodes.GOTO, header);
        mv.visitLabel(exit);
        mv.visitFrame(Opcodes.F_NEW, 2, atHeader, 0, new Object[0]);
        mv.visitVarInsn(Opcodes.LLOAD, 1);
        mv.visitInsn(Opcodes.LRETURN);
        mv.visitMaxs(4, 4);
        mv.visitEnd();
        byte[] original = finish(cw);

        // Stepped once on each way back, it is chunked on its counter, the odd branch's goto back kept as a way
        // back of its own; stepped twice on one, it is counted at its back-edge, that goto sent to the latch.
        List<StripMinedLoop> loops = MethodScan.scan(new ClassReader(original)).get("oddEven(I)J").loops();
        assertThat(loops).as("loops strip-mined").hasSize(1);
        assertThat(loops.get(0).countedAtBackEdge()).as("counted at its back-edge").isEqualTo(oddStepsTwice);
        assertThat(loops.get(0).latched()).as("the odd branch's goto back").hasSize(1);
        Method m = load(instrumenter().instrument(original).bytes).getMethod("oddEven", int.class);
        Method plain = load(original).getMethod("oddEven", int.class);
        for (int n : new int[] {0, 1, 2, 100_001, -4}) assertThat(m.invoke(null, n)).as("n=%d", n).isEqualTo(plain.invoke(null, n));
    }

    /**
     * Eclipse's compiler: a try-with-resources in a loop's body whose handler range goes on over the
     * loop's way back ({@code if (c == null) goto header; c.close(); goto header} inside the range of the
     * handler that adds suppressed exceptions; JGit's {@code MergedReftable$FilteringMergedRefCursor.next},
     * found by instrumenting every class of 282 jars). The handler's frame holds a local the header's
     * does not, so code added at the way back with the header's frame failed to verify. Built here with
     * a local {@code s} set in the body and the handler reading it: two ways back (latched), or one way
     * back after a call into the JDK (the chunk's end tests the call-site hint); and, as controls, which
     * stay mined: the same loops with the range ending before the last way back (javac's {@code continue}
     * inside a try block is the latched one), and with a handler that needs no local the header lacks
     * (javac's try block split around a {@code return}, as in Guava's caches).
     */
    @ParameterizedTest(name = "two ways back: {0}, the range over the last way back: {1}, the handler needs s: {2}")
    @CsvSource({"true, true, true", "false, true, true", "true, false, true", "false, false, true", "true, true, false",
        "false, true, false"})
    void aLoopWhoseWayBackIsInAHandlersRangeThatNeedsMoreLocalsVerifies(boolean latched, boolean rangeOverWayBack,
            boolean handlerNeedsS) throws Exception {
        ClassWriter cw = classWriter("java/lang/Object");
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "drain", "(I)I", null, null);
        mv.visitCode();
        Label header = new Label();
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label handler = new Label();
        Label exit = new Label();
        mv.visitTryCatchBlock(tryStart, tryEnd, handler, null);
        mv.visitLabel(header); // the method's first instruction, as in JGit's method
        Object[] atHeader = {Opcodes.INTEGER};
        Object[] inBody = {Opcodes.INTEGER, "java/lang/String"};
        mv.visitFrame(Opcodes.F_NEW, 1, atHeader, 0, new Object[0]);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitJumpInsn(Opcodes.IFLE, exit);
        mv.visitIincInsn(0, -1);
        mv.visitLdcInsn("s");
        mv.visitVarInsn(Opcodes.ASTORE, 1);
        mv.visitLabel(tryStart);
        if (latched) {
            mv.visitVarInsn(Opcodes.ILOAD, 0);
            mv.visitInsn(Opcodes.ICONST_1);
            mv.visitInsn(Opcodes.IAND);
            mv.visitJumpInsn(Opcodes.IFEQ, header);
        } else {
            mv.visitVarInsn(Opcodes.ILOAD, 0);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/String", "valueOf", "(I)Ljava/lang/String;", false);
            mv.visitVarInsn(Opcodes.ASTORE, 1);
        }
        if (!rangeOverWayBack) mv.visitLabel(tryEnd);
        mv.visitJumpInsn(Opcodes.GOTO, header);
        if (rangeOverWayBack) mv.visitLabel(tryEnd);
        mv.visitLabel(handler);
        Object[] atHandler = handlerNeedsS ? inBody : atHeader;
        mv.visitFrame(Opcodes.F_NEW, atHandler.length, atHandler, 1, new Object[] {"java/lang/Throwable"});
        if (handlerNeedsS) {
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitInsn(Opcodes.POP);
        }
        mv.visitInsn(Opcodes.ATHROW);
        mv.visitLabel(exit);
        mv.visitFrame(Opcodes.F_NEW, 1, atHeader, 0, new Object[0]);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(2, 2);
        mv.visitEnd();
        byte[] original = finish(cw);

        List<StripMinedLoop> loops = MethodScan.scan(new ClassReader(original)).get("drain(I)I").loops();
        boolean kept = rangeOverWayBack && handlerNeedsS;
        assertThat(loops).as("loops mined").hasSize(kept ? 0 : 1);
        byte[] instrumented = instrumenter().instrument(original).bytes;
        if (kept) assertThat(gilCalls(instrumented, "drain")).as("the ways back keep checkpoints").contains("checkpoint");
        Method m = load(instrumented).getMethod("drain", int.class);
        for (int n : new int[] {0, 1, 7, 100_001}) assertThat(m.invoke(null, n)).as("n=%d", n).isEqualTo(0);
    }

    /**
     * A try block that ends at a counted loop's header, whose handler needs a local the header's frame
     * does not hold: the outer header the chunks need goes just before the header, inside that block.
     * Such a loop keeps its checkpoint instead (the control: the same loop with the block ending one
     * instruction earlier is mined).
     */
    @ParameterizedTest(name = "the try block ends at the header: {0}")
    @ValueSource(booleans = {true, false})
    void aTryBlockEndingAtACountedLoopsHeaderVerifies(boolean endsAtHeader) throws Exception {
        ClassWriter cw = classWriter("java/lang/Object");
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "count", "(I)I", null, null);
        mv.visitCode();
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label header = new Label();
        Label handler = new Label();
        Label exit = new Label();
        mv.visitTryCatchBlock(tryStart, endsAtHeader ? header : tryEnd, handler, null);
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitVarInsn(Opcodes.ISTORE, 1);
        mv.visitLdcInsn("s");
        mv.visitVarInsn(Opcodes.ASTORE, 2);
        mv.visitLabel(tryStart);
        mv.visitVarInsn(Opcodes.ALOAD, 2);
        mv.visitLabel(tryEnd);
        mv.visitInsn(Opcodes.POP);
        mv.visitLabel(header);
        Object[] atHeader = {Opcodes.INTEGER, Opcodes.INTEGER};
        mv.visitFrame(Opcodes.F_NEW, 2, atHeader, 0, new Object[0]);
        mv.visitVarInsn(Opcodes.ILOAD, 1);
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitJumpInsn(Opcodes.IF_ICMPGE, exit);
        mv.visitIincInsn(1, 1);
        mv.visitJumpInsn(Opcodes.GOTO, header);
        mv.visitLabel(exit);
        mv.visitFrame(Opcodes.F_NEW, 2, atHeader, 0, new Object[0]);
        mv.visitVarInsn(Opcodes.ILOAD, 1);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitLabel(handler);
        mv.visitFrame(Opcodes.F_NEW, 3, new Object[] {Opcodes.INTEGER, Opcodes.INTEGER, "java/lang/String"}, 1,
                new Object[] {"java/lang/Throwable"});
        mv.visitInsn(Opcodes.ATHROW);
        mv.visitMaxs(2, 3);
        mv.visitEnd();
        byte[] original = finish(cw);

        assertThat(MethodScan.scan(new ClassReader(original)).get("count(I)I").loops()).as("loops mined").hasSize(endsAtHeader ? 0 : 1);
        Method m = load(instrumenter().instrument(original).bytes).getMethod("count", int.class);
        for (int n : new int[] {0, 1, 100_001}) assertThat(m.invoke(null, n)).as("n=%d", n).isEqualTo(n);
    }

    /** The method has one strip-mined loop, counted at its back-edge rather than by a counter. */
    private static void assertOneLoopCountedAtItsBackEdge(byte[] classFile, String method) {
        List<StripMinedLoop> loops = MethodScan.scan(new ClassReader(classFile)).get(method).loops();
        assertThat(loops).as(method + ": loops strip-mined").hasSize(1);
        assertThat(loops.get(0).countedAtBackEdge()).as(method + ": counted at its back-edge").isTrue();
    }

    private static ClassWriter classWriter(String superName) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, OWNER, null, superName, null);
        return cw;
    }

    private static byte[] finish(ClassWriter cw) {
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** The names of the Gil methods a method calls; {@code method} is a name, or a name and descriptor. */
    static List<String> gilCalls(byte[] bytes, String method) {
        List<String> out = new ArrayList<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int acc, String n, String d, String s, String[] e) {
                if (!method.equals(n) && !method.equals(n + d)) return null;
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String m, String desc, boolean itf) {
                        if (owner.equals(GilMethodVisitor.GIL)) out.add(m);
                    }
                };
            }
        }, 0);
        return out;
    }

    private static Class<?> load(byte[] bytes) {
        return new ClassLoader(ForeignBytecodeShapesTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(OWNER.replace('/', '.'), bytes, 0, bytes.length);
            }
        }.define();
    }
}
