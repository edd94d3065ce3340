package io.gil4j.agent.instrument;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassTooLargeException;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodTooLargeException;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Turns one class file into its GIL-aware version: pure bytes in, bytes out, no class loading, so it
 * can be unit-tested by defining the result in a throw-away class loader.
 *
 * <p>A method that would grow past the JVM's 64 KiB limit is left as it was (reported in
 * {@link Result#skippedMethods}) and the rest of the class is still instrumented.
 */
public final class ClassInstrumenter {

    /** What happened to one class. {@code bytes} is null when nothing was changed. */
    public static final class Result {
        public final byte[] bytes;
        public final Set<String> skippedMethods;
        public final int instrumentedMethods;

        Result(byte[] bytes, Set<String> skippedMethods, int instrumentedMethods) {
            this.bytes = bytes;
            this.skippedMethods = skippedMethods;
            this.instrumentedMethods = instrumentedMethods;
        }
    }

    private final ClassFilter filter;
    private final MethodPatterns release;
    private final MethodPatterns throughput;

    private final boolean stripMineLoops;
    private final boolean heldCallees;
    private final boolean heldCopies;

    public ClassInstrumenter(ClassFilter filter, MethodPatterns release, MethodPatterns throughput) {
        this(filter, release, throughput, true);
    }

    /**
     * @param stripMineLoops move counted loops' checkpoints out of the loop ({@link StripMinedLoop});
     *                       false for legacy mode, whose ticks count checkpoints, as Python 2 counted
     *                       bytecodes, and must keep one at every back-edge
     */
    public ClassInstrumenter(ClassFilter filter, MethodPatterns release, MethodPatterns throughput,
                             boolean stripMineLoops) {
        this(filter, release, throughput, stripMineLoops, stripMineLoops);
    }

    /**
     * @param heldCallees leave the entry check out of private methods whose callers all hold the GIL
     *                    ({@link HeldCallees}); false for legacy mode, whose ticks count entries too, and
     *                    after an attach, where frames of the old, uninstrumented code still call them
     */
    public ClassInstrumenter(ClassFilter filter, MethodPatterns release, MethodPatterns throughput,
                             boolean stripMineLoops, boolean heldCallees) {
        this(filter, release, throughput, stripMineLoops, heldCallees, heldCallees);
    }

    /**
     * @param heldCopies give methods called within their class, and small static methods, a held copy
     *                   ({@link HeldCopies}), and link calls to other instrumented classes' static methods
     *                   to theirs; false for legacy mode (ticks count entries) and after an attach (a
     *                   retransformation cannot add methods)
     */
    public ClassInstrumenter(ClassFilter filter, MethodPatterns release, MethodPatterns throughput,
                             boolean stripMineLoops, boolean heldCallees, boolean heldCopies) {
        this.heldCopies = heldCopies;
        this.filter = filter;
        this.release = release;
        this.throughput = throughput;
        this.stripMineLoops = stripMineLoops;
        this.heldCallees = heldCallees;
    }

    /** Whether a class needs to be looked at at all (cheap, names only). */
    public boolean wants(String internalName) {
        if (internalName == null || ClassFilter.isForbidden(internalName)) return false;
        return filter.instruments(internalName) || release.matchesClass(internalName);
    }

    public Result instrument(byte[] original) {
        return instrument(original, name -> null);
    }

    /**
     * @param classFiles other class files by internal name (null where unknown): a nest member's host,
     *                   read to learn the member's nestmates ({@link HeldCallees})
     */
    public Result instrument(byte[] original, Function<String, byte[]> classFiles) {
        ClassReader reader = new ClassReader(original);
        Map<String, MethodScan.Facts> facts = MethodScan.scan(reader, name -> true, filter::instruments);
        Set<String> skipped = new HashSet<>();
        Set<String> uncopied = new HashSet<>();
        boolean noCopies = false;
        for (int attempt = 0; attempt < 16; attempt++) {
            ClassWriter writer = new NoLoadingClassWriter(reader);
            Set<String> held = heldCallees(reader, facts, skipped, classFiles);
            HeldCopies copies = noCopies ? HeldCopies.NONE : heldCopies(reader, facts, skipped, uncopied);
            Rewriter rewriter = new Rewriter(writer, reader, facts, skipped, held, copies);
            reader.accept(rewriter, ClassReader.EXPAND_FRAMES);
            if (rewriter.changed == 0) return new Result(null, skipped, 0);
            try {
                return new Result(writer.toByteArray(), skipped, rewriter.changed);
            } catch (ClassTooLargeException e) {
                if (copies.isEmpty()) throw e;
                noCopies = true; // the copies' constant pool entries: the class is instrumented without them
            } catch (MethodTooLargeException e) {
                String desc = e.getDescriptor();
                String copyOf = desc.replace("L" + HeldCopies.HELD + ";", "");
                if (!copyOf.equals(desc)) uncopied.add(e.getMethodName() + copyOf);
                else skipped.add(e.getMethodName() + desc);
            }
        }
        return new Result(null, skipped, 0);
    }

    /** Private methods whose every caller holds the GIL ({@link HeldCallees}); none for a class only released. */
    private Set<String> heldCallees(ClassReader reader, Map<String, MethodScan.Facts> facts, Set<String> skipped,
                                    Function<String, byte[]> classFiles) {
        String owner = reader.getClassName();
        if (!heldCallees || !filter.instruments(owner)) return Set.of();
        return HeldCallees.find(reader, filter, key -> holdsGil(owner, key, facts, skipped),
                member -> !release.matchesClass(member), classFiles);
    }

    /** The class's held copies ({@link HeldCopies}); none for a class not instrumented or only released. */
    private HeldCopies heldCopies(ClassReader reader, Map<String, MethodScan.Facts> facts, Set<String> skipped,
                                  Set<String> uncopied) {
        String owner = reader.getClassName();
        if (!heldCopies || !filter.instruments(owner)) return HeldCopies.NONE;
        return HeldCopies.find(reader, key -> holdsGil(owner, key, facts, skipped)
                && !uncopied.contains(key) && !throughput.matches(owner, methodName(key)),
                key -> facts.containsKey(key) ? facts.get(key).instructions() : Integer.MAX_VALUE);
    }

    /**
     * Whether a method of an instrumented class ({@code name + desc}) runs under the GIL once rewritten:
     * not a release method, not left as it is (JSR/RET, a constructor with several {@code super()}
     * branches, too large).
     */
    private boolean holdsGil(String owner, String key, Map<String, MethodScan.Facts> facts, Set<String> skipped) {
        MethodScan.Facts f = facts.get(key);
        return f != null && !f.leftAlone() && !skipped.contains(key) && !release.matches(owner, methodName(key));
    }

    private static String methodName(String key) {
        return key.substring(0, key.indexOf('('));
    }

    private static final int[] NO_CALLS = new int[0];

    private final class Rewriter extends ClassVisitor {
        private final Map<String, MethodScan.Facts> facts;
        private final Set<String> skipped;
        private final Set<String> held;
        private final ClassReader reader;
        private final HeldCopies copies;
        private String className;
        private boolean included;
        private boolean frames;
        /** Whether calls to other instrumented classes' static methods are linked to their copies. */
        private boolean linkAcross;
        int changed;

        Rewriter(ClassVisitor next, ClassReader reader, Map<String, MethodScan.Facts> facts, Set<String> skipped,
                 Set<String> held, HeldCopies copies) {
            super(Opcodes.ASM9, next);
            this.reader = reader;
            this.copies = copies;
            this.facts = facts;
            this.skipped = skipped;
            this.held = held;
        }

        @Override
        public void visit(int version, int access, String name, String sig, String superName, String[] ifs) {
            super.visit(version, access, name, sig, superName, ifs);
            className = name;
            included = filter.instruments(name);
            frames = FrameLocals.hasFrames(version);
            linkAcross = heldCopies && included && (version & 0xFFFF) >= Opcodes.V1_7; // invokedynamic
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
            MethodVisitor mv = super.visitMethod(access, name, desc, sig, ex);
            if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) return mv;
            String key = name + desc;
            MethodScan.Facts method = facts.get(key);
            if (method == null || method.leftAlone() || skipped.contains(key)) return mv;
            boolean special = name.startsWith("<");
            GilMethodVisitor.Role role;
            if (!special && release.matches(className, name)) {
                role = GilMethodVisitor.Role.RELEASE;
            } else if (included) {
                role = GilMethodVisitor.Role.GIL;
            } else {
                return mv;
            }
            String operation = role == GilMethodVisitor.Role.GIL && !special && throughput.matches(className, name)
                    ? className.replace('/', '.') + "." + name : null;
            String point = className.replace('/', '.') + "." + name;
            changed++;
            // GilMethodVisitor keeps the full entry for the roles and methods that need one.
            return new GilMethodVisitor(mv, role, name, method.maxLocals(), method.leaf(), held.contains(key),
                    stripMineLoops ? method.loops() : List.of(), operation, point,
                    filter, frames).callingCopies(copies).linkingAcross(linkAcross ? className : null)
                    .withEntryLocals(FrameLocals.entryLocals(className, access, desc))
                    .mayRecurse(method.callsInstrumented())
                    .noCheckAfter(stripMineLoops ? method.callsIntoQuietLoops() : NO_CALLS);
        }

        @Override
        public void visitEnd() {
            if (!copies.isEmpty()) reader.accept(new CopyWriter(cv), ClassReader.EXPAND_FRAMES);
            super.visitEnd();
        }

        /** Writes the held copies: a second pass over the class that visits only the copied methods. */
        private final class CopyWriter extends ClassVisitor {
            private final ClassVisitor writer;

            CopyWriter(ClassVisitor writer) {
                super(Opcodes.ASM9);
                this.writer = writer;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                String key = name + desc;
                if (!copies.copies(key)) return null;
                MethodScan.Facts method = facts.get(key);
                MethodVisitor mv = writer.visitMethod(HeldCopies.copyAccess(access), name, HeldCopies.copyDesc(desc),
                        null, ex);
                int marker = HeldCopies.markerSlot(access, desc);
                List<StripMinedLoop> loops = new ArrayList<>();
                if (stripMineLoops) for (StripMinedLoop loop : method.loops()) loops.add(loop.shifted(marker));
                GilMethodVisitor held = new GilMethodVisitor(mv, GilMethodVisitor.Role.GIL, name,
                        method.maxLocals() + 1, method.leaf(), true, loops, null, null, filter, frames)
                        .callingCopies(copies).linkingAcross(linkAcross ? className : null)
                        .mayRecurse(method.callsInstrumented())
                        .noCheckAfter(stripMineLoops ? method.callsIntoQuietLoops() : NO_CALLS);
                return new LocalShift(held, marker);
            }
        }
    }

    /** Frames are never computed, so common super classes are never needed: refuse instead of loading. */
    private static final class NoLoadingClassWriter extends ClassWriter {
        NoLoadingClassWriter(ClassReader reader) {
            super(reader, ClassWriter.COMPUTE_MAXS);
        }

        @Override
        protected String getCommonSuperClass(String type1, String type2) {
            throw new IllegalStateException("frame computation needed for " + type1 + " and " + type2);
        }
    }
}
