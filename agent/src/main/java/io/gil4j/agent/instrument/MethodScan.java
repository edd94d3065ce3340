package io.gil4j.agent.instrument;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * A first, read-only pass over a class: per method, its {@code maxLocals} (the first slot the
 * instrumentation may use), whether it uses JSR/RET (pre-Java-6 subroutines, left alone), and
 * whether it is a leaf, and which of its loops can be {@link StripMinedLoop strip-mined} (frames are
 * expanded for that: the outer loop's header needs the inner header's frame).
 *
 * <p>A leaf has no backward jump and calls nothing but {@link ShortCalls}: it runs for a bounded,
 * short time, so it needs no checkpoint of its own at entry; its caller's next checkpoint serves
 * (CPython's eval breaker is likewise checked at jumps and calls, not inside every instruction run).
 */
final class MethodScan {
    static final int USES_JSR = -1;

    /** What the rewriting pass needs to know about one method. */
    record Facts(int maxLocals, boolean leaf, List<StripMinedLoop> loops) {
        boolean usesJsr() { return maxLocals == USES_JSR; }
    }

    private MethodScan() { }

    /** Key {@code name + desc} to the method's facts. */
    static Map<String, Facts> scan(ClassReader reader) {
        return scan(reader, name -> true);
    }

    /** Only the methods whose name {@code wanted} accepts: the others' code is not even read. */
    static Map<String, Facts> scan(ClassReader reader, java.util.function.Predicate<String> wanted) {
        Map<String, Facts> out = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                if (!wanted.test(name)) return null;
                String key = name + desc;
                LoopFinder loops = new LoopFinder();
                return new MethodVisitor(Opcodes.ASM9, loops) {
                    final Set<Label> seen = Collections.newSetFromMap(new IdentityHashMap<>());
                    boolean jsr;
                    boolean leaf = true;

                    @Override
                    public void visitLabel(Label label) {
                        super.visitLabel(label);
                        seen.add(label);
                    }

                    @Override
                    public void visitJumpInsn(int opcode, Label label) {
                        super.visitJumpInsn(opcode, label);
                        if (opcode == Opcodes.JSR) jsr = true;
                        if (seen.contains(label)) leaf = false;
                    }

                    @Override
                    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
                        super.visitTableSwitchInsn(min, max, dflt, labels);
                        backwards(dflt, labels);
                    }

                    @Override
                    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
                        super.visitLookupSwitchInsn(dflt, keys, labels);
                        backwards(dflt, labels);
                    }

                    private void backwards(Label dflt, Label[] labels) {
                        if (seen.contains(dflt)) leaf = false;
                        for (Label l : labels) if (seen.contains(l)) leaf = false;
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                        super.visitMethodInsn(opcode, owner, name, desc, itf);
                        if (!ShortCalls.isShort(owner, name)) leaf = false;
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... args) {
                        super.visitInvokeDynamicInsn(name, desc, bsm, args);
                        leaf = false;
                    }

                    @Override
                    public void visitVarInsn(int opcode, int var) {
                        super.visitVarInsn(opcode, var);
                        if (opcode == Opcodes.RET) jsr = true;
                    }

                    @Override
                    public void visitMaxs(int maxStack, int maxLocals) {
                        out.put(key, new Facts(jsr ? USES_JSR : maxLocals, leaf, jsr ? List.of() : loops.loops()));
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.EXPAND_FRAMES);
        return out;
    }
}
