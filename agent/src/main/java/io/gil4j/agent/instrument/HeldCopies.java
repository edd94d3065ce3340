package io.gil4j.agent.instrument;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.function.Predicate;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Which methods of a class get a held copy, and which calls go to it. A held copy is the method's
 * code instrumented as if every caller held the GIL (no take, no exit pair, no catch-all handler; a
 * test of the hint ({@code Gil.heldEntry}) as the entry of one that is not a leaf and calls instrumented
 * code, as for {@link HeldCallees}), under the same
 * name with one more parameter of type {@code io.gil4j.bootstrap.Gil}, always null. A call from code of the
 * same class that holds the GIL, bound at compile time to that very method, goes to the copy: the
 * caller's own entry already took the GIL, so the callee's test could only ever find it taken.
 *
 * <p>Why. A call-heavy program pays the entry test at every call: in a recursion of small methods
 * (a binary tree built and walked) the test and its branches were most of gil4j's cost on one thread.
 * Calls within a class are the common case of such recursions and helpers. Every small static method
 * gets a copy too, for instrumented code of other classes, whose calls to it {@code
 * io.gil4j.bootstrap.HeldLink} links to the copy: a static method that code outside the GIL also calls has
 * its entry's outside path in its profile, and the JIT compiled that path into its callers' loops.
 * Other calls between classes (virtual, interface) keep the full entry.
 *
 * <p>Assumptions and guarantees:
 * <ul>
 * <li>Only calls that cannot reach another method: {@code invokestatic} of the class's own static
 *     method, {@code invokespecial} of its own (non-constructor) method, and {@code invokevirtual} of
 *     its own method where no override can exist (the method or the class is final). Interfaces are
 *     left alone. Calls through method handles, lambdas and reflection reach the original.</li>
 * <li>The copy is private and synthetic, has no annotations and no generic signature, so frameworks
 *     that look for methods by annotation or by name keep finding the original. Its name is the
 *     original's and its lines are the original's, so stack traces (exceptions, JFR, profilers) read the same.</li>
 * <li>Static methods of at most {@link #LINKED_COPY_INSTRUCTIONS} instructions get a copy whether or not
 *     their class calls them; calls to them from other instrumented classes are {@code invokedynamic}s
 *     ({@link GilMethodVisitor}), which fall back to the original where the copy is missing.</li>
 * <li>Constructors, class initializers, private methods (they have {@link HeldCallees}), {@code release=}
 *     and {@code throughput=} methods get no copy. A copy's entry serves drop requests as the original's
 *     entry does; only the take is gone. A copy's strip-mined loops are the original's, with their counter
 *     and frames moved past the marker ({@link StripMinedLoop#shifted}): a lexer's scanning helpers, each
 *     a loop, were entered with the full take at every token.</li>
 * <li>Which methods get a copy depends on the class file alone, so a retransformation (another agent's,
 *     or gil4j's own) produces the same methods again.</li>
 * <li>Classes can gain methods only when they are loaded: never after an attach, where the classes
 *     are retransformed.</li>
 * </ul>
 *
 * <p>Example: {@code static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }} gets a copy
 * {@code fib(int, Gil)} whose two recursive calls go to the copy; {@code fib(int)} keeps its full
 * entry for callers from elsewhere and calls the copy too.
 */
final class HeldCopies {
    /**
     * The type of the copies' extra parameter: a type no program's method can take, and one its class
     * has resolved through its own loader before any copy is hot (every instrumented method calls
     * {@code Gil}). C2 inlines no method whose signature names a class its holder's loader has not
     * resolved ("unloaded signature classes"). A marker class of its own (a {@code Held} class until
     * 2026-12-05) was resolved through the program's loader only at a copy's first call from the
     * interpreter, and C2 often compiled the callers before that: a visitor's calls to its copies
     * stayed calls for the whole run (HeldCopyInliningIT).
     */
    static final String HELD = "io/gil4j/bootstrap/Gil";

    /** The bootstrap method of a call to another class's static method (see {@code io.gil4j.bootstrap.HeldLink}). */
    static final Handle LINK_STATIC = new Handle(Opcodes.H_INVOKESTATIC, "io/gil4j/bootstrap/HeldLink", "linkStatic",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/String;)"
                    + "Ljava/lang/invoke/CallSite;", false);

    /**
     * The most instructions a static method may have to get a copy for calls from other classes. The
     * copy is for callers that the JIT inlines it into (C2 inlines a hot callee of up to 325 bytes of
     * bytecode, {@code FreqInlineSize}): a larger one stays a call, where its own entry test is paid
     * once per call and its slow path stays in its own code. Few library methods are larger: with the
     * limit Guava's instrumented class files are 37.3% over its original bytes, with every static method
     * copied 37.4% (22.2% with copies for calls within a class only; 2026-12-07).
     */
    static final int LINKED_COPY_INSTRUCTIONS = 120;

    static final HeldCopies NONE = new HeldCopies("", Set.of(), false, Map.of());

    private final String owner;
    private final Set<String> copied;
    private final boolean finalClass;
    /** Access flags of the class's methods by name + descriptor. */
    private final Map<String, Integer> access;

    private HeldCopies(String owner, Set<String> copied, boolean finalClass, Map<String, Integer> access) {
        this.owner = owner;
        this.copied = copied;
        this.finalClass = finalClass;
        this.access = access;
    }

    /**
     * @param mayCopy whether a method ({@code name + desc}) may get a copy: instrumented with the GIL,
     *                not a {@code release=} or {@code throughput=} method
     * @param instructions a method's ({@code name + desc}) number of instructions ({@code MethodScan.Facts})
     */
    static HeldCopies find(ClassReader reader, Predicate<String> mayCopy, ToIntFunction<String> instructions) {
        if ((reader.getAccess() & Opcodes.ACC_INTERFACE) != 0) return NONE;
        String owner = reader.getClassName();
        Map<String, Integer> access = new HashMap<>();
        // A list, not a set: the transformer runs inside the program, and a hashed record would enter the
        // JDK's shared profile of HashMap.hash, where the program's String keys must stay alone (a
        // String-keyed HashMap.merge then runs 1.3-1.8x slower; see ProfileReset).
        List<Call> called = new ArrayList<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int acc, String name, String desc, String sig, String[] ex) {
                access.put(name + desc, acc);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String o, String n, String d, boolean itf) {
                        super.visitMethodInsn(opcode, o, n, d, itf);
                        if (o.equals(owner) && !itf) called.add(new Call(opcode, n, d));
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        boolean finalClass = (reader.getAccess() & Opcodes.ACC_FINAL) != 0;
        HeldCopies probe = new HeldCopies(owner, Set.of(), finalClass, access); // binds() needs only the class
        Set<String> copied = new HashSet<>();
        for (Call call : called) {
            String key = call.name() + call.desc();
            if (copied.contains(key) || !mayCopy.test(key)) continue;
            Integer acc = access.get(key);
            if (acc == null || (acc & (Opcodes.ACC_PRIVATE | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) continue;
            if (key.startsWith("<") || (acc & Opcodes.ACC_BRIDGE) != 0) continue;
            if (probe.binds(call.opcode(), owner, call.name(), call.desc())) copied.add(key);
        }
        // Every other small static method too: instrumented code of other classes calls it through HeldLink.
        for (Map.Entry<String, Integer> m : access.entrySet()) {
            String key = m.getKey();
            int acc = m.getValue();
            if ((acc & Opcodes.ACC_STATIC) == 0 || key.startsWith("<") || copied.contains(key)) continue;
            if (instructions.applyAsInt(key) > LINKED_COPY_INSTRUCTIONS) continue;
            if ((acc & (Opcodes.ACC_PRIVATE | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE)) != 0) continue;
            if (mayCopy.test(key)) copied.add(key);
        }
        return copied.isEmpty() ? NONE : new HeldCopies(owner, Set.copyOf(copied), finalClass, access);
    }

    /** A call the class makes to a method it names as its own. */
    private record Call(int opcode, String name, String desc) { }

    boolean isEmpty() {
        return copied.isEmpty();
    }

    /** Whether {@code name + desc} gets a copy. */
    boolean copies(String key) {
        return copied.contains(key);
    }

    /** Whether this call, made by code of this class that holds the GIL, goes to the callee's copy. */
    boolean redirects(int opcode, String callOwner, String name, String desc) {
        return copied.contains(name + desc) && binds(opcode, callOwner, name, desc);
    }

    /** Whether the call can only reach the method of this class by that name and descriptor. */
    private boolean binds(int opcode, String callOwner, String name, String desc) {
        if (!callOwner.equals(owner)) return false;
        Integer acc = access.get(name + desc);
        if (acc == null) return false; // inherited: the class does not declare it
        boolean isStatic = (acc & Opcodes.ACC_STATIC) != 0;
        switch (opcode) {
            case Opcodes.INVOKESTATIC: return isStatic;
            case Opcodes.INVOKESPECIAL: return !isStatic && !name.equals("<init>");
            case Opcodes.INVOKEVIRTUAL: return !isStatic && (finalClass || (acc & Opcodes.ACC_FINAL) != 0);
            default: return false;
        }
    }

    /** The copy's descriptor: the original's with the marker parameter last. */
    static String copyDesc(String desc) {
        int close = desc.indexOf(')');
        return desc.substring(0, close) + "L" + HELD + ";" + desc.substring(close);
    }

    /** The copy's access: private and synthetic, otherwise what the JVM needs of the original's flags. */
    static int copyAccess(int access) {
        int kept = access & (Opcodes.ACC_STATIC | Opcodes.ACC_SYNCHRONIZED | Opcodes.ACC_STRICT);
        return kept | Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC;
    }

    /** The opcode that calls the copy: {@code invokespecial} for an instance method, since the copy is private. */
    static int copyOpcode(int opcode) {
        return opcode == Opcodes.INVOKESTATIC ? opcode : Opcodes.INVOKESPECIAL;
    }

    /** The local slot of the marker parameter: right after the original's parameters. */
    static int markerSlot(int access, String desc) {
        int slots = (access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
        for (Type t : Type.getArgumentTypes(desc)) slots += t.getSize();
        return slots;
    }
}
