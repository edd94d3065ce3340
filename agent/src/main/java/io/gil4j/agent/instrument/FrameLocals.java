package io.gil4j.agent.instrument;

import java.util.Arrays;
import net.bytebuddy.jar.asm.Opcodes;

/** Stack-map frame locals for the slots the instrumentation adds (ASM's expanded frame format). */
final class FrameLocals {
    private FrameLocals() { }

    /**
     * The frame's locals with TOP padding up to {@code flagLocal}, then the int flag and, for
     * {@code throughput=} methods, the operation token. In ASM's format a long or double is one entry
     * but two slots.
     */
    static Object[] withFlag(Object[] local, int numLocal, int flagLocal, boolean operation) {
        int slots = 0;
        for (int i = 0; i < numLocal; i++) {
            slots += (local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE) ? 2 : 1;
        }
        int extra = Math.max(0, flagLocal - slots) + 1 + (operation ? 1 : 0);
        Object[] out = Arrays.copyOf(local, numLocal + extra);
        int i = numLocal;
        for (int s = slots; s < flagLocal; s++) out[i++] = Opcodes.TOP;
        out[i++] = Opcodes.INTEGER;
        if (operation) out[i] = "java/lang/Object";
        return out;
    }

    /** The catch-all handler's locals: nothing known but the flag. */
    static Object[] handlerLocals(int flagLocal) {
        Object[] out = new Object[flagLocal + 1];
        Arrays.fill(out, Opcodes.TOP);
        out[flagLocal] = Opcodes.INTEGER;
        return out;
    }
}
