package io.gil4j.agent.instrument;

import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Wraps methods of a JDK class that block in a release of the GIL, {@code Py_BEGIN/END_ALLOW_THREADS}:
 * <pre>{@code
 * boolean released = Gil.beginBlocking("java.lang.Thread.sleep", KIND_SLEEP);
 * try { ...the method's own body... } finally { Gil.endBlocking(released); }
 * }</pre>
 * The same wrapping as {@code release=} methods get ({@link GilMethodVisitor}'s RELEASE role), method
 * bodies only (no new members), so it composes with JFR's own instrumentation of the same classes and
 * can be retransformed into classes that are already loaded. Natives and abstract methods have no body
 * and are left alone.
 *
 * <p>Why not ByteBuddy's Advice, which did this before: its parsing and its agent builder cost 0.6 s of
 * every JVM's start-up on the project's 2-core machines; this costs a few milliseconds per class.
 */
public final class BlockingMethodWeaver {
    private BlockingMethodWeaver() { }

    /**
     * The class with every non-native method whose name is a key of {@code kindByMethod} wrapped, or
     * null if there is none.
     *
     * @param kindByMethod method name to {@code GilReasons.KIND_*}
     */
    public static byte[] weave(byte[] original, Map<String, Integer> kindByMethod) {
        ClassReader reader = new ClassReader(original);
        Map<String, MethodScan.Facts> facts = MethodScan.scan(reader, kindByMethod::containsKey, owner -> true);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                throw new IllegalStateException("frame computation needed for " + type1 + " and " + type2);
            }
        };
        int[] woven = {0};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private String point;

            @Override
            public void visit(int version, int access, String name, String sig, String superName, String[] ifs) {
                super.visit(version, access, name, sig, superName, ifs);
                point = name.replace('/', '.') + ".";
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                MethodVisitor mv = super.visitMethod(access, name, desc, sig, ex);
                Integer kind = kindByMethod.get(name);
                if (kind == null || (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) return mv;
                MethodScan.Facts method = facts.get(name + desc);
                if (method == null || method.leftAlone()) return mv;
                woven[0]++;
                return new GilMethodVisitor(mv, GilMethodVisitor.Role.RELEASE, name, method.maxLocals(), false, false, List.of(),
                        null, point + name, kind, null, true);
            }
        }, ClassReader.EXPAND_FRAMES);
        return woven[0] == 0 ? null : writer.toByteArray();
    }
}
