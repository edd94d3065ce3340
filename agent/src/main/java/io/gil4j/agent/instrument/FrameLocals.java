package io.gil4j.agent.instrument;

import java.util.Arrays;
import net.bytebuddy.jar.asm.Opcodes;

/** Stack-map frame locals for the slots the instrumentation adds (ASM's expanded frame format). */
final class FrameLocals {
    private FrameLocals() { }

    /**
     * The frame's locals with TOP padding up to {@code firstAdded}, then {@code added}: the flag, the
     * operation token if any, and the strip-mined loops' chunk ends and saved limits.
     */
    static Object[] withAdded(Object[] local, int numLocal, int firstAdded, Object[] added) {
        int slots = 0;
        for (int i = 0; i < numLocal; i++) {
            slots += (local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE) ? 2 : 1;
        }
        int pad = Math.max(0, firstAdded - slots);
        Object[] out = Arrays.copyOf(local, numLocal + pad + added.length);
        int i = numLocal;
        for (int s = 0; s < pad; s++) out[i++] = Opcodes.TOP;
        System.arraycopy(added, 0, out, i, added.length);
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
