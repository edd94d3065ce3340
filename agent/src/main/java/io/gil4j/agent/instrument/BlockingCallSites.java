package io.gil4j.agent.instrument;

import net.bytebuddy.jar.asm.Opcodes;

/**
 * Which call instructions in instrumented code are blocking calls to reroute through
 * {@code io.gil4j.bootstrap.Blocking}, and the replacement descriptor.
 *
 * <p>{@code sleep} and {@code join} are rerouted only when the owner is exactly {@code java/lang/Thread}: {@code Thread.sleep} is static and
 * a class may declare its own {@code sleep(long)}; {@code join()} may be anyone's method. A call
 * through a subclass name ({@code MyThread.sleep(1)}) is left alone; if it blocks while holding the
 * GIL, the safety net hands the GIL over after one interval.
 */
final class BlockingCallSites {
    private BlockingCallSites() { }

    static final String BLOCKING = "io/gil4j/bootstrap/Blocking";

    /** The descriptor of the {@code Blocking} method replacing this call, or null to leave it. */
    static String replacement(int opcode, String owner, String name, String desc) {
        if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/Thread") && name.equals("sleep")) {
            if (desc.equals("(J)V") || desc.equals("(JI)V")) return desc;
            return null;
        }
        // Object.wait is final: no class can declare an instance wait()/wait(J)/wait(JI) of its own,
        // so any owner name (javac may use the receiver's static type) means Object.wait.
        if ((opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE) && name.equals("wait")) {
            return withReceiver("Ljava/lang/Object;", desc, "()V", "(J)V", "(JI)V");
        }
        if (opcode == Opcodes.INVOKEVIRTUAL && name.equals("join") && owner.equals("java/lang/Thread")) {
            return withReceiver("Ljava/lang/Thread;", desc, "()V", "(J)V", "(JI)V");
        }
        return null;
    }

    private static String withReceiver(String receiver, String desc, String... accepted) {
        for (String a : accepted) {
            if (a.equals(desc)) return "(" + receiver + desc.substring(1);
        }
        return null;
    }
}
