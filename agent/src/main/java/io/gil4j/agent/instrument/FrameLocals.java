package io.gil4j.agent.instrument;

import java.util.Arrays;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/** Stack-map frame locals for the slots the instrumentation adds (ASM's expanded frame format). */
final class FrameLocals {
    private FrameLocals() { }

    /**
     * Whether a class file of this version carries frames (Java 6 and later), so that code added to it
     * needs frames too; an older one's types are inferred by the verifier ({@link LoopFinder#FRAMELESS}).
     */
    static boolean hasFrames(int classFileVersion) {
        return (classFileVersion & 0xFFFF) >= Opcodes.V1_6;
    }

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

    /** The locals one per slot: a {@code long} or {@code double} is its type and then {@code TOP}. */
    static Object[] slots(Object[] locals) {
        int n = 0;
        for (Object o : locals) n += (o == Opcodes.LONG || o == Opcodes.DOUBLE) ? 2 : 1;
        Object[] out = new Object[n];
        int i = 0;
        for (Object o : locals) {
            out[i++] = o;
            if (o == Opcodes.LONG || o == Opcodes.DOUBLE) out[i++] = Opcodes.TOP;
        }
        return out;
    }

    /** The locals at a method's first instruction: {@code this} unless static, then the parameters. */
    static Object[] entryLocals(String owner, int access, String desc) {
        Type[] args = Type.getArgumentTypes(desc);
        boolean instance = (access & Opcodes.ACC_STATIC) == 0;
        Object[] out = new Object[args.length + (instance ? 1 : 0)];
        int i = 0;
        if (instance) out[i++] = owner;
        for (Type arg : args) out[i++] = frameType(arg);
        return out;
    }

    private static Object frameType(Type t) {
        switch (t.getSort()) {
            case Type.BOOLEAN: case Type.BYTE: case Type.CHAR: case Type.SHORT: case Type.INT: return Opcodes.INTEGER;
            case Type.FLOAT: return Opcodes.FLOAT;
            case Type.LONG: return Opcodes.LONG;
            case Type.DOUBLE: return Opcodes.DOUBLE;
            case Type.ARRAY: return t.getDescriptor();
            default: return t.getInternalName();
        }
    }

    /** The catch-all handler's locals: nothing known but the flag. */
    static Object[] handlerLocals(int flagLocal) {
        Object[] out = new Object[flagLocal + 1];
        Arrays.fill(out, Opcodes.TOP);
        out[flagLocal] = Opcodes.INTEGER;
        return out;
    }
}
