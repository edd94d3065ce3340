package io.gil4j.agent.instrument;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Finds the counted loops of one method that can be {@link StripMinedLoop strip-mined}. It records the
 * method's instructions during the read-only scan (frames expanded) and decides at {@code visitMaxs}.
 *
 * <p>A loop qualifies when its bytecode has javac's shape for {@code for}/{@code while} loops over an
 * int or long counter:
 * <ul>
 * <li>the header loads the counter, then a limit that has no side effects (constants, locals, field
 *     reads, array lengths) or nothing (a test against 0), or the limit and then the counter (javac's
 *     {@code n > i}, kotlinc's {@code downTo}), then jumps forward out of the loop when the
 *     counter has reached the limit ({@code >=}/{@code >} going up, {@code <=}/{@code <} going down);
 *     an inclusive test ({@code i <= n}) only against a constant, so the saturated chunk end can never
 *     hide an overflowing counter;</li>
 * <li>one {@code goto} back to the header, the only jump that reaches it, and the header reached from
 *     the instruction before it (no other entry), with nothing on the operand stack there;</li>
 * <li>the counter written once in the loop ({@code iinc}, or {@code v = v +/- constant} for a long),
 *     by a step of the direction the test expects, on every path through the body: no jump from before
 *     the step lands after it inside the loop, and no exception handler starts inside the loop.</li>
 * <li>or, for an {@code int} counter, several {@code goto}s back (a {@code continue}, an if-else's end)
 *     and no loop inside, with every path from the header to each of them stepping the counter exactly
 *     once, by one constant ({@link #stepOnEveryPath}: commons-lang3's {@code splitWorker}).</li>
 * </ul>
 * A loop tested at its bottom qualifies the same way, with its back-edge an {@code IF_ICMPxx} on the
 * counter and a limit (either order) as its test, the only jump to its header (javac's do-while;
 * kotlinc's {@code for (i in indices.reversed())}, behind a guard). Any other loop whose back-edge is a
 * {@code goto}, the only way back to its header, with no switch or handler, is
 * {@linkplain StripMinedLoop#countedAtBackEdge counted at its back-edge} (kotlinc's closed ranges and
 * {@code step} progressions, counters stepped in branches or by a variable, walks over linked
 * structures), and so is such a loop around another loop even where its counter would do: only the
 * innermost loop of a nest is chunked. Everything else keeps a checkpoint at every back-edge.
 */
final class LoopFinder extends MethodVisitor {

    /** Iterations per chunk for a one-instruction body; bodies of n instructions get CHUNK_BUDGET / n. */
    static final int MAX_CHUNK = 4096;
    static final int MIN_CHUNK = 16;
    /** Roughly the bytecode instructions one chunk may run: ~4096 iterations of an 8-instruction body. */
    static final int CHUNK_BUDGET = 32768;
    /**
     * A {@linkplain #straightLine straight-line} body may run this many times longer chunks. C2 vectorizes
     * such loops, and each chunk is then a vectorized loop with scalar iterations before and after it (to
     * align, and for the rest): at 2048 iterations a chunk those scalar iterations made an {@code int[]}
     * update loop 1.4-1.5x slower than the same loop without the agent.
     */
    static final int STRAIGHT_LINE_FACTOR = 8;
    /**
     * A loop {@linkplain #qualifyCountedAtBackEdge counted at its back-edge} whose body reads references
     * runs this many times shorter chunks: a linked list's walk misses the caches at every step (about
     * 100 ns), and 4096 such steps would keep a drop request waiting for 0.4 ms.
     */
    static final int POINTER_CHASING_DIVISOR = 32;

    private record Insn(int opcode, int var, long constant, Label target, String fieldDesc) { }

    private final List<Insn> insns = new ArrayList<>();
    private final Map<Label, Integer> labelAt = new IdentityHashMap<>();
    private final IntKeyMap<Object[]> frameAt = new IntKeyMap<>();
    private final List<Label> switchTargets = new ArrayList<>();
    private final List<Integer> switchSources = new ArrayList<>();
    /** Each try block's start, end and handler labels, in the exception table's order. */
    private final List<Label[]> tryRanges = new ArrayList<>();
    /** Every frame's locals, stack or no stack (a handler's frame has the exception on it). */
    private final IntKeyMap<Object[]> localsAt = new IntKeyMap<>();

    /**
     * Stands for the header's frame in a class file from before Java 6, which has none: the verifier
     * infers the types there, so the code a mined loop adds needs no frame, only the same operand stack
     * at each jump as at the header it stands for (it adds nothing to the stack and jumps only between
     * the header and its ways back, whose stacks the verifier already found equal). Without it such
     * classes kept a checkpoint at every way back: commons-math3 3.6.1's (Java 5 class files) LU
     * decomposition and matrix product ran 1.45x their time without the agent, 1.11x since (2026-12-06).
     */
    static final Object[] FRAMELESS = new Object[0];

    /** The class file has no frames (before Java 6): see {@link #FRAMELESS}. */
    private final boolean frameless;

    LoopFinder() {
        this(false);
    }

    LoopFinder(boolean frameless) {
        super(Opcodes.ASM9);
        this.frameless = frameless;
    }

    /** The frame at instruction {@code h}, {@link #FRAMELESS} in a class file that has none, or null. */
    private Object[] headerFrame(int h) {
        return frameless ? FRAMELESS : frameAt.get(h);
    }

    /** How many instructions the method has (labels, frames and line numbers do not count). */
    int instructions() {
        return insns.size();
    }

    private void add(int opcode, int var, long constant, Label target, String fieldDesc) {
        insns.add(new Insn(opcode, var, constant, target, fieldDesc));
    }

    @Override
    public void visitLabel(Label label) {
        labelAt.put(label, insns.size());
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        // A header with values on the operand stack (scalac puts loops inside expressions) gets no
        // frame here: the chunk's headers are emitted with an empty stack, so such a loop is not mined.
        if (type != Opcodes.F_NEW) return;
        Object[] locals = java.util.Arrays.copyOf(local, numLocal);
        frameAt.put(insns.size(), numStack == 0 ? locals : null);
        localsAt.put(insns.size(), locals);
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        tryRanges.add(new Label[] {start, end, handler});
    }

    @Override
    public void visitInsn(int opcode) {
        long c = 0;
        if (opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.ICONST_5) c = opcode - Opcodes.ICONST_0;
        if (opcode == Opcodes.LCONST_1) c = 1;
        add(opcode, -1, c, null, null);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        add(opcode, -1, operand, null, null);
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
        add(opcode, var, 0, null, null);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        add(opcode, -1, 0, null, null);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String desc) {
        add(opcode, -1, 0, null, desc);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
        add(opcode, -1, 0, null, null);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String desc, net.bytebuddy.jar.asm.Handle bsm, Object... args) {
        add(Opcodes.INVOKEDYNAMIC, -1, 0, null, null);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        add(opcode, -1, 0, label, null);
    }

    @Override
    public void visitLdcInsn(Object value) {
        if (value instanceof Integer i) {
            add(Opcodes.LDC, -1, i, null, "I");
        } else if (value instanceof Long l) {
            add(Opcodes.LDC, -1, l, null, "J");
        } else {
            add(Opcodes.LDC, -1, 0, null, null);
        }
    }

    @Override
    public void visitIincInsn(int var, int increment) {
        add(Opcodes.IINC, var, increment, null, null);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        addSwitch(dflt, labels);
        add(Opcodes.TABLESWITCH, -1, 0, null, null);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        addSwitch(dflt, labels);
        add(Opcodes.LOOKUPSWITCH, -1, 0, null, null);
    }

    private void addSwitch(Label dflt, Label[] labels) {
        switchTargets.add(dflt);
        switchSources.add(insns.size());
        for (Label l : labels) {
            switchTargets.add(l);
            switchSources.add(insns.size());
        }
    }

    @Override
    public void visitMultiANewArrayInsn(String desc, int dims) {
        add(Opcodes.MULTIANEWARRAY, -1, 0, null, null);
    }

    /** Whether the loop {@code [h, b]} holds another loop: a jump back to an instruction inside it. */
    private boolean containsLoop(int h, int b) {
        for (int i = h + 1; i < b; i++) {
            Label t = insns.get(i).target;
            if (t != null && at(t) > h && at(t) <= i) return true;
        }
        return false;
    }

    /**
     * The calls that lead straight into one of {@code mined}, a loop without calls in its body: between
     * the call and the loop's header only constants, locals, stack shuffles and arithmetic. After such a
     * call the check of the hint is left out: the loop's first chunk ends within a bounded stretch of
     * call-free code and its checkpoint serves what the call's check would have (where the loop runs no
     * iteration at all, the next check after it does). Such a check was a call compiled in front of the
     * loop nest, where C2 then kept the nest's arrays in stack slots: {@code Arrays.fill} before a matrix
     * product, 1.3x on two threads (JDK 25).
     *
     * @return instruction indices, ascending
     */
    int[] callsIntoQuietLoops(List<StripMinedLoop> mined) {
        boolean[] quietHeader = new boolean[insns.size() + 1];
        for (StripMinedLoop loop : mined) if (!loop.callsInBody()) quietHeader[loop.header()] = true;
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < insns.size(); c++) {
            int op = insns.get(c).opcode;
            if (op < Opcodes.INVOKEVIRTUAL || op > Opcodes.INVOKEINTERFACE) continue;
            int i = c + 1;
            while (i < insns.size() && !quietHeader[i] && straightLine(insns.get(i).opcode)) i++;
            if (i < insns.size() && quietHeader[i]) out.add(c);
        }
        return toInts(out);
    }

    /** Pushes, stores, stack shuffles and arithmetic on them: nothing that jumps, calls, throws or touches the heap. */
    private static boolean straightLine(int op) {
        return (op >= Opcodes.ACONST_NULL && op <= Opcodes.LDC) || (op >= Opcodes.ILOAD && op <= Opcodes.ALOAD)
                || (op >= Opcodes.ISTORE && op <= Opcodes.ASTORE) || (op >= Opcodes.POP && op <= Opcodes.SWAP)
                || (op >= Opcodes.IADD && op <= Opcodes.I2S && op != Opcodes.IDIV && op != Opcodes.LDIV
                        && op != Opcodes.IREM && op != Opcodes.LREM);
    }

    /** The loops to strip-mine, in instruction order. */
    List<StripMinedLoop> loops() {
        List<StripMinedLoop> out = new ArrayList<>();
        int[] jumpsInto = new int[insns.size() + 1];
        for (Insn in : insns) if (in.target != null) jumpsInto[at(in.target)]++;
        for (Label l : switchTargets) jumpsInto[at(l)]++;
        for (Label[] range : tryRanges) jumpsInto[at(range[2])] += 1000; // a handler: never a header, never inside a loop we touch
        int[] lastBackEdge = new int[insns.size() + 1];
        java.util.Arrays.fill(lastBackEdge, -1);
        for (int i = 0; i < insns.size(); i++) {
            Label t = insns.get(i).target;
            if (t != null && at(t) <= i) lastBackEdge[at(t)] = i;
        }
        boolean[] mined = new boolean[insns.size() + 1];
        for (int b = 0; b < insns.size(); b++) {
            Insn back = insns.get(b);
            boolean bottom = isIntCompare(back.opcode);
            if (back.opcode != Opcodes.GOTO && !bottom) continue;
            int h = at(back.target);
            if (h >= b || lastBackEdge[h] != b) continue; // an earlier way back is latched to the last one
            StripMinedLoop loop = null;
            // A loop around another is counted at its back-edge, not chunked on its counter: C2 compiled
            // a nest of chunk loops worse than one (a matrix multiply on JDK 25: 0.40 s against 0.33 s,
            // 0.27 s without the agent), and the count bounds the outer loop's run all the same.
            boolean nest = !bottom && containsLoop(h, b);
            if (nest) loop = qualifyCountedAtBackEdge(h, b, jumpsInto);
            // A loop tested at its header may have other ways back (a continue, an if-else's end): qualify counts them.
            if (loop == null && (bottom ? jumpsInto[h] == 1 : jumpsInto[h] < 1000)) {
                loop = bottom ? qualifyBottom(h, b, jumpsInto, false) : qualify(h, b, jumpsInto, false);
                if (loop == null) loop = bottom ? qualifyBottom(h, b, jumpsInto, true) : qualify(h, b, jumpsInto, true);
            }
            if (loop == null && !bottom && !nest) loop = qualifyCountedAtBackEdge(h, b, jumpsInto); // a nest's was tried first
            if (loop != null && !handlersAcceptHeaderFrame(loop)) loop = null;
            if (loop != null) {
                out.add(loop);
                mined[h] = true;
            }
        }
        // Where the last way back could not take the others (a conditional back-edge last), the first
        // goto back still counts for its own part of the loop, as before latching; the later ones keep
        // their checkpoints.
        for (int b = 0; b < insns.size(); b++) {
            Insn back = insns.get(b);
            if (back.opcode != Opcodes.GOTO) continue;
            int h = at(back.target);
            if (h >= b || mined[h] || lastBackEdge[h] == b) continue;
            StripMinedLoop loop = qualifyCountedAtBackEdge(h, b, jumpsInto);
            if (loop != null && loop.latched().length == 0 && handlersAcceptHeaderFrame(loop)) out.add(loop);
            mined[h] = true;
        }
        out.sort(java.util.Comparator.comparingInt(StripMinedLoop::backEdge));
        return out;
    }

    /**
     * Whether the code a mined loop adds can carry the header's frame where it goes. That code (the
     * latch of several ways back, the chunk's end where the way back tests the hint, the outer header)
     * sits at the loop's last way back or just before its header, and a try block that covers it checks
     * the header's frame against its handler's. A try block that also covers the header passes, as the
     * header's own instructions are checked the same way (the other ways back of a latched loop only
     * jump to the latch: a {@code continue} in a try block is no matter). One that covers the last way
     * back and not the header, or that ends at the header, passes where its handler's locals provably
     * accept the header's ({@link #accepts}): javac splits a try block around each {@code return} in it,
     * so a loop inside {@code lock(); try {...} finally {unlock();}} (Guava's caches) often has its header
     * in one piece and its way back in another, with the same handler. Eclipse's compiler instead puts a
     * loop's way back inside the handler range of a try-with-resources in the loop's body, whose
     * handler needs the resource the header does not have (JGit's
     * {@code MergedReftable$FilteringMergedRefCursor.next}: a {@code VerifyError} once mined); such a
     * loop keeps a checkpoint at each way back instead.
     */
    private boolean handlersAcceptHeaderFrame(StripMinedLoop loop) {
        Object[] header = loop.headerLocals();
        if (header == null || header == FRAMELESS) return true; // no frame is added for it
        int h = loop.header();
        for (Label[] range : tryRanges) {
            int start = at(range[0]);
            int end = at(range[1]); // exclusive
            if (start <= h && h < end) continue;
            boolean endsAtHeader = start < h && end == h;
            boolean coversWayBack = start <= loop.backEdge() && loop.backEdge() < end;
            if ((endsAtHeader || coversWayBack) && !accepts(localsAt.get(at(range[2])), header)) return false;
        }
        return true;
    }

    /**
     * Whether a handler whose frame has {@code handler} as its locals can be reached from code whose
     * locals are {@code from}, as far as can be told without the class hierarchy: each of the
     * handler's locals is unused ({@code TOP}), of the same type, {@code java/lang/Object} where
     * {@code from} holds a reference, or any reference type where {@code from} holds {@code null}.
     */
    static boolean accepts(Object[] handler, Object[] from) {
        if (handler == null) return false;
        Object[] want = FrameLocals.slots(handler);
        Object[] have = FrameLocals.slots(from);
        for (int i = 0; i < want.length; i++) {
            Object w = want[i];
            Object g = i < have.length ? have[i] : Opcodes.TOP;
            if (w == Opcodes.TOP || w.equals(g)) continue;
            boolean reference = g == Opcodes.NULL || g instanceof String;
            if (w instanceof String && reference && (g == Opcodes.NULL || w.equals("java/lang/Object"))) continue;
            return false;
        }
        return true;
    }

    /**
     * Whether instructions {@code from} to {@code to} hold a method call whose return can lead back into the
     * loop: calls that {@linkplain #leavesMethod leave the method} do not count.
     */
    private boolean callsIn(int from, int to) {
        for (int i = from; i <= to; i++) {
            if (isCall(insns.get(i).opcode) && !leavesMethod(i)) return true;
        }
        return false;
    }

    /** The calls in {@code [from, to]} that {@linkplain #leavesMethod leave the method}, in instruction order. */
    private int[] callsLeaving(int from, int to) {
        // A plain loop, not a stream: the agent runs in the program's JVM, and its own use of the JDK's
        // stream classes would add its lambdas to their profiles (a stream shape of the program ran 3x slower).
        int[] out = new int[to - from + 1];
        int n = 0;
        for (int i = from; i <= to; i++) {
            if (isCall(insns.get(i).opcode) && leavesMethod(i)) out[n++] = i;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * A call after which the code runs straight, with no jump or switch, into a {@code throw} or a
     * {@code return} ({@code throw new IllegalStateException(...)}, {@code return list.get(i)}): from it no
     * path leads back to any loop's header, so a loop's way back need not test the hint for it, and the
     * call keeps its own {@code Gil.afterCall()}. Such a call on a branch never taken (an interpreter's
     * default case) made the loop test the hint at every iteration, and once the hint had been set the
     * compiled loop was no longer unrolled.
     */
    private boolean leavesMethod(int call) {
        for (int i = call + 1; i < insns.size(); i++) {
            Insn in = insns.get(i);
            int op = in.opcode;
            if (op == Opcodes.ATHROW || (op >= Opcodes.IRETURN && op <= Opcodes.RETURN)) return true;
            if (in.target != null || op == Opcodes.TABLESWITCH || op == Opcodes.LOOKUPSWITCH) return false;
        }
        return false;
    }

    private static boolean isCall(int op) {
        return op >= Opcodes.INVOKEVIRTUAL && op <= Opcodes.INVOKEDYNAMIC;
    }

    private int at(Label l) {
        Integer i = labelAt.get(l);
        return i == null ? insns.size() : i;
    }

    /**
     * @param limitFirst the header loads the limit before the counter ({@code if (n > i)}, or Kotlin's
     *                   {@code downTo}: {@code iconst_m1; iload i; if_icmpge exit}), and the test's
     *                   relation is read the other way round
     */
    private StripMinedLoop qualify(int h, int b, int[] jumpsInto, boolean limitFirst) {
        Object[] frame = plainHeader(h, b, jumpsInto);
        if (frame == null) return null;

        int counterAt = limitFirst ? counterAfterLimit(h) : h;
        if (counterAt < 0) return null;
        Insn load = insns.get(counterAt);
        boolean wide = load.opcode == Opcodes.LLOAD;
        if (!wide && load.opcode != Opcodes.ILOAD) return null;
        int v = load.var;

        // The exit test: [limit] then IF_ICMPxx, LCMP+IFxx, or a bare IFxx against 0 (int); with the
        // limit first, [limit] and the counter, then IF_ICMPxx or LCMP+IFxx.
        int compare;
        int jumpAt = -1;
        boolean zeroTest = false;
        Long constantLimit = null;
        if (limitFirst) {
            if (pureValueEnd(h, counterAt, wide) != counterAt) return null;
            if (counterAt == h + 1) constantLimit = constantOf(insns.get(h), wide);
            compare = counterAt + 1;
        } else if (!wide && isZeroTest(insns.get(h + 1).opcode)) {
            compare = h + 1;
            jumpAt = h + 1;
            zeroTest = true;
            constantLimit = 0L;
        } else {
            int end = pureLimitEnd(h + 1, wide);
            if (end < 0) return null;
            if (end == h + 2) constantLimit = constantOf(insns.get(h + 1), wide);
            compare = end;
        }
        if (!zeroTest) {
            jumpAt = exitJumpAt(compare, wide);
            if (jumpAt < 0) return null;
        }
        Insn exit = insns.get(jumpAt);
        if (at(exit.target) <= b) return null;
        int rel = zeroTest || wide ? exit.opcode : exit.opcode - (Opcodes.IF_ICMPEQ - Opcodes.IFEQ);
        if (limitFirst) rel = mirrored(rel);
        boolean upward;
        boolean inclusive;
        switch (rel) {
            case Opcodes.IFGE: upward = true; inclusive = false; break;
            case Opcodes.IFGT: upward = true; inclusive = true; break;
            case Opcodes.IFLE: upward = false; inclusive = false; break;
            case Opcodes.IFLT: upward = false; inclusive = true; break;
            default: return null;
        }
        if (inclusive && (constantLimit == null || isExtreme(constantLimit, wide))) return null;

        if (!singleEntry(h, b)) return null;
        int[] latched = waysBackBefore(h, b);
        if (jumpsInto[h] != 1 + latched.length) return null; // the header is entered from elsewhere too
        long[] step;
        if (latched.length == 0) {
            step = step(h, b, v, wide);
            if (step == null || step[0] <= jumpAt || step[1] == 0 || (step[1] > 0) != upward) return null;
            if (!everyIterationSteps(h, (int) step[0], b)) return null;
        } else {
            if (wide) return null; // a long loop's chunk is counted at its one back-edge
            for (int j : latched) if (insns.get(j).opcode != Opcodes.GOTO) return null; // each keeps its own way back
            step = stepOnEveryPath(h, b, v, jumpAt);
            if (step == null || step[1] == 0 || (step[1] > 0) != upward) return null;
        }

        boolean straight = latched.length == 0 && straightLine(jumpAt + 1, b);
        int factor = straight ? STRAIGHT_LINE_FACTOR : 1;
        int chunk = chunk(b - h + 1, factor * MAX_CHUNK, factor * CHUNK_BUDGET);
        long delta = chunk * step[1];
        if (!wide) delta = Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, delta));
        return new StripMinedLoop(h, compare, b, wide, v, exit.opcode, zeroTest, limitFirst, false, upward, chunk,
                delta, frame, false, latched, !wide && !straight, callsIn(h, b), callsLeaving(h, b), false);
    }

    /** The jumps in {@code [h, b)} back to the header {@code h}: the loop's ways back other than {@code b}. */
    private int[] waysBackBefore(int h, int b) {
        int[] out = new int[b - h];
        int n = 0;
        for (int i = h; i < b; i++) {
            Label t = insns.get(i).target;
            if (t != null && at(t) == h) out[n++] = i;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * For a loop {@code [h, b]} with several ways back and no loop inside (its only backward jumps go to
     * {@code h}), tested at its header by the jump at {@code jumpAt}: the counter's step as {index of its
     * first write, step} when every path from the header to each way back steps it exactly once, by the
     * same constant, after the exit test; else null. javac compiles {@code if (c) { ...; i++; continue; }
     * ...; i++;} so (commons-lang3's {@code StringUtils.splitWorker}): counted at its back-edge instead,
     * that loop ran 2.5x (JDK 17) to 4x (JDK 25) its time without the agent, as C2 no longer counted it.
     */
    private long[] stepOnEveryPath(int h, int b, int v, int jumpAt) {
        if (containsLoop(h, b)) return null;
        int[] steps = new int[b - h + 1]; // per instruction, the steps taken on the way to it; -1: not reached
        java.util.Arrays.fill(steps, -1);
        steps[0] = 0;
        long step = 0;
        int firstAt = -1;
        for (int i = h; i <= b; i++) {
            int s = steps[i - h];
            if (s < 0) continue; // dead code
            Insn in = insns.get(i);
            if (writes(in, v, false)) {
                if (in.opcode != Opcodes.IINC || in.var != v || i <= jumpAt) return null;
                if (firstAt >= 0 && in.constant != step) return null;
                if (firstAt < 0) {
                    firstAt = i;
                    step = in.constant;
                }
                if (++s > 1) return null;
            }
            int op = in.opcode;
            if (in.target != null && !flowsTo(h, b, at(in.target), s, steps)) return null;
            if (op == Opcodes.TABLESWITCH || op == Opcodes.LOOKUPSWITCH) {
                for (int k = 0; k < switchTargets.size(); k++) {
                    if (switchSources.get(k) == i && !flowsTo(h, b, at(switchTargets.get(k)), s, steps)) return null;
                }
                continue;
            }
            if (op != Opcodes.GOTO && fallsThrough(op) && i < b && !flowsTo(h, b, i + 1, s, steps)) return null;
        }
        return firstAt < 0 ? null : new long[] {firstAt, step};
    }

    /**
     * One edge of {@link #stepOnEveryPath}'s walk, with {@code s} steps taken: to the header, it must have
     * stepped once; inside the loop, every path to an instruction must have stepped as often; out of the
     * loop, anything goes. False where the walk fails.
     */
    private static boolean flowsTo(int h, int b, int to, int s, int[] steps) {
        if (to == h) return s == 1;
        if (to < h || to > b) return true;
        int seen = steps[to - h];
        if (seen >= 0) return seen == s;
        steps[to - h] = s;
        return true;
    }

    /**
     * A loop tested at its bottom ({@code do { body } while (i OP n)}, as kotlinc compiles
     * {@code for (i in indices.reversed())} behind a guard): the back-edge at {@code b} is the test
     * itself, an {@code IF_ICMPxx} on an int counter and a side-effect-free limit, in either order.
     */
    private StripMinedLoop qualifyBottom(int h, int b, int[] jumpsInto, boolean limitFirst) {
        if (b + 1 >= insns.size()) return null;
        Object[] frame = plainHeader(h, b, jumpsInto);
        if (frame == null) return null;

        // The operands just before the back-edge: [counter][limit] or [limit][counter]. The stack is
        // empty below them (it is empty at the header, where the back-edge goes), so the shortest
        // side-effect-free limit that fits is the whole of it.
        int testStart = -1;
        int v = -1;
        Long constantLimit = null;
        for (int t = b - 2; t > h && t >= b - 8; t--) {
            int counterAt = limitFirst ? b - 1 : t;
            int limitFrom = limitFirst ? t : t + 1;
            int limitTo = limitFirst ? b - 1 : b;
            if (insns.get(counterAt).opcode != Opcodes.ILOAD) continue;
            if (pureValueEnd(limitFrom, limitTo, false) != limitTo) continue;
            testStart = t;
            v = insns.get(counterAt).var;
            if (limitTo == limitFrom + 1) constantLimit = constantOf(insns.get(limitFrom), false);
            break;
        }
        if (testStart < 0) return null;
        // The back-edge continues the loop: read as "counter REL limit", LT/LE go up, GT/GE go down.
        int rel = insns.get(b).opcode - (Opcodes.IF_ICMPEQ - Opcodes.IFEQ);
        if (limitFirst) rel = mirrored(rel);
        boolean upward;
        boolean inclusive;
        switch (rel) {
            case Opcodes.IFLT: upward = true; inclusive = false; break;
            case Opcodes.IFLE: upward = true; inclusive = true; break;
            case Opcodes.IFGT: upward = false; inclusive = false; break;
            case Opcodes.IFGE: upward = false; inclusive = true; break;
            default: return null;
        }
        if (inclusive && (constantLimit == null || isExtreme(constantLimit, false))) return null;
        if (!singleEntry(h, b)) return null;
        long[] step = step(h, b, v, false);
        if (step == null || step[0] >= testStart || step[1] == 0 || (step[1] > 0) != upward) return null;
        if (!everyIterationSteps(h, (int) step[0], b)) return null;

        int factor = straightLine(h, testStart) ? STRAIGHT_LINE_FACTOR : 1;
        int chunk = chunk(b - h + 1, factor * MAX_CHUNK, factor * CHUNK_BUDGET);
        long delta = Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, chunk * step[1]));
        return new StripMinedLoop(h, b, b, false, v, insns.get(b).opcode, false, limitFirst, true, upward, chunk,
                delta, frame, false, StripMinedLoop.NONE, false, false, StripMinedLoop.NONE, false); // its way back is its test: no hint test
    }

    /**
     * Any other loop whose last jump back to its header is a {@code goto}, and any such loop around
     * another loop (whose own ways back are left to it): no exception handler, no switch that jumps
     * backwards, one entry into its body (the header may be reached from
     * anywhere: kotlinc's guards jump to it). Its back-edge counts the chunk down: every iteration passes
     * it, so the count bounds the time between checkpoints whatever the loop's exit test and counter
     * (Kotlin's {@code i == last}, a counter stepped in branches or by a variable, a linked list's
     * {@code p != null}). Other jumps back to the header from inside (javac's if-else at the end of a
     * while loop's body, a {@code continue}) are {@linkplain StripMinedLoop#latched latched}: sent to
     * that one count-down, so the loop keeps a single back-edge; they need the header's frame (an empty
     * stack there). A body that reads references from fields or arrays (pointer chasing: each may miss
     * the caches) gets chunks 32 times shorter.
     */
    private StripMinedLoop qualifyCountedAtBackEdge(int h, int b, int[] jumpsInto) {
        if (insns.get(b).opcode != Opcodes.GOTO || jumpsInto[h] >= 1000) return null;
        List<Integer> latched = new ArrayList<>();
        for (int i = h; i < b; i++) {
            Insn in = insns.get(i);
            if (i > h && jumpsInto[i] >= 1000) return null; // a handler inside the loop
            if (in.target != null && at(in.target) <= i) {
                if (at(in.target) > h) continue; // an inner loop's way back: its own business
                if (at(in.target) != h) return null;
                latched.add(i);
            }
        }
        for (int i = 0; i < switchTargets.size(); i++) {
            int from = switchSources.get(i);
            if (from >= h && from <= b && at(switchTargets.get(i)) <= from) return null; // a switch that loops
        }
        Object[] frame = headerFrame(h);
        boolean usableFrame = frame != null;
        if (usableFrame) {
            for (Object o : frame) if (o instanceof Label || o == Opcodes.UNINITIALIZED_THIS) usableFrame = false;
        }
        if (!latched.isEmpty() && !usableFrame) return null;
        if (!usableFrame) frame = null;
        if (!singleEntry(h, b)) return null;
        int budget = chasesPointers(h, b) ? CHUNK_BUDGET / POINTER_CHASING_DIVISOR : CHUNK_BUDGET;
        int chunk = chunk(b - h + 1, MAX_CHUNK, budget);
        // Entered only from above: an outer header can set the count (see StripMinedLoop#outerHeader).
        boolean outerHeader = usableFrame && h > 0 && fallsThrough(insns.get(h - 1).opcode)
                && jumpsInto[h] == 1 + latched.size();
        // The hint's test at the back-edge jumps to the chunk's checkpoint, which needs the header's frame.
        return new StripMinedLoop(h, b, b, false, -1, Opcodes.GOTO, false, false, false, true, chunk, 0, frame, true,
                toInts(latched), false, usableFrame && callsIn(h, b), callsLeaving(h, b), outerHeader);
    }

    private static int[] toInts(List<Integer> list) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = list.get(i);
        return out;
    }

    /** Iterations per chunk for a body of {@code bodySize} instructions: the budget's share, within [MIN_CHUNK, maxChunk]. */
    private static int chunk(int bodySize, int maxChunk, int budget) {
        return Math.max(MIN_CHUNK, Math.min(maxChunk, budget / bodySize));
    }

    /** A reference read from a field or an array in {@code [h, b]}: each may be a cache miss. */
    private boolean chasesPointers(int h, int b) {
        for (int i = h; i <= b; i++) {
            Insn in = insns.get(i);
            if (in.opcode == Opcodes.AALOAD) return true;
            if ((in.opcode == Opcodes.GETFIELD || in.opcode == Opcodes.GETSTATIC) && in.fieldDesc != null
                    && (in.fieldDesc.startsWith("L") || in.fieldDesc.startsWith("["))) return true;
        }
        return false;
    }

    /**
     * The header's frame locals where the loop {@code [h, b]} can be rewritten at all: entered from the
     * instruction before it, a frame with an empty stack and nothing uninitialized, no exception
     * handler inside; else null.
     */
    private Object[] plainHeader(int h, int b, int[] jumpsInto) {
        if (h == 0 || !fallsThrough(insns.get(h - 1).opcode)) return null;
        Object[] frame = headerFrame(h);
        if (frame == null) return null;
        for (Object o : frame) if (o instanceof Label || o == Opcodes.UNINITIALIZED_THIS) return null;
        for (int i = h + 1; i <= b; i++) if (jumpsInto[i] >= 1000) return null; // a handler inside the loop
        return frame;
    }

    /** No jump or switch from outside {@code [h, b]} lands inside it after {@code h}: the header is the only entry. */
    private boolean singleEntry(int h, int b) {
        for (int i = 0; i < insns.size(); i++) {
            if (i >= h && i <= b) continue;
            Label t = insns.get(i).target;
            if (t != null && at(t) > h && at(t) <= b) return false;
        }
        for (int i = 0; i < switchTargets.size(); i++) {
            int from = switchSources.get(i);
            int to = at(switchTargets.get(i));
            if ((from < h || from > b) && to > h && to <= b) return false;
        }
        return true;
    }

    /** The counter's one write in {@code [h, b]} as {index, step}; null if it is written twice or not by a constant step. */
    private long[] step(int h, int b, int v, boolean wide) {
        long step = 0;
        int stepAt = -1;
        for (int i = h; i <= b; i++) {
            Insn in = insns.get(i);
            if (!writes(in, v, wide)) continue;
            if (stepAt >= 0) return null;
            stepAt = i;
            if (!wide && in.opcode == Opcodes.IINC) {
                step = in.constant;
            } else if (wide && in.opcode == Opcodes.LSTORE && in.var == v && i >= h + 3) {
                Insn l0 = insns.get(i - 3);
                Insn k = insns.get(i - 2);
                Insn op = insns.get(i - 1);
                Long c = constantOf(k, true);
                if (l0.opcode != Opcodes.LLOAD || l0.var != v || c == null) return null;
                if (op.opcode == Opcodes.LADD) step = c;
                else if (op.opcode == Opcodes.LSUB) step = -c;
                else return null;
            } else {
                return null;
            }
        }
        return stepAt < 0 ? null : new long[] {stepAt, step};
    }

    /** Every iteration passes the step: nothing before it jumps past it while staying in the loop. */
    private boolean everyIterationSteps(int h, int stepAt, int b) {
        for (int i = h; i < stepAt; i++) {
            Label t = insns.get(i).target;
            if (t != null && at(t) > stepAt && at(t) <= b) return false;
        }
        for (int i = 0; i < switchTargets.size(); i++) {
            int from = switchSources.get(i);
            int to = at(switchTargets.get(i));
            if (from >= h && from < stepAt && to > stepAt && to <= b) return false;
        }
        return true;
    }

    /** The exit test's jump for a compare at {@code compare}: IF_ICMPxx itself, or the IFxx after LCMP; -1 if neither. */
    private int exitJumpAt(int compare, boolean wide) {
        if (wide) {
            return insns.get(compare).opcode == Opcodes.LCMP && isZeroTest(insns.get(compare + 1).opcode) ? compare + 1 : -1;
        }
        return isIntCompare(insns.get(compare).opcode) ? compare : -1;
    }

    /** Where the counter's load is in a header that loads the limit first: just before the first compare. */
    private int counterAfterLimit(int h) {
        for (int i = h + 1; i < insns.size() && i < h + 9; i++) {
            int op = insns.get(i).opcode;
            if (isIntCompare(op) || op == Opcodes.LCMP) return i - 1 > h ? i - 1 : -1;
        }
        return -1;
    }

    /** {@code limit REL counter} read as {@code counter REL' limit}. */
    private static int mirrored(int rel) {
        switch (rel) {
            case Opcodes.IFGE: return Opcodes.IFLE;
            case Opcodes.IFLE: return Opcodes.IFGE;
            case Opcodes.IFGT: return Opcodes.IFLT;
            case Opcodes.IFLT: return Opcodes.IFGT;
            default: return rel;
        }
    }

    /**
     * Whether the loop body {@code [from, to)} runs the same few cheap instructions every iteration: no
     * branch, no call, no allocation, no monitor, no throw, no division (tens of cycles each), no object
     * array access (a reference loaded from an array is the start of pointer chasing, whose cache misses
     * would stretch a chunk), no field write (a volatile one is a fence). What is left is arithmetic on
     * locals and primitive arrays, whose time per bytecode instruction is a fraction of a nanosecond even
     * when the JIT does not vectorize it, so a chunk of {@link #STRAIGHT_LINE_FACTOR} times the budget
     * still ends within tens of microseconds.
     */
    private boolean straightLine(int from, int to) {
        for (int i = from; i < to; i++) {
            Insn in = insns.get(i);
            if (in.target != null) return false;
            switch (in.opcode) {
                case Opcodes.TABLESWITCH, Opcodes.LOOKUPSWITCH, Opcodes.INVOKEVIRTUAL, Opcodes.INVOKESPECIAL,
                     Opcodes.INVOKESTATIC, Opcodes.INVOKEINTERFACE, Opcodes.INVOKEDYNAMIC, Opcodes.NEW, Opcodes.NEWARRAY,
                     Opcodes.ANEWARRAY, Opcodes.MULTIANEWARRAY, Opcodes.MONITORENTER, Opcodes.MONITOREXIT, Opcodes.ATHROW,
                     Opcodes.IDIV, Opcodes.LDIV, Opcodes.FDIV, Opcodes.DDIV, Opcodes.IREM, Opcodes.LREM, Opcodes.FREM,
                     Opcodes.DREM, Opcodes.AALOAD, Opcodes.AASTORE, Opcodes.PUTFIELD, Opcodes.PUTSTATIC -> {
                    return false;
                }
                default -> { }
            }
        }
        return true;
    }

    /** {@code to} if {@code [from, to)} is a side-effect-free expression of one value of the counter's type, else -1. */
    private int pureValueEnd(int from, int to, boolean wide) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            Insn in = insns.get(i);
            int op = in.opcode;
            if (pushes(in)) {
                depth++;
            } else if ((op == Opcodes.GETFIELD || op == Opcodes.ARRAYLENGTH) && depth >= 1) {
                continue;
            } else {
                return -1;
            }
        }
        if (depth != 1 || to == from) return -1;
        String type = resultType(insns.get(to - 1));
        return type != null && type.equals(wide ? "J" : "I") ? to : -1;
    }

    /** The index just past a side-effect-free expression of one value starting at {@code from}, or -1. */
    private int pureLimitEnd(int from, boolean wide) {
        int depth = 0;
        int i = from;
        for (; i < insns.size() && i < from + 8; i++) {
            Insn in = insns.get(i);
            int op = in.opcode;
            if (depth == 1 && (isIntCompare(op) || op == Opcodes.LCMP)) break;
            if (pushes(in)) {
                depth++;
            } else if (op == Opcodes.GETFIELD || op == Opcodes.ARRAYLENGTH) {
                if (depth < 1) return -1;
            } else {
                return -1;
            }
        }
        if (depth != 1 || i == from || i >= insns.size()) return -1;
        Insn last = insns.get(i - 1);
        String type = resultType(last);
        if (type == null || !type.equals(wide ? "J" : "I")) return -1;
        return i;
    }

    /** A constant or a local pushed: the start of a side-effect-free limit expression. */
    private static boolean pushes(Insn in) {
        int op = in.opcode;
        return (op >= Opcodes.ICONST_M1 && op <= Opcodes.ICONST_5) || op == Opcodes.BIPUSH || op == Opcodes.SIPUSH
                || op == Opcodes.LCONST_0 || op == Opcodes.LCONST_1 || op == Opcodes.ILOAD || op == Opcodes.LLOAD
                || op == Opcodes.ALOAD || (op == Opcodes.LDC && in.fieldDesc != null);
    }

    private static String resultType(Insn in) {
        int op = in.opcode;
        if ((op >= Opcodes.ICONST_M1 && op <= Opcodes.ICONST_5) || op == Opcodes.BIPUSH || op == Opcodes.SIPUSH
                || op == Opcodes.ILOAD || op == Opcodes.ARRAYLENGTH) return "I";
        if (op == Opcodes.LCONST_0 || op == Opcodes.LCONST_1 || op == Opcodes.LLOAD) return "J";
        if (op == Opcodes.LDC) return in.fieldDesc;
        if (op == Opcodes.GETFIELD) {
            String d = in.fieldDesc;
            return d.equals("I") || d.equals("S") || d.equals("B") || d.equals("C") ? "I" : d;
        }
        return null;
    }

    private static Long constantOf(Insn in, boolean wide) {
        int op = in.opcode;
        if (wide) {
            if (op == Opcodes.LCONST_0 || op == Opcodes.LCONST_1) return in.constant;
            if (op == Opcodes.LDC && "J".equals(in.fieldDesc)) return in.constant;
            return null;
        }
        if ((op >= Opcodes.ICONST_M1 && op <= Opcodes.ICONST_5) || op == Opcodes.BIPUSH || op == Opcodes.SIPUSH) {
            return in.constant;
        }
        if (op == Opcodes.LDC && "I".equals(in.fieldDesc)) return in.constant;
        return null;
    }

    private static boolean isExtreme(long c, boolean wide) {
        return wide ? c == Long.MAX_VALUE || c == Long.MIN_VALUE : c == Integer.MAX_VALUE || c == Integer.MIN_VALUE;
    }

    /** Whether {@code in} writes the counter's slot(s), in any type. */
    private static boolean writes(Insn in, int v, boolean wide) {
        int op = in.opcode;
        if (op == Opcodes.IINC) return in.var == v || (wide && in.var == v + 1);
        if (op < Opcodes.ISTORE || op > Opcodes.ASTORE) return false;
        boolean twoSlots = op == Opcodes.LSTORE || op == Opcodes.DSTORE;
        int lo = in.var;
        int hi = twoSlots ? in.var + 1 : in.var;
        int vlo = v;
        int vhi = wide ? v + 1 : v;
        return lo <= vhi && hi >= vlo;
    }

    private static boolean isZeroTest(int op) {
        return op >= Opcodes.IFEQ && op <= Opcodes.IFLE;
    }

    private static boolean isIntCompare(int op) {
        return op >= Opcodes.IF_ICMPEQ && op <= Opcodes.IF_ICMPLE;
    }

    private static boolean fallsThrough(int op) {
        return op != Opcodes.GOTO && op != Opcodes.ATHROW && op != Opcodes.TABLESWITCH && op != Opcodes.LOOKUPSWITCH
                && !(op >= Opcodes.IRETURN && op <= Opcodes.RETURN);
    }
}
