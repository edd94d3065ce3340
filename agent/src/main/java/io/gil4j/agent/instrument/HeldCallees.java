package io.gil4j.agent.instrument;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ConstantDynamic;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The private methods of a class that only ever run on a thread that holds the GIL, so that their
 * take, exit pair and catch-all handler can be left out ({@link GilMethodVisitor}'s
 * {@code callersHold}; the hint's test, {@code Gil.heldEntry}, stays as the entry of one that is not a leaf and calls
 * instrumented code, see {@code GilMethodVisitor.mayRecurse}): a private method can only be called from its own class (and, since Java 11, its
 * nestmates), so when every caller there is an instrumented method that holds the GIL at the call,
 * the callee's {@code Gil.enter()} would always find the GIL its own.
 *
 * <p>Assumptions and guarantees. A private method is kept out (gets its full entry) when:
 * <ul>
 * <li>a method of its class calls it that does not hold the GIL there: a {@code release=} method, one
 *     left uninstrumented (JSR/RET, too large), or a constructor (before its {@code super()} call the
 *     constructor has not taken the GIL yet);</li>
 * <li>a method handle names it ({@code ldc} of a handle, a bootstrap argument of an
 *     {@code invokedynamic} or a dynamic constant): lambdas' bodies are called from the JDK's
 *     generated classes, which run without the GIL;</li>
 * <li>it carries an annotation (frameworks find annotated private methods by reflection and call them
 *     from their own threads: {@code @PostConstruct}, {@code @Scheduled}, test frameworks), or it is one
 *     of serialization's hooks ({@code writeObject}, {@code readObject}, {@code readObjectNoData},
 *     {@code writeReplace}, {@code readResolve}), which {@code ObjectStreamClass} calls reflectively;</li>
 * <li>its class has nestmates that the filter does not instrument or that have release methods, or
 *     whose names are not known here (a nest member names only its host: the host's class file, read
 *     through {@code classFiles}, lists the others): nestmates call each other's private methods
 *     directly. A nestmate's own constructor calling one before its {@code super()}
 *     is not seen from here (javac puts such calls only in the arguments of {@code super(...)}).</li>
 * </ul>
 * A private method reached by reflection some other way (by name, from code that does not hold the
 * GIL) runs its own code outside the GIL: its checkpoints look at the breaker only, and each
 * instrumented method it calls takes the GIL as usual. Drop requests are served where they were.
 *
 * <p>Example: {@code int sum(int[] a) { return add(a[0], a[1]); } private int add(int x, int y) ...}
 * with {@code sum} instrumented: {@code add} is held and, a leaf, runs with no entry code at all.
 */
final class HeldCallees {
    private static final Set<String> SERIALIZATION_HOOKS = Set.of(
            "writeObject(Ljava/io/ObjectOutputStream;)V", "readObject(Ljava/io/ObjectInputStream;)V",
            "readObjectNoData()V", "writeReplace()Ljava/lang/Object;", "readResolve()Ljava/lang/Object;");

    private HeldCallees() { }

    /**
     * @param holdsGil whether a method of this class ({@code name + desc}) runs instrumented and holds
     *                 the GIL throughout its code (false for release methods and uninstrumented ones)
     * @param nestmateHolds whether a nestmate's methods all hold the GIL where they run (none is a release method)
     * @param classFiles another class's file by internal name, or null where it cannot be read: a nest
     *                   member's host, whose list of members says who else may call the member's
     *                   private methods (a member names only its host)
     * @return {@code name + desc} of the held private methods
     */
    static Set<String> find(ClassReader reader, ClassFilter filter, Predicate<String> holdsGil,
                            Predicate<String> nestmateHolds, Function<String, byte[]> classFiles) {
        String self = reader.getClassName();
        Set<String> privates = new HashSet<>();
        Set<String> out = new HashSet<>();
        String[] host = {null};
        Set<String> nest = new HashSet<>();
        Set<String> disqualified = new HashSet<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visitNestHost(String nestHost) {
                host[0] = nestHost;
            }

            @Override
            public void visitNestMember(String member) {
                nest.add(member);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                String key = name + desc;
                boolean isPrivate = (access & Opcodes.ACC_PRIVATE) != 0
                        && (access & (Opcodes.ACC_NATIVE | Opcodes.ACC_ABSTRACT)) == 0
                        && !name.startsWith("<") && !SERIALIZATION_HOOKS.contains(key);
                if (isPrivate) privates.add(key);
                boolean callerHolds = !name.equals("<init>") && holdsGil.test(key);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                        disqualified.add(key);
                        return null;
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String m, String d, boolean itf) {
                        if (!callerHolds && owner.equals(self)) disqualified.add(m + d);
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        constant(value);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String m, String d, Handle bsm, Object... args) {
                        constant(bsm);
                        for (Object a : args) constant(a);
                    }

                    private void constant(Object value) {
                        if (value instanceof Handle) {
                            Handle h = (Handle) value;
                            if (h.getOwner().equals(self)) disqualified.add(h.getName() + h.getDesc());
                        } else if (value instanceof ConstantDynamic) {
                            ConstantDynamic c = (ConstantDynamic) value;
                            constant(c.getBootstrapMethod());
                            for (int i = 0; i < c.getBootstrapMethodArgumentCount(); i++) {
                                constant(c.getBootstrapMethodArgument(i));
                            }
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        if (host[0] != null) {
            Set<String> members = nestMembers(host[0], classFiles);
            if (members == null || !members.contains(self)) return out;
            nest.add(host[0]);
            nest.addAll(members);
            nest.remove(self);
        }
        for (String member : nest) if (!filter.instruments(member) || !nestmateHolds.test(member)) return out;
        for (String p : privates) if (!disqualified.contains(p)) out.add(p);
        return out;
    }

    /** The members a nest's host lists, or null if its class file cannot be read. */
    private static Set<String> nestMembers(String host, Function<String, byte[]> classFiles) {
        byte[] bytes;
        try {
            bytes = classFiles.apply(host);
        } catch (RuntimeException e) {
            return null;
        }
        if (bytes == null) return null;
        Set<String> members = new HashSet<>();
        try {
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visitNestMember(String member) {
                    members.add(member);
                }
            }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
            return null; // not a class file we can read: the member keeps its entries
        }
        return members;
    }
}
