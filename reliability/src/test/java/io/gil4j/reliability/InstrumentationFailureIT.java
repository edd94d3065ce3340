package io.gil4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.testkit.ChildJvm;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class the agent cannot transform is left as it was, reported once on stderr ({@code gil4j: ...}
 * naming it) and as a {@code gil.InstrumentationError} event, and the program runs on. The classes
 * are generated here with the ASM bundled in ByteBuddy:
 * <ul>
 * <li>{@code Huge.compute}: about 63 KiB of bytecode, 9,000 calls into uninstrumented code
 *     ({@code outside.Rot}, not a {@code ShortCalls} JDK method, which gets no checkpoint); the
 *     checkpoint after each call pushes it past the 64 KiB limit;
 * <li>{@code Long.compute}: a long method (5,000 calls, 35 KiB) that still fits: instrumented, same result;
 * <li>{@code Jsr.compute}: a class file version 49 method using JSR/RET (which the agent does not rewrite).
 * </ul>
 * {@code io.gil4j.reliability.work.Generated} calls them and prints their results.
 */
class InstrumentationFailureIT {
    static final String PKG = "io/gil4j/reliability/work/gen/";
    /** Not included: calls to it are calls into uninstrumented code, each followed by a checkpoint. */
    static final String OUTSIDE = "io/gil4j/reliability/outside/Rot";

    /** {@code public static long rotateLeft(long, int)}, as Long's, in a package the agent leaves alone. */
    static byte[] outsideRot() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, OUTSIDE, null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "rotateLeft", "(JI)J", null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.LLOAD, 0);
        mv.visitVarInsn(Opcodes.ILOAD, 2);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Long", "rotateLeft", "(JI)J", false);
        mv.visitInsn(Opcodes.LRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code static long compute()}: acc = Rot.rotateLeft(acc, k), calls times. */
    static byte[] callChain(String name, int calls) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, PKG + name, null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "compute", "()J", null, null);
        mv.visitCode();
        mv.visitLdcInsn(1L);
        mv.visitVarInsn(Opcodes.LSTORE, 0);
        for (int i = 0; i < calls; i++) {
            mv.visitVarInsn(Opcodes.LLOAD, 0);                 // 1 byte
            mv.visitIntInsn(Opcodes.BIPUSH, (i % 63) + 1);      // 2
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, OUTSIDE, "rotateLeft", "(JI)J", false); // 3
            mv.visitVarInsn(Opcodes.LSTORE, 0);                // 1
        }
        mv.visitVarInsn(Opcodes.LLOAD, 0);
        mv.visitInsn(Opcodes.LRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        // a second, small method that is instrumented normally
        mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "small", "()J", null, null);
        mv.visitCode();
        mv.visitLdcInsn(7L);
        mv.visitInsn(Opcodes.LRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Version 49 class: {@code static long compute(long n)} with a loop and a JSR/RET subroutine (a finally block, javac 1.4 style). */
    static byte[] jsr() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V1_5, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, PKG + "Jsr", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "compute", "(J)J", null, null);
        mv.visitCode();
        // locals: 0-1 n, 2-3 acc, 4-5 i, 6 return address
        Label sub = new Label();
        Label loop = new Label();
        Label end = new Label();
        mv.visitInsn(Opcodes.LCONST_0);
        mv.visitVarInsn(Opcodes.LSTORE, 2);
        mv.visitInsn(Opcodes.LCONST_0);
        mv.visitVarInsn(Opcodes.LSTORE, 4);
        mv.visitLabel(loop);
        mv.visitVarInsn(Opcodes.LLOAD, 4);
        mv.visitVarInsn(Opcodes.LLOAD, 0);
        mv.visitInsn(Opcodes.LCMP);
        mv.visitJumpInsn(Opcodes.IFGE, end);
        mv.visitJumpInsn(Opcodes.JSR, sub);
        mv.visitVarInsn(Opcodes.LLOAD, 4);
        mv.visitInsn(Opcodes.LCONST_1);
        mv.visitInsn(Opcodes.LADD);
        mv.visitVarInsn(Opcodes.LSTORE, 4);
        mv.visitJumpInsn(Opcodes.GOTO, loop);
        mv.visitLabel(end);
        mv.visitVarInsn(Opcodes.LLOAD, 2);
        mv.visitInsn(Opcodes.LRETURN);
        mv.visitLabel(sub);                     // acc = acc * 31 + i
        mv.visitVarInsn(Opcodes.ASTORE, 6);
        mv.visitVarInsn(Opcodes.LLOAD, 2);
        mv.visitLdcInsn(31L);
        mv.visitInsn(Opcodes.LMUL);
        mv.visitVarInsn(Opcodes.LLOAD, 4);
        mv.visitInsn(Opcodes.LADD);
        mv.visitVarInsn(Opcodes.LSTORE, 2);
        mv.visitVarInsn(Opcodes.RET, 6);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    @Test
    void untransformableClassesRunAsTheyWereAndAreReported(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("classes").resolve(PKG);
        Files.createDirectories(dir);
        byte[] huge = callChain("Huge", 9_000);
        assertThat(huge.length).isLessThan(70_000);
        Files.write(dir.resolve("Huge.class"), huge);
        Files.write(dir.resolve("Long.class"), callChain("Long", 5_000));
        Files.write(dir.resolve("Jsr.class"), jsr());
        Path outside = tmp.resolve("classes").resolve(OUTSIDE + ".class");
        Files.createDirectories(outside.getParent());
        Files.write(outside, outsideRot());
        String cp = tmp.resolve("classes") + File.pathSeparator + Child.CLASSPATH;
        String main = "io.gil4j.reliability.work.Generated";

        for (String java : Child.javas()) {
            ChildJvm.Result base = Child.java(java).classpath(cp).main(main).timeout(60).run().ok();
            assertThat(base.stdout).contains("huge=", "long=", "jsr=", "others=");
            Path jfr = tmp.resolve("gen-" + Child.feature(java) + ".jfr");
            ChildJvm.Result r = Child.java(java).classpath(cp).agent(Child.AGENT, Child.WORK + ",interval=1ms,jfr=" + jfr)
                    .main(main).timeout(120).run().ok();
            assertThat(r.stdout).as("%s", r).isEqualTo(base.stdout);
            List<String> lines = r.stderr.lines().filter(l -> l.startsWith("gil4j:")).toList();
            assertThat(lines).as("%s", r).hasSize(1);
            assertThat(lines.get(0)).contains("io.gil4j.reliability.work.gen.Huge");
            assertThat(r.stderr).doesNotContain("gen.Long");
            String events = Child.jfrPrint(jfr, "gil.InstrumentationError");
            assertThat(events).as("gil.InstrumentationError events in %s", jfr).contains("io.gil4j.reliability.work.gen.Huge");
            assertThat(events.split("gil.InstrumentationError", -1).length - 1).as(events).isEqualTo(1);
        }
    }
}
