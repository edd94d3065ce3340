package io.gil4j.agent.instrument;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The entry of a method with loops: a test with no call in it, and a slow path that never flows
 * back into the method's own code on the common way through.
 *
 * <p>Why: {@code Gil.enter()} is inlined into every instrumented method, slow path included. That
 * path is a call (its shared profile has seen threads come in from outside), and it joins the
 * method's code again after the call. JDK 25's C2 then keeps the method's arguments in stack slots
 * for the rest of the method: the corpus's {@code matmul} reloaded both of its arrays from the stack
 * at every step of its inner loop and ran 1.3x slower for that alone (BENCHMARKS.md, "Entry calls
 * and spilled loops"). A method with loops runs long enough per call that this costs more than the
 * entry itself. So such a method starts:
 * <pre>
 *     if (!Gil.holdsClear()) goto SLOW            // owner is this thread and the breaker is quiet
 *     flag = false
 * B:  ... the method's code, as {@link GilMethodVisitor} instruments it ...
 * SLOW:
 *     flag = Gil.enter()                          // take the GIL, or honour the pending request
 *     if (!Gil.holdsClear()) goto M
 *     try { return m(args); }                     // the same method, non-virtually: takes the fast way
 *     finally { Gil.exit(flag); }
 * M:  goto B                                      // rare: mode=off beside other threads, a new request
 * </pre>
 * The JIT sees the merge at {@code M} only if it was ever taken there; otherwise the slow way ends in
 * the call of the method itself and the fast way carries no call at all.
 *
 * <p>What users see: a thread that comes into such a method without the GIL has the method twice at
 * that point of its stack (the outer frame at the method's first line). The self-call cannot loop:
 * when the test fails again after {@code Gil.enter()}, the slow way goes to {@code M}.
 *
 * <p>Not for constructors (an object is initialized once), class initializers, {@code throughput=}
 * methods (their token is taken in the prologue), leaves, or class files without stack-map frames.
 */
final class SelfCallEntry {
    private final String owner;
    private final boolean ownerIsInterface;
    private final boolean isStatic;
    private final String name;
    private final String desc;
    private final Object[] initialLocals;

    private final Label slow = new Label();
    private final Label body = new Label();
    private final Label merge = new Label();
    final Label tryStart = new Label();
    final Label tryEnd = new Label();
    private int firstLine = -1;

    SelfCallEntry(String owner, boolean ownerIsInterface, int access, String name, String desc) {
        this.owner = owner;
        this.ownerIsInterface = ownerIsInterface;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.name = name;
        this.desc = desc;
        List<Object> locals = new ArrayList<>();
        if (!isStatic) locals.add(owner);
        for (Type t : Type.getArgumentTypes(desc)) locals.add(frameType(t));
        this.initialLocals = locals.toArray();
    }

    /** Whether the method may enter this way (see the class comment). */
    static boolean applies(int access, String name, boolean backEdge, boolean throughput, boolean frames) {
        return backEdge && frames && !throughput && !name.startsWith("<")
                && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0;
    }

    void line(int line) {
        if (firstLine < 0) firstLine = line;
    }

    /** The method's start: the test, then the flag cleared; the method's own code follows. */
    void emitTest(MethodVisitor mv, String gil, int flagLocal) {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, gil, "holdsClear", "()Z", false);
        mv.visitJumpInsn(Opcodes.IFEQ, slow);
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitVarInsn(Opcodes.ISTORE, flagLocal);
        mv.visitLabel(body);
        mv.visitFrame(Opcodes.F_NEW, withFlag(flagLocal).length, withFlag(flagLocal), 0, new Object[0]);
        mv.visitInsn(Opcodes.NOP); // the method's own first frame may sit at its first instruction
    }

    /** After the method's code and its catch-all handler: the slow way in. */
    void emitSlowPath(MethodVisitor mv, String gil, int flagLocal) {
        mv.visitLabel(slow);
        mv.visitFrame(Opcodes.F_NEW, initialLocals.length, initialLocals, 0, new Object[0]);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, gil, "enter", "()Z", false);
        mv.visitVarInsn(Opcodes.ISTORE, flagLocal);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, gil, "holdsClear", "()Z", false);
        mv.visitJumpInsn(Opcodes.IFEQ, merge);
        mv.visitLabel(tryStart);
        if (firstLine >= 0) mv.visitLineNumber(firstLine, tryStart);
        int slot = 0;
        if (!isStatic) {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            slot = 1;
        }
        for (Type t : Type.getArgumentTypes(desc)) {
            mv.visitVarInsn(t.getOpcode(Opcodes.ILOAD), slot);
            slot += t.getSize();
        }
        if (isStatic) {
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, name, desc, ownerIsInterface);
        } else {
            // Non-virtual: an override in a subclass must not run in place of this method's own code.
            mv.visitMethodInsn(Opcodes.INVOKESPECIAL, owner, name, desc, ownerIsInterface);
        }
        mv.visitLabel(tryEnd);
        mv.visitVarInsn(Opcodes.ILOAD, flagLocal);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, gil, "exit", "(Z)V", false);
        mv.visitInsn(Type.getReturnType(desc).getOpcode(Opcodes.IRETURN));
        mv.visitLabel(merge);
        mv.visitFrame(Opcodes.F_NEW, withFlag(flagLocal).length, withFlag(flagLocal), 0, new Object[0]);
        mv.visitJumpInsn(Opcodes.GOTO, body);
    }

    private Object[] withFlag(int flagLocal) {
        return FrameLocals.withAdded(initialLocals, initialLocals.length, flagLocal, new Object[] {Opcodes.INTEGER});
    }

    private static Object frameType(Type t) {
        switch (t.getSort()) {
            case Type.BOOLEAN: case Type.BYTE: case Type.CHAR: case Type.SHORT: case Type.INT: return Opcodes.INTEGER;
            case Type.LONG: return Opcodes.LONG;
            case Type.DOUBLE: return Opcodes.DOUBLE;
            case Type.FLOAT: return Opcodes.FLOAT;
            default: return t.getInternalName();
        }
    }
}
