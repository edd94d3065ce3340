package io.gil4j.agent.instrument;

import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.Attribute;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.TypePath;

/**
 * A method's code with one more parameter slot ({@link HeldCopies}' marker) after its parameters: every
 * local at or above that slot moves up by one, frames get a TOP there, and what names the original's
 * parameters or carries annotations (parameter names, annotations of any kind, unknown attributes) is
 * left out, since it would describe a method with one parameter less.
 */
final class LocalShift extends MethodVisitor {
    private final int slot;

    LocalShift(MethodVisitor next, int slot) {
        super(Opcodes.ASM9, next);
        this.slot = slot;
    }

    private int shift(int var) {
        return var >= slot ? var + 1 : var;
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
        super.visitVarInsn(opcode, shift(var));
    }

    @Override
    public void visitIincInsn(int var, int increment) {
        super.visitIincInsn(shift(var), increment);
    }

    @Override
    public void visitLocalVariable(String name, String desc, String sig, Label start, Label end, int index) {
        super.visitLocalVariable(name, desc, sig, start, end, shift(index));
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        if (type != Opcodes.F_NEW) throw new IllegalStateException("expanded frames expected");
        Object[] shifted = shiftedLocals(local, numLocal, slot);
        super.visitFrame(type, shifted.length, shifted, numStack, stack);
    }

    /**
     * A frame's locals (ASM's expanded format, {@code numLocal} of them) with a TOP at {@code slot}; the
     * first {@code numLocal} of {@code local} unchanged where nothing is live at or above {@code slot}.
     */
    static Object[] shiftedLocals(Object[] local, int numLocal, int slot) {
        int position = 0;
        int slots = 0;
        while (position < numLocal && slots < slot) {
            slots += local[position] == Opcodes.LONG || local[position] == Opcodes.DOUBLE ? 2 : 1;
            position++;
        }
        if (position >= numLocal) return java.util.Arrays.copyOf(local, numLocal); // nothing above the parameters
        Object[] shifted = new Object[numLocal + 1];
        System.arraycopy(local, 0, shifted, 0, position);
        shifted[position] = Opcodes.TOP;
        System.arraycopy(local, position, shifted, position + 1, numLocal - position);
        return shifted;
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(maxStack, maxLocals + 1);
    }

    @Override
    public void visitParameter(String name, int access) { }

    @Override
    public AnnotationVisitor visitAnnotationDefault() {
        return null;
    }

    @Override
    public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
        return null;
    }

    @Override
    public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath path, String desc, boolean visible) {
        return null;
    }

    @Override
    public void visitAnnotableParameterCount(int count, boolean visible) { }

    @Override
    public AnnotationVisitor visitParameterAnnotation(int parameter, String desc, boolean visible) {
        return null;
    }

    @Override
    public AnnotationVisitor visitInsnAnnotation(int typeRef, TypePath path, String desc, boolean visible) {
        return null;
    }

    @Override
    public AnnotationVisitor visitTryCatchAnnotation(int typeRef, TypePath path, String desc, boolean visible) {
        return null;
    }

    @Override
    public AnnotationVisitor visitLocalVariableAnnotation(int typeRef, TypePath path, Label[] start, Label[] end,
                                                          int[] index, String desc, boolean visible) {
        return null;
    }

    @Override
    public void visitAttribute(Attribute attribute) { }
}
