package io.gil4j.agent.instrument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
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
 * <li>{@code Gil.checkpoint()} before backward jumps, and {@code Gil.afterCall()} (a plain read of the
 *     breaker's hint) after calls into uninstrumented code (but not after {@link ShortCalls}, nor after a
 *     call that leads straight into a strip-mined loop without calls: {@link #noCheckAfter}); static
 *     calls with no arguments and no result, so no frame and no stack change is needed. Inside a
 *     strip-mined loop, calls get no check: the loop's way back reads the hint instead
 *     ({@link #testHint});</li>
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
    /**
     * Every caller holds the GIL ({@link HeldCallees}): no take, no exit pair, no catch-all handler; the
     * entry is the hint's test ({@code Gil.heldEntry}), or nothing for a leaf.
     */
    private final boolean callersHold;
    private final String operationName;
    private final String releasePoint;
    private final int releaseKind;
    private final ClassFilter filter;
    /** This method's class where its calls to other instrumented classes' static methods are linked across, else null. */
    private String self;
    private final boolean emitFrames;

    /** Strip-mined loops, by the instruction index of their header, exit test, LCMP and back-edge. */
    private final List<StripMinedLoop> loops;
    private final int[] loopSlot;
    private final IntKeyMap<Integer> byHeader = new IntKeyMap<>();
    private final IntKeyMap<Integer> byCompare = new IntKeyMap<>();
    private final IntKeyMap<Integer> byBackEdge = new IntKeyMap<>();
    /** The other ways back of loops counted at their back-edge, each to its loop's latch. */
    private final IntKeyMap<Integer> byLatched = new IntKeyMap<>();
    private final Label[] outer;
    private final Label[] exitCheck;
    private final Label[] exitTarget;
    /**
     * Where a chunk that ended with the loop still going takes its checkpoint: before the outer header
     * (bottom-tested loops), or after the program's exit test (header-tested loops that test the chunk's
     * end or the hint on their way back).
     */
    private final Label[] chunkCheckpoint;
    /** Per loop: a call into uninstrumented code in its body was left without a check; its way back tests the hint. */
    private final boolean[] hintAtBackEdge;
    /** Loops counted at their back-edge with other ways back: the count-down they all jump to. */
    private final Label[] latch;
    /** Frame types of the locals the instrumentation adds: the flag, the operation token, the loops' slots. */
    private final Object[] addedLocals;
    /** Index of the next original instruction (labels, frames and line numbers do not count). */
    private int insn;

    private final Label bodyStart = new Label();
    private final Label bodyEnd = new Label();
    private final Label handler = new Label();
    private final Set<Label> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Calls within the class that go to held copies (set where the class has any). */
    private HeldCopies copies = HeldCopies.NONE;
    /** The frame locals at the method's first instruction, for a leaf's entry test; null: none known. */
    private Object[] entryLocals;
    /** See {@link #noCheckAfter}. */
    private int[] noCheckAfter = new int[0];
    /** See {@link #mayRecurse}; true unless told otherwise. */
    private boolean mayRecurse = true;
    private boolean codeStarted;
    private boolean prologueDone;
    private final SuperCall superCall;

    GilMethodVisitor(MethodVisitor mv, Role role, String name, int flagLocal, boolean leaf, boolean callersHold,
                     List<StripMinedLoop> loops, String operationName, String releasePoint, ClassFilter filter,
                     boolean emitFrames) {
        this(mv, role, name, flagLocal, leaf, callersHold, loops, operationName, releasePoint, KIND_USER, filter,
                emitFrames);
    }

    /** @param releaseKind for {@link Role#RELEASE}: the kind of blocking point ({@code GilReasons.KIND_*}) */
    GilMethodVisitor(MethodVisitor mv, Role role, String name, int flagLocal, boolean leaf, boolean callersHold,
                     List<StripMinedLoop> loops, String operationName, String releasePoint, int releaseKind,
                     ClassFilter filter, boolean emitFrames) {
        super(Opcodes.ASM9, mv);
        this.callersHold = callersHold && role == Role.GIL && operationName == null && !name.startsWith("<");
        this.releaseKind = releaseKind;
        this.role = role;
        this.clinit = name.equals("<clinit>");
        this.ctor = name.equals("<init>");
        this.flagLocal = flagLocal;
        this.leaf = leaf;
        this.operationName = operationName;
        this.releasePoint = releasePoint;
        this.filter = filter;
        this.emitFrames = emitFrames;
        this.superCall = new SuperCall(ctor);
        // A class file from before Java 6 has no frames: its loops are rewritten too, with none written
        // for the code added (LoopFinder.FRAMELESS).
        boolean mining = role == Role.GIL && !clinit;
        this.loops = mining ? loops : List.of();
        int slot = flagLocal + 1 + (operationName != null ? 1 : 0);
        List<Object> types = new ArrayList<>();
        types.add(Opcodes.INTEGER);
        if (operationName != null) types.add("java/lang/Object");
        this.loopSlot = new int[this.loops.size()];
        for (int i = 0; i < this.loops.size(); i++) {
            StripMinedLoop loop = this.loops.get(i);
            loopSlot[i] = slot;
            slot += loop.slots();
            for (int k = 0; k < loop.slots(); k++) types.add(Opcodes.INTEGER);
            // A loop counted at its back-edge gets nothing before its header unless it has an outer header
            // (entered only from above): its count starts in the prologue.
            if (!loop.countedAtBackEdge() || loop.outerHeader()) byHeader.put(loop.header(), i);
            // A long loop's own test stays as it is; a bottom-tested loop's test is its back-edge.
            if (!loop.wide() && !loop.bottomTest() && !loop.countedAtBackEdge()) byCompare.put(loop.compare(), i);
            byBackEdge.put(loop.backEdge(), i);
            for (int j : loop.latched()) byLatched.put(j, i);
        }
        this.addedLocals = types.toArray();
        this.outer = new Label[this.loops.size()];
        this.exitCheck = new Label[this.loops.size()];
        this.exitTarget = new Label[this.loops.size()];
        this.chunkCheckpoint = new Label[this.loops.size()];
        this.hintAtBackEdge = new boolean[this.loops.size()];
        this.latch = new Label[this.loops.size()];
    }

    /**
     * Links this method's calls to static methods of other instrumented classes to their held copies
     * ({@code io.gil4j.bootstrap.HeldLink}), from {@code self}; only in class files that may hold
     * {@code invokedynamic} (version 51 on).
     */
    GilMethodVisitor linkingAcross(String self) {
        this.self = self;
        return this;
    }

    private boolean linksAcross(int opcode, String owner, boolean itf) {
        return self != null && opcode == Opcodes.INVOKESTATIC && !itf && !owner.equals(self) && filter.instruments(owner);
    }

    /** Sends this method's calls to the class's held copies where {@link HeldCopies#redirects} says so. */
    GilMethodVisitor callingCopies(HeldCopies copies) {
        this.copies = copies;
        return this;
    }

    /**
     * Gives a leaf its entry test with the branch in its own bytecode ({@link #leafEntry}); without it
     * a leaf gets {@code Gil.enterLeaf()}.
     */
    GilMethodVisitor withEntryLocals(Object[] entryLocals) {
        this.entryLocals = entryLocals;
        return this;
    }

    /**
     * Whether the method calls instrumented code (false: it calls only classes the agent leaves alone).
     * A method whose callers all hold the GIL checks the hint at its entry only if it does: the check is
     * there for recursions, and one that runs through such a method re-enters instrumented code through
     * another method's entry, which checks (a public method's entry always does; leaves end a chain).
     * Its loops and the checks after its calls stay. Where the check is gone, no slow path sits
     * before the method's code: a call there, even one never made, had C2 keep {@code matmul}'s arrays
     * in stack slots for its whole loop nest on JDK 25, and a box that lives across it allocated on
     * JDK 17.
     */
    GilMethodVisitor mayRecurse(boolean callsInstrumented) {
        this.mayRecurse = callsInstrumented;
        return this;
    }

    /**
     * Calls (instruction indices, ascending) after which no check is emitted: each leads straight into a
     * strip-mined loop without calls, whose first chunk's checkpoint serves instead
     * ({@code LoopFinder.callsIntoQuietLoops}). Only where those loops are strip-mined.
     */
    GilMethodVisitor noCheckAfter(int[] calls) {
        this.noCheckAfter = calls;
        return this;
    }

    private boolean checkpoints() {
        return role == Role.GIL && !clinit;
    }

    private void startCode() {
        if (codeStarted) return;
        codeStarted = true;
        // The method's own try/catch entries were all visited before its first instruction, so this
        // catch-all lands last in the exception table: inner handlers keep precedence.
        if (!callersHold) super.visitTryCatchBlock(bodyStart, bodyEnd, handler, null);
        if (!ctor) prologue();
    }

    private void prologue() {
        boolean flagStored = false;
        if (role == Role.RELEASE) {
            super.visitLdcInsn(releasePoint);
            super.visitIntInsn(Opcodes.BIPUSH, releaseKind);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, GIL, "beginBlocking", "(Ljava/lang/String;I)Z", false);
        } else if (callersHold) {
            // The entry's check stays where a leaf's would not: a recursion with no loop and no
            // uninstrumented call (a private fib) would otherwise never see a drop request. Only
            // where a recursion can run through this method (mayRecurse).
            if (!leaf && mayRecurse) super.visitMethodInsn(Opcodes.INVOKESTATIC, GIL, "heldEntry", "()V", false);
            super.visitInsn(Opcodes.ICONST_0); // the flag stays, so that every frame keeps the same added locals
        } else if (leaf && !clinit && !ctor && emitFrames && entryLocals != null) {
            leafEntry(); // stores the flag itself, on both of its paths
            flagStored = true;
        } else {
            String enter = clinit ? "enterClinit" : leaf ? "enterLeaf" : "enter";
            super.visitMethodInsn(Opcodes.INVOKESTATIC, GIL, enter, "()Z", false);
        }
        if (!flagStored) super.visitVarInsn(Opcodes.ISTORE, flagLocal);
        if (operationName != null) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, GIL, "operationBegin", "()Ljava/lang/Object;", false);
            super.visitVarInsn(Opcodes.ASTORE, flagLocal + 1);
        }
        for (int i = 0; i < loops.size(); i++) {
            StripMinedLoop loop = loops.get(i);
            for (int k = 0; k < loop.slots(); k++) {
                if (loop.countedAtBackEdge()) super.visitLdcInsn(loop.chunk()); else super.visitInsn(Opcodes.ICONST_0);
                super.visitVarInsn(Opcodes.ISTORE, loopSlot[i] + k);
            }
        }
        super.visitLabel(bodyStart);
        prologueDone = true;
    }

    /**
     * {@code flag = false; if (!Gil.needsNothing()) flag = Gil.enterLeafOutside();}: the branch is the
     * leaf's own, so the JIT's profile of it is too (see {@code Gil.needsNothing}). Constructors keep
     * {@code enterLeaf}: their entry is after the {@code super()} call, where the locals are not the
     * parameters'.
     */
    private void leafEntry() {
        Label done = new Label();
        super.visitInsn(Opcodes.ICONST_0);
        super.visitVarInsn(Opcodes.ISTORE, flagLocal);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, GIL, "needsNothing", "()Z", false);
        super.visitJumpInsn(Opcodes.IFNE, done);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, GIL, "enterLeafOutside", "()Z", false);
        super.visitVarInsn(Opcodes.ISTORE, flagLocal);
        super.visitLabel(done);
        Object[] local = FrameLocals.withAdded(entryLocals, entryLocals.length, flagLocal, new Object[] {Opcodes.INTEGER});
        super.visitFrame(Opcodes.F_NEW, local.length, local, 0, new Object[0]);
    }

    private void epilogue(boolean normalReturn) {
        if (callersHold) return;
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
            Object[] extended = FrameLocals.withAdded(local, numLocal, flagLocal, addedLocals);
            super.visitFrame(type, extended.length, extended, numStack, stack);
        } else {
            super.visitFrame(type, numLocal, local, numStack, stack);
        }
    }

    @Override
    public void visitLabel(Label label) {
        startCode();
        Integer loop = prologueDone ? byHeader.get(insn) : null;
        if (loop != null && outer[loop] == null) beginOuterLoop(loop);
        super.visitLabel(label);
        visited.add(label);
    }

    @Override
    public void visitInsn(int opcode) {
        insn++;
        startCode();
        if (prologueDone && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) epilogue(true);
        super.visitInsn(opcode);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        int index = insn++;
        startCode();
        Integer loop = byCompare.get(index);
        if (loop != null && outer[loop] != null) {
            innerExitTest(loop, opcode, label);
            return;
        }
        loop = byBackEdge.get(index);
        if (loop != null && loops.get(loop).bottomTest() && outer[loop] != null) {
            bottomBackEdge(loop, opcode, label);
            return;
        }
        if (loop != null && loops.get(loop).wide() && outer[loop] != null) {
            countedBackEdge(loop, label);
            return;
        }
        if (loop != null && loops.get(loop).countedAtBackEdge() && prologueDone) {
            backEdgeCount(loop, label);
            return;
        }
        Integer latched = prologueDone ? byLatched.get(index) : null;
        if (latched != null) {
            if (loops.get(latched).countedAtBackEdge()) {
                super.visitJumpInsn(opcode, latch(latched)); // counted at the one back-edge, with the rest
                return;
            }
            if (exitTarget[latched] != null) { // chunked on its counter: a way back of its own
                wayBack(latched, opcode, label);
                return;
            }
        }
        if (loop != null && exitTarget[loop] != null) {
            wayBack(loop, opcode, label); // the inner loop's back-edge: no checkpoint
            betweenChunks(loop);
            return;
        }
        if (checkpoints() && visited.contains(label)) checkpoint();
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        insn++;
        startCode();
        if (checkpoints() && anyVisited(dflt, labels)) checkpoint();
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        insn++;
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
        insn++;
        startCode();
        if (superCall.beforeIt(opcode, name)) {
            super.visitMethodInsn(opcode, owner, name, desc, itf);
            if (superCall.isIt(opcode, name)) prologue();
            return;
        }
        if (role == Role.GIL && prologueDone) {
            String replacement = BlockingCallSites.replacement(opcode, owner, name, desc);
            if (replacement != null) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, BlockingCallSites.BLOCKING, name, replacement, false);
                return;
            }
            // This frame holds the GIL here (after its entry, or a constructor's super() call).
            if (!clinit && copies.redirects(opcode, owner, name, desc)) {
                super.visitInsn(Opcodes.ACONST_NULL);
                super.visitMethodInsn(HeldCopies.copyOpcode(opcode), owner, name, HeldCopies.copyDesc(desc), false);
                return;
            }
            if (!clinit && linksAcross(opcode, owner, itf)) {
                super.visitInsn(Opcodes.ACONST_NULL);
                super.visitInvokeDynamicInsn(name, HeldCopies.copyDesc(desc), HeldCopies.LINK_STATIC, owner);
                return;
            }
        }
        super.visitMethodInsn(opcode, owner, name, desc, itf);
        if (checkpoints() && !filter.instruments(owner) && !ShortCalls.isShort(owner, name)) {
            // Inside a strip-mined loop the loop's way back tests the hint, which serves the request.
            int loop = innermostMinedLoop(insn - 1);
            if (loop >= 0) {
                hintAtBackEdge[loop] = true;
            } else if (java.util.Arrays.binarySearch(noCheckAfter, insn - 1) < 0) {
                afterCall();
            }
        }
    }

    private void afterCall() {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, GIL, "afterCall", "()V", false);
    }

    /** The innermost strip-mined loop around instruction {@code index} whose chunk state is set there, or -1. */
    private int innermostMinedLoop(int index) {
        int best = -1;
        for (int i = 0; i < loops.size(); i++) {
            StripMinedLoop loop = loops.get(i);
            if (index < loop.header() || index > loop.backEdge() || !loop.callsInBody()) continue;
            if (java.util.Arrays.binarySearch(loop.callsLeaving(), index) >= 0) continue;
            boolean set = loop.countedAtBackEdge() ? prologueDone : outer[i] != null;
            if (set && (best < 0 || loop.header() > loops.get(best).header())) best = i;
        }
        return best;
    }

    /** Between chunks: where the way back tested the hint (which may have ended the chunk), clear it too. */
    private void checkpointBetweenChunks(int i) {
        if (hintAtBackEdge[i]) afterCall();
        checkpoint();
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        insn++;
        startCode();
        superCall.typeInsn(opcode);
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
        insn++;
        startCode();
        super.visitVarInsn(opcode, var);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        insn++;
        startCode();
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String desc) {
        insn++;
        startCode();
        super.visitFieldInsn(opcode, owner, name, desc);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String desc, net.bytebuddy.jar.asm.Handle bsm, Object... args) {
        insn++;
        startCode();
        super.visitInvokeDynamicInsn(name, desc, bsm, args);
    }

    @Override
    public void visitLdcInsn(Object value) {
        insn++;
        startCode();
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int var, int increment) {
        insn++;
        startCode();
        super.visitIincInsn(var, increment);
    }

    @Override
    public void visitMultiANewArrayInsn(String desc, int dims) {
        insn++;
        startCode();
        super.visitMultiANewArrayInsn(desc, dims);
    }

    @Override
    public void visitLineNumber(int line, Label start) {
        startCode();
        super.visitLineNumber(line, start);
    }

    // ---------------------------------------------------------------- strip-mined loops

    /** Before the loop's header: the outer loop's header, which sets where the chunk ends (or its count). */
    private void beginOuterLoop(int i) {
        StripMinedLoop loop = loops.get(i);
        outer[i] = new Label();
        if (loop.bottomTest()) {
            // Entered from above past the checkpoint that a chunk's end jumps back to.
            chunkCheckpoint[i] = new Label();
            super.visitJumpInsn(Opcodes.GOTO, outer[i]);
            super.visitLabel(chunkCheckpoint[i]);
            headerFrame(loop);
            checkpointBetweenChunks(i);
        }
        super.visitLabel(outer[i]);
        visited.add(outer[i]);
        headerFrame(loop);
        if (loop.wide() || loop.countedAtBackEdge()) {
            super.visitLdcInsn(loop.chunk());
            super.visitVarInsn(Opcodes.ISTORE, loopSlot[i]);
        } else {
            chunkEnd(i);
        }
    }

    /**
     * {@code end = counter + delta}, saturated ({@code Gil.chunkEnd}'s rule), written out in the method
     * itself so that the saturating branch has this loop's profile: never taken, C2 compiles it as a trap
     * and knows that the chunk ends {@code delta} past the counter. Through a shared helper (the former
     * {@code Gil.chunkEnd}; most likely because C2 saw its branch without a profile of its own, so that
     * the chunk's end was a merge of two values), on JDK 25 a scan of a string ({@code while (i < n) { if (s.charAt(i) == c) {...; continue;} i++; }},
     * commons-lang3's {@code splitWorker}) compiled 1.6-2.6x slower than with the addition inline
     * (a plain-Java model of both, 2026-12-06).
     */
    private void chunkEnd(int i) {
        StripMinedLoop loop = loops.get(i);
        int end = loopSlot[i];
        boolean up = loop.chunkDelta() > 0;
        Label noOverflow = new Label();
        super.visitVarInsn(Opcodes.ILOAD, loop.counter());
        super.visitLdcInsn((int) loop.chunkDelta());
        super.visitInsn(Opcodes.IADD);
        super.visitVarInsn(Opcodes.ISTORE, end);
        super.visitVarInsn(Opcodes.ILOAD, end);
        super.visitVarInsn(Opcodes.ILOAD, loop.counter());
        super.visitJumpInsn(up ? Opcodes.IF_ICMPGE : Opcodes.IF_ICMPLE, noOverflow);
        super.visitLdcInsn(up ? Integer.MAX_VALUE : Integer.MIN_VALUE);
        super.visitVarInsn(Opcodes.ISTORE, end);
        super.visitLabel(noOverflow);
        headerFrame(loop);
        super.visitInsn(Opcodes.NOP); // keeps this frame off the header's own, at the next instruction
    }

    /**
     * A {@code long} loop's back-edge: count the chunk down and go round again while it lasts, else a
     * checkpoint and a fresh chunk. C2 makes the inner loop a counted loop on this {@code int} counter,
     * with the program's own test as a second exit; bounded by a {@code long} limit instead, the
     * chunk compiled about 1.3x slower than the program's loop (BENCHMARKS.md, corpus countdown).
     */
    private void countedBackEdge(int i, Label header) {
        countDown(i, header);
        checkpointBetweenChunks(i);
        super.visitJumpInsn(Opcodes.GOTO, outer[i]);
    }

    /**
     * Round again to {@code header} while the chunk's count, decremented, lasts (and, in a loop with
     * calls, while the call-site hint is clear).
     */
    private void countDown(int i, Label header) {
        super.visitIincInsn(loopSlot[i], -1);
        super.visitVarInsn(Opcodes.ILOAD, loopSlot[i]);
        if (!hintAtBackEdge[i]) {
            super.visitJumpInsn(Opcodes.IFGT, header);
            return;
        }
        Label chunkOver = new Label();
        super.visitJumpInsn(Opcodes.IFLE, chunkOver);
        testHint(header);
        super.visitLabel(chunkOver);
        headerFrame(loops.get(i));
    }

    /**
     * In a loop whose body calls uninstrumented code: round again to {@code header} unless the call-site hint is
     * set; if it is, fall through to the chunk's checkpoint, which serves the request. This stands for
     * the {@code Gil.afterCall()} after each call into uninstrumented code in the body: where the JIT
     * inlined such a callee into the loop (an iterator's {@code hasNext}/{@code next}), the check's slow
     * path, once a drop request had been seen there, was compiled as a call inside the loop, and every
     * field the loop reads was then loaded again at each element (a boxed list's walk on two threads
     * 1.4-2.9x its time on one). Here the hint's branch is the loop's own and its taken side leaves the
     * loop body for the chunk's path, which already holds the checkpoint's call. The plain read of the
     * hint is made again after a call that stayed a call; CPython checks its eval breaker at the next
     * backward jump too, not when a C call returns.
     */
    private void testHint(Label header) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, GIL, "callHint", "()I", false);
        super.visitJumpInsn(Opcodes.IFEQ, header);
    }

    /**
     * A back-edge that counts the chunk down. Where the loop has an outer header ({@link
     * StripMinedLoop#outerHeader}: entered only from above), the checkpoint goes back to it, which sets
     * the count again; otherwise the checkpoint's path resets the count and goes to the loop's header
     * (the prologue set it first), so that the header keeps every entry the program gave it.
     */
    private void backEdgeCount(int i, Label header) {
        if (loops.get(i).latched().length > 0) latchHere(i);
        if (outer[i] != null) {
            countedBackEdge(i, header); // as a long loop's: the outer header sets the count again
            return;
        }
        countDown(i, header);
        super.visitLdcInsn(loops.get(i).chunk());
        super.visitVarInsn(Opcodes.ISTORE, loopSlot[i]);
        checkpointBetweenChunks(i);
        super.visitJumpInsn(Opcodes.GOTO, header);
    }

    /**
     * A bottom-tested loop's back-edge: go round again while the test holds against the nearer of the
     * limit and the chunk's end; else, if it still holds against the limit, the chunk ended: to the
     * checkpoint and a fresh chunk. Otherwise the loop is over, and the next instruction follows.
     */
    private void bottomBackEdge(int i, int opcode, Label header) {
        limitAgainstChunkEnd(i);
        super.visitJumpInsn(opcode, header);
        testOperands(i);
        super.visitJumpInsn(opcode, chunkCheckpoint[i]);
    }

    /**
     * The stack holds the test's operands, (counter, limit) or (limit, counter): keep the limit, and
     * leave the counter and the nearer of the limit and the chunk's end, in the same order.
     */
    private void limitAgainstChunkEnd(int i) {
        StripMinedLoop loop = loops.get(i);
        int limit = limitSlot(i);
        if (loop.limitFirst()) super.visitInsn(Opcodes.SWAP);
        super.visitVarInsn(Opcodes.ISTORE, limit);
        super.visitVarInsn(Opcodes.ILOAD, limit);
        super.visitVarInsn(Opcodes.ILOAD, loopSlot[i]);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", loop.upward() ? "min" : "max", "(II)I", false);
        if (loop.limitFirst()) super.visitInsn(Opcodes.SWAP);
    }

    /** The test's operands again, counter and saved limit in the program's order. */
    private void testOperands(int i) {
        counterAgainst(i, limitSlot(i));
    }

    /** The counter and the int in {@code slot}, in the order the program's test has counter and limit. */
    private void counterAgainst(int i, int slot) {
        StripMinedLoop loop = loops.get(i);
        super.visitVarInsn(Opcodes.ILOAD, loop.limitFirst() ? slot : loop.counter());
        super.visitVarInsn(Opcodes.ILOAD, loop.limitFirst() ? loop.counter() : slot);
    }

    /** The header's exit test, now leaving the inner loop at the end of a chunk too. */
    private void innerExitTest(int i, int opcode, Label exit) {
        StripMinedLoop loop = loops.get(i);
        exitTarget[i] = exit;
        exitCheck[i] = new Label();
        if (loop.zeroTest()) {
            super.visitVarInsn(Opcodes.ILOAD, loopSlot[i]);
            super.visitInsn(Opcodes.ICONST_0);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", loop.upward() ? "min" : "max", "(II)I", false);
            super.visitJumpInsn(opcode + (Opcodes.IF_ICMPEQ - Opcodes.IFEQ), exitCheck[i]);
        } else {
            limitAgainstChunkEnd(i);
            super.visitJumpInsn(opcode, exitCheck[i]);
        }
    }

    /**
     * Before the inner back-edge ({@link StripMinedLoop#chunkTestAtBackEdge}): the counter against the
     * chunk's end alone, with the header's own comparison; a chunk that ended goes to the checkpoint
     * and a fresh chunk, whose header tests the program's limit, evaluated again. Not to the program's
     * exit test: its saved limit is the one this iteration began with, and the body may have moved it.
     */
    private void chunkEndTest(int i) {
        StripMinedLoop loop = loops.get(i);
        if (chunkCheckpoint[i] == null) chunkCheckpoint[i] = new Label();
        int jump = loop.zeroTest() ? loop.exitJump() + (Opcodes.IF_ICMPEQ - Opcodes.IFEQ) : loop.exitJump();
        counterAgainst(i, loopSlot[i]);
        super.visitJumpInsn(jump, chunkCheckpoint[i]);
    }

    /**
     * A way back of a loop strip-mined on its counter, its back-edge or one of its other {@code goto}s to its
     * header (a {@code continue}, an if-else's end): the chunk's end tested where {@link
     * StripMinedLoop#chunkTestAtBackEdge} says so, the hint where the body calls uninstrumented code, then the
     * jump to the header (a loop with other ways back always tests the chunk's end: its body is not straight-line).
     * The other ways back are not sent to one latch: C2 makes a loop's hot way back its inner loop when the
     * ways back reach the header apart ({@code merge_many_backedges}), and a scan that mostly takes one of them (commons-lang3's
     * {@code splitWorker}: every character but the separators) then runs as a loop of its own; latched
     * into one way back, that scan ran 2.5x (JDK 17) to 5x (JDK 25) its time without the agent.
     */
    private void wayBack(int i, int opcode, Label header) {
        if (loops.get(i).chunkTestAtBackEdge()) chunkEndTest(i);
        if (hintAtBackEdge[i]) {
            if (chunkCheckpoint[i] == null) chunkCheckpoint[i] = new Label();
            testHint(header);
            super.visitJumpInsn(Opcodes.GOTO, chunkCheckpoint[i]);
        } else {
            super.visitJumpInsn(opcode, header);
        }
    }

    /** After the inner back-edge: the program's own exit test on the same limit, else a checkpoint. */
    private void betweenChunks(int i) {
        StripMinedLoop loop = loops.get(i);
        super.visitLabel(exitCheck[i]);
        headerFrame(loop);
        if (loop.zeroTest()) {
            super.visitVarInsn(Opcodes.ILOAD, loop.counter());
        } else {
            testOperands(i);
        }
        super.visitJumpInsn(loop.exitJump(), exitTarget[i]);
        if (chunkCheckpoint[i] != null) {
            super.visitLabel(chunkCheckpoint[i]);
            headerFrame(loop);
        }
        checkpointBetweenChunks(i);
        super.visitJumpInsn(Opcodes.GOTO, outer[i]);
    }

    /**
     * Where the loop's other ways back now meet its last one. The latch's frame is the header's: every
     * jump to it went to the header. The NOP keeps it off a frame the program may have here, which can
     * hold locals the header's does not.
     */
    private void latchHere(int i) {
        super.visitInsn(Opcodes.NOP);
        super.visitLabel(latch(i));
        headerFrame(loops.get(i));
    }

    private Label latch(int i) {
        if (latch[i] == null) latch[i] = new Label();
        return latch[i];
    }

    /** An {@code int} loop's two added locals: its chunk end at {@code loopSlot[i]}, then its saved limit. */
    private int limitSlot(int i) {
        return loopSlot[i] + 1;
    }

    private void headerFrame(StripMinedLoop loop) {
        if (!emitFrames) return;
        Object[] local = loop.headerLocals();
        Object[] extended = FrameLocals.withAdded(local, local.length, flagLocal, addedLocals);
        super.visitFrame(Opcodes.F_NEW, extended.length, extended, 0, new Object[0]);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (!prologueDone) {
            throw new IllegalStateException("no super() call found in a constructor; method left as is");
        }
        if (callersHold) {
            super.visitMaxs(maxStack, maxLocals);
            return;
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
