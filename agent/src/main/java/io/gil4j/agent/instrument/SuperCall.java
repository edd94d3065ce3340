package io.gil4j.agent.instrument;

import net.bytebuddy.jar.asm.Opcodes;

/**
 * Finds a constructor's own {@code super()}/{@code this()} call while its instructions are visited in
 * order: the first {@code invokespecial <init>} that does not initialize an object the constructor
 * created before it ({@code super(new Foo())}). The scan ({@link MethodScan}) and the rewrite
 * ({@link GilMethodVisitor}, which places the entry right after that call) must agree on it, so both
 * count here. One per method visit; for any other method the call counts as found from the start.
 */
final class SuperCall {
    private int pendingNews;
    private boolean found;

    SuperCall(boolean constructor) {
        this.found = !constructor;
    }

    boolean found() {
        return found;
    }

    void typeInsn(int opcode) {
        if (!found && opcode == Opcodes.NEW) pendingNews++;
    }

    /** An {@code invokespecial <init>} before the super call was found: the super call, or an argument's. */
    boolean beforeIt(int opcode, String name) {
        return !found && opcode == Opcodes.INVOKESPECIAL && name.equals("<init>");
    }

    /** Whether this call is the constructor's own super call (it then counts as found). */
    boolean isIt(int opcode, String name) {
        if (!beforeIt(opcode, name)) return false;
        if (pendingNews > 0) {
            pendingNews--; // the constructor of an argument, e.g. super(new Foo())
            return false;
        }
        found = true;
        return true;
    }
}
