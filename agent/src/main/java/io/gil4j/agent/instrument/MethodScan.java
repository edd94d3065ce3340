package io.gil4j.agent.instrument;

import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * A first, read-only pass over a class: each method's {@code maxLocals} (the first slot the
 * instrumentation may use) and whether it uses JSR/RET (pre-Java-6 subroutines, left alone).
 */
final class MethodScan {
    static final int USES_JSR = -1;

    private MethodScan() { }

    /** Key {@code name + desc} to maxLocals, or {@link #USES_JSR}. */
    static Map<String, Integer> scan(ClassReader reader) {
        Map<String, Integer> out = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                String key = name + desc;
                return new MethodVisitor(Opcodes.ASM9) {
                    boolean jsr;

                    @Override
                    public void visitJumpInsn(int opcode, net.bytebuddy.jar.asm.Label label) {
                        if (opcode == Opcodes.JSR) jsr = true;
                    }

                    @Override
                    public void visitVarInsn(int opcode, int var) {
                        if (opcode == Opcodes.RET) jsr = true;
                    }

                    @Override
                    public void visitMaxs(int maxStack, int maxLocals) {
                        out.put(key, jsr ? USES_JSR : maxLocals);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return out;
    }
}
