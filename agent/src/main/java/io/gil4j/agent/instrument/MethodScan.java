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
 * instrumentation may use), whether it is left alone (it uses JSR/RET, pre-Java-6 subroutines; or it
 * is a constructor that calls {@code super()} on several branches, as Groovy's do), whether it is a
 * leaf, and which of its loops can be {@link StripMinedLoop strip-mined} (frames are expanded for
 * that: the outer loop's header needs the inner header's frame).
 *
 * <p>A leaf has no backward jump and calls nothing but {@link ShortCalls}: it runs for a bounded,
 * short time, so it needs no checkpoint of its own at entry; its caller's next checkpoint serves
 * (CPython's eval breaker is likewise checked at jumps and calls, not inside every instruction run).
 */
final class MethodScan {
    static final int LEFT_ALONE = -1;

    /**
     * What the rewriting pass needs to know about one method.
     *
     * @param callsInstrumented it calls a method of a class the agent instruments (its own included): it may
     *                          take part in a recursion that runs no other of its checks
     * @param callsIntoQuietLoops instruction indices of calls that need no check after them
     *                            ({@link LoopFinder#callsIntoQuietLoops})
     * @param instructions how many instructions the method has ({@link HeldCopies}' size limit)
     */
    record Facts(int maxLocals, boolean leaf, List<StripMinedLoop> loops, boolean callsInstrumented,
                 int[] callsIntoQuietLoops, int instructions) {
        /** Not rewritten at all: a JSR method, or a constructor with several {@code super()} branches. */
        boolean leftAlone() { return maxLocals == LEFT_ALONE; }
    }

    private MethodScan() { }

    /** Key {@code name + desc} to the method's facts; every call outside the JDK counts as one to instrumented code. */
    static Map<String, Facts> scan(ClassReader reader) {
        return scan(reader, name -> true, owner -> true);
    }

    /**
     * Only the methods whose name {@code wanted} accepts: the others' code is not even read.
     *
     * @param instrumented whether the agent instruments a class (internal name), for {@link Facts#callsInstrumented}
     */
    static Map<String, Facts> scan(ClassReader reader, java.util.function.Predicate<String> wanted,
                                   java.util.function.Predicate<String> instrumented) {
        Map<String, Facts> out = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            boolean frameless;

            @Override
            public void visit(int version, int access, String name, String sig, String superName, String[] ifs) {
                frameless = !FrameLocals.hasFrames(version);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                if (!wanted.test(name)) return null;
                String key = name + desc;
                LoopFinder loops = new LoopFinder(frameless);
                return new MethodVisitor(Opcodes.ASM9, loops) {
                    final Set<Label> seen = Collections.newSetFromMap(new IdentityHashMap<>());
                    final boolean ctor = name.equals("<init>");
                    boolean jsr;
                    boolean leaf = true;
                    boolean callsInstrumented;
                    final SuperCall superCall = new SuperCall(ctor);
                    /**
                     * A frame after the first {@code super()} call still holds an uninitialized {@code this}:
                     * another branch initializes it (Groovy picks its super constructor at run time), and
                     * the entry, placed after the first call, would not be on that branch's path.
                     */
                    boolean initOnSeveralBranches;

                    @Override
                    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
                        super.visitFrame(type, numLocal, local, numStack, stack);
                        if (!ctor || !superCall.found()) return;
                        for (int i = 0; i < numLocal; i++) {
                            if (local[i] == Opcodes.UNINITIALIZED_THIS) initOnSeveralBranches = true;
                        }
                        for (int i = 0; i < numStack; i++) {
                            if (stack[i] == Opcodes.UNINITIALIZED_THIS) initOnSeveralBranches = true;
                        }
                    }

                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        super.visitTypeInsn(opcode, type);
                        superCall.typeInsn(opcode);
                    }

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
                        // The filter matches patterns: not asked again once a call is found, nor for the JDK.
                        if (!callsInstrumented && !ClassFilter.isForbidden(owner) && instrumented.test(owner)) {
                            callsInstrumented = true;
                        }
                        superCall.isIt(opcode, name);
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
                        boolean alone = jsr || initOnSeveralBranches;
                        List<StripMinedLoop> mined = alone ? List.of() : loops.loops();
                        out.put(key, new Facts(alone ? LEFT_ALONE : maxLocals, leaf, mined, callsInstrumented,
                                loops.callsIntoQuietLoops(mined), loops.instructions()));
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.EXPAND_FRAMES);
        return out;
    }
}
