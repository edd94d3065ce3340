package io.gil4j.agent.instrument;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Rewrites one method so that it runs under the GIL ({@link Role#GIL}) or releases it for its whole
 * duration ({@link Role#RELEASE}, the {@code release=} option: "this extension releases the GIL").
 *
 * <p>What it emits, and why it needs no frame computation:
 * <ul>
 * <li>a prologue {@code flag = Gil.enter()} ({@code enterLeaf()} for a {@link MethodScan leaf}) stored in a new local at index {@code maxLocals} of the
 *     original method, so it can never collide with a local of the method (constructors: right after
 *     the {@code super()/this()} call, because nothing may touch an uninitialized {@code this} range);</li>
 * <li>{@code Gil.exit(flag)} before every return, and one catch-all handler appended after the code
 *     that does the same and rethrows. The handler is registered after the method's own handlers, so
 *     they keep precedence; its frame is all TOP but the flag, which every path into it satisfies;</li>
 * <li>every existing frame after the prologue gets the flag (and the operation token) appended, so the
 *     verifier knows the flag is an int wherever it is read; frames before it are left as they are;</li>
 * <li>{@code Gil.checkpoint()} before backward jumps and after calls into uninstrumented code (but
 *     not after {@link ShortCalls}); static
 *     calls with no arguments and no result, so no frame and no stack change is needed;</li>
 * <li>blocking JDK calls rerouted to {@code Blocking}: same stack shape, different target.</li>
 * </ul>
 * Class initializers get {@code enterClinit/exitClinit} and no checkpoints: a drop request inside a
 * class initializer would let another thread take the GIL and then block on the class's init lock.
 */
final class GilMethodVisitor extends MethodVisitor {

    enum Role { GIL, RELEASE }

    static final String GIL = "io/gil4j/bootstrap/Gil";
    static final int KIND_USER = 4; // GilReasons.KIND_USER; not referenced to keep the bootstrap class unloaded

    private final Role role;
    private final boolean clinit;
    private final boolean ctor;
    private final int flagLocal;
    private final boolean leaf;
    private final String operationName;
    private final String releasePoint;
    private final ClassFilter filter;
    private final boolean emitFrames;

    private final Label bodyStart = new Label();
    private final Label bodyEnd = new Label();
    private final Label handler = new Label();
    private final Set<Label> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean codeStarted;
    private boolean prologueDone;
    private boolean superCalled;
    private int pendingNews;

    GilMethodVisitor(MethodVisitor mv, Role role, String name, int flagLocal, boolean leaf, String operationName,
                     String releasePoint, ClassFilter filter, boolean emitFrames) {
        super(Opcodes.ASM9, mv);
        this.role = role;
        this.clinit = name.equals("<clinit>");
        this.ctor = name.equals("<init>");
        this.flagLocal = flagLocal;
        this.leaf = leaf;
        this.operationName = operationName;
        this.releasePoint = releasePoint;
        this.filter = filter;
        this.emitFrames = emitFrames;
        this.superCalled = !ctor;
    }

    private boolean checkpoints() {
        return role == Role.GIL && !clinit;
    }

    private void startCode() {
        if (codeStarted) return;
        codeStarted = true;
        // The method's own try/catch entries were all visited before its first instruction, so this
        // catch-all lands last in the exception table: inner handlers keep precedence.
        super.visitTryCatchBlock(bodyStart, bodyEnd, handler, null);
        if (!ctor) prologue();
    }

    private void prologue() {
        if (role == Role.RELEASE) {
            super.visitLdcInsn(releasePoint);
            super.visitIntInsn(Opcodes.BIPUSH, KIND_USER);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, GIL, "beginBlocking", "(Ljava/lang/String;I)Z", false);
        } else {
            String enter = clinit ? "enterClinit" : leaf ? "enterLeaf" : "enter";
            super.visitMethodInsn(Opcodes.INVOKESTATIC, GIL, enter, "()Z", false);
        }
        super.visitVarInsn(Opcodes.ISTORE, flagLocal);
        if (operationName != null) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, GIL, "operationBegin", "()Ljava/lang/Object;", false);
            super.visitVarInsn(Opcodes.ASTORE, flagLocal + 1);
        }
        super.visitLabel(bodyStart);
        prologueDone = true;
    }

    private void epilogue(boolean normalReturn) {
        if (normalReturn && operationName != null) {
            super.visitVarInsn(Opcodes.ALOAD, flagLocal + 1);
            super.visitLdcInsn(operationName);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, GIL, "operationEnd", "(Ljava/lang/Object;Ljava/lang/String;)V", false);
        }
        super.visitVarInsn(Opcodes.ILOAD, flagLocal);
        String exit = role == Role.RELEASE ? "endBlocking" : clinit ? "exitClinit" : "exit";
        super.visitMethodInsn(Opcodes.INVOKESTATIC, GIL, exit, "(Z)V", false);
    }

    private void checkpoint() {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, GIL, "checkpoint", "()V", false);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        startCode();
        if (prologueDone && type == Opcodes.F_NEW) {
            Object[] extended = FrameLocals.withFlag(local, numLocal, flagLocal, operationName != null);
            super.visitFrame(type, extended.length, extended, numStack, stack);
        } else {
            super.visitFrame(type, numLocal, local, numStack, stack);
        }
    }

    @Override
    public void visitLabel(Label label) {
        startCode();
        super.visitLabel(label);
        visited.add(label);
    }

    @Override
    public void visitInsn(int opcode) {
        startCode();
        if (prologueDone && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) epilogue(true);
        super.visitInsn(opcode);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        startCode();
        if (checkpoints() && visited.contains(label)) checkpoint();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        startCode();
        if (checkpoints() && anyVisited(dflt, labels)) checkpoint();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        startCode();
        if (checkpoints() && anyVisited(dflt, labels)) checkpoint();
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    private boolean anyVisited(Label dflt, Label[] labels) {
        if (visited.contains(dflt)) return true;
        for (Label l : labels) if (visited.contains(l)) return true;
        return false;
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
        startCode();
        if (!superCalled && opcode == Opcodes.INVOKESPECIAL && name.equals("<init>")) {
            super.visitMethodInsn(opcode, owner, name, desc, itf);
            if (pendingNews > 0) {
                pendingNews--; // the constructor of an argument, e.g. super(new Foo())
            } else {
                superCalled = true;
                prologue();
            }
            return;
        }
        if (role == Role.GIL && prologueDone) {
            String replacement = BlockingCallSites.replacement(opcode, owner, name, desc);
            if (replacement != null) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, BlockingCallSites.BLOCKING, name, replacement, false);
                return;
            }
        }
        super.visitMethodInsn(opcode, owner, name, desc, itf);
        if (checkpoints() && !filter.instruments(owner) && !ShortCalls.isShort(owner, name)) checkpoint();
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        startCode();
        if (!superCalled && opcode == Opcodes.NEW) pendingNews++;
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
        startCode();
        super.visitVarInsn(opcode, var);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        startCode();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String desc) {
        startCode();
        super.visitFieldInsn(opcode, owner, name, desc);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String desc, net.bytebuddy.jar.asm.Handle bsm, Object... args) {
        startCode();
        super.visitInvokeDynamicInsn(name, desc, bsm, args);
    }

    @Override
    public void visitLdcInsn(Object value) {
        startCode();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int var, int increment) {
        startCode();
        super.visitIincInsn(var, increment);
    }

    @Override
    public void visitMultiANewArrayInsn(String desc, int dims) {
        startCode();
        super.visitMultiANewArrayInsn(desc, dims);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        startCode();
        super.visitLineNumber(line, start);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (!prologueDone) {
            throw new IllegalStateException("no super() call found in a constructor; method left as is");
        }
        super.visitLabel(bodyEnd);
        super.visitLabel(handler);
        if (emitFrames) {
            super.visitFrame(Opcodes.F_NEW, flagLocal + 1, FrameLocals.handlerLocals(flagLocal), 1,
                    new Object[] {"java/lang/Throwable"});
        }
        epilogue(false);
        super.visitInsn(Opcodes.ATHROW);
        super.visitMaxs(maxStack, maxLocals);
    }
}
