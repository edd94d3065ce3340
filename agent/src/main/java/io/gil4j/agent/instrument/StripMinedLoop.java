package io.gil4j.agent.instrument;

/**
 * A counted loop whose back-edge checkpoint the rewriting pass moves out of the loop: the loop runs
 * in chunks of at most {@link #chunk} iterations with no checkpoint, and one checkpoint sits between
 * chunks, in an outer loop of its own (what C2 does with its own safepoint polls,
 * {@code -XX:LoopStripMiningIter}).
 *
 * <p>Why: a checkpoint at every back-edge is a volatile read inside the loop, which keeps C2 from
 * vectorizing, unrolling well or folding it; and once the drop request has been seen, the loop is
 * recompiled with the slow-path call inside it, which made contended loops up to twice as slow per
 * iteration as the same loop uncontended. With the checkpoint in an outer loop, the inner loop is the
 * program's own loop again (its exit test compares the counter against {@code min(limit, chunkEnd)}).
 *
 * <p>The shape the agent emits, for {@code for (i = a; i < n; i += s)} compiled by javac:
 * <pre>
 *     O: end = i + chunk * s; if overflowed: end = MAX   // saturating, in the method itself
 *     L: iload i; [n]; tmp = n; if i &gt;= min(tmp, end) goto X
 *        body; iinc i s; goto L                    // no checkpoint
 *     X: if i &gt;= tmp goto EXIT                     // the program's own test, on the same value of n
 *        Gil.checkpoint(); goto O
 * </pre>
 * A loop over a {@code long} counter keeps its header as it is and counts its chunk on an {@code int}
 * instead, at the back-edge:
 * <pre>
 *     O: k = chunk
 *     L: lload i; [n]; lcmp; if (exit) goto EXIT     // the program's own test, every iteration
 *        body; if (--k &gt; 0) goto L                    // instead of the goto L
 *        Gil.checkpoint(); goto O
 * </pre>
 * C2 compiles that inner loop as a counted loop on {@code k} with a second exit, as fast as the
 * program's own loop; bounded by {@code max(limit, chunkEnd)} on a {@code long}, it ran 1.3x slower
 * (the corpus's {@code countdown}, JDK 17 and 25).
 *
 * <p>Correctness does not depend on what the loop body does: leaving the inner loop early only re-runs
 * the program's own test, and {@code n} is an expression without side effects (locals, constants,
 * fields, array lengths), so evaluating it again changes nothing. What depends on the body is the
 * bound on the time between checkpoints, hence the conditions {@link LoopFinder} checks: the counter
 * changes by one constant step exactly once per iteration and is written nowhere else in the loop.
 *
 * @param header   instruction index of the header's first instruction (the counter's load, or the limit's)
 * @param compare  index of the exit test ({@code IFxx}, {@code IF_ICMPxx}, or {@code LCMP} followed by {@code IFxx})
 * @param backEdge index of the {@code goto} back to the header
 * @param wide     the counter is a long
 * @param counter  the counter's local slot
 * @param exitJump the opcode of the exit test's jump ({@code IFxx} or {@code IF_ICMPxx})
 * @param zeroTest the exit test compares the counter against 0 with no limit on the stack ({@code IFxx} on an int)
 * @param limitFirst the header loads the limit, then the counter ({@code if (n > i)}; kotlinc's {@code downTo})
 * @param bottomTest the loop's test is its back-edge ({@code do ... while (i OP n)}, an {@code IF_ICMPxx}
 *                   at {@code backEdge}, which is also {@code compare}): the chunk's end is tested there,
 *                   and a chunk that ends with the loop still going takes its checkpoint on the way back
 * @param upward   the counter grows (exit when it reaches the limit from below)
 * @param chunk    iterations per chunk
 * @param chunkDelta {@code chunk * step}, what the counter moves by in one chunk
 * @param headerLocals the stack-map frame's locals at the header (ASM's expanded format)
 * @param countedAtBackEdge a loop with no counter the analysis can use (kotlinc's {@code i == last}
 *                   ranges, a counter stepped in branches or by a variable, {@code p != null}): nothing
 *                   before its header changes, and its unconditional back-edge, which every iteration
 *                   passes, counts the chunk down on an {@code int} that the method's prologue sets to
 *                   {@code chunk} and each checkpoint sets again ({@code counter}, {@code compare},
 *                   {@code headerLocals} unused unless {@code latched}): {@code body; if (--k > 0) goto L;
 *                   k = chunk; Gil.checkpoint(); goto L}
 * @param latched  the other jumps back to its header from inside it (javac's if-else that ends a while
 *                 loop's body, {@code continue}), in instruction order. For a loop counted at its back-edge,
 *                 each is sent to one latch, the count-down at {@code backEdge}, so that the loop keeps one
 *                 way back to its header (with {@code headerLocals} as the latch's frame). For an {@code int}
 *                 loop chunked on its counter (each way back after one step of it), each {@code goto} keeps
 *                 its own way back, with the chunk's end (and the hint) tested there as at {@code backEdge}
 * @param chunkTestAtBackEdge an {@code int} loop tested at its header whose body is not straight-line: its
 *                 back-edge tests the chunk's end too ({@code if (i >= end) goto checkpoint; goto L}), so that
 *                 the way back is an {@code if} of this loop's own. C2 picks which of a loop's ways back is
 *                 the inner loop by the nearest branch's profile; after an if-else in the body the plain
 *                 {@code goto} has none, the way through the checkpoint has the profile of
 *                 {@code Gil.checkpoint}, shared by every loop, and C2 made that way the inner loop: the
 *                 program's loop was compiled uncounted, one iteration at a time (a sieve's counting loop
 *                 1.3-4x its time without the agent, JDK 17). Not for straight-line bodies: nothing joins
 *                 before their way back, and a second exit would keep C2 from vectorizing them.
 * @param callsInBody the loop's body (header to back-edge) has a method call, and its way back can test the
 *                 call-site hint (not a bottom-tested loop; for a loop counted at its back-edge, the header's
 *                 frame is known): where one of them is a call into uninstrumented code, those calls get no
 *                 {@code Gil.afterCall()} of their own; the way back tests the hint and, where it is set,
 *                 ends the chunk, whose checkpoint serves the request and clears the hint
 *                 (see {@code GilMethodVisitor#testHint}); calls that leave the method do not count
 * @param callsLeaving the calls in the body after which the code runs straight into a {@code throw} or a
 *                 {@code return}: they keep their own {@code Gil.afterCall()}, and the way back need not test
 *                 the hint for them
 * @param outerHeader for a loop counted at its back-edge whose header is entered only from the instruction
 *                 before it (and from its own ways back): the count is set on an outer header just before
 *                 the loop's, to which the chunk's checkpoint goes back, so that the loop's header keeps one
 *                 way back, the count-down's. Reset on the checkpoint's path and sent to the loop's header
 *                 instead, the header had two ways back and C2 did not count the loop: a branchy token
 *                 loop ran 1.3x its time without the agent (1.3-1.9x in a plain-Java model of that form). A header the program also jumps to from
 *                 elsewhere (kotlinc's guards) keeps that form: an outer header there would give the outer
 *                 loop two entries
 */
record StripMinedLoop(int header, int compare, int backEdge, boolean wide, int counter, int exitJump,
                      boolean zeroTest, boolean limitFirst, boolean bottomTest, boolean upward, int chunk,
                      long chunkDelta, Object[] headerLocals, boolean countedAtBackEdge, int[] latched,
                      boolean chunkTestAtBackEdge, boolean callsInBody, int[] callsLeaving,
                      boolean outerHeader) {

    static final int[] NONE = new int[0];

    /**
     * The same loop in a held copy's code ({@link LocalShift}): the counter and the header's frame as they
     * are once every local at or above {@code slot} has moved up by one.
     */
    StripMinedLoop shifted(int slot) {
        return new StripMinedLoop(header, compare, backEdge, wide, counter >= slot ? counter + 1 : counter, exitJump,
                zeroTest, limitFirst, bottomTest, upward, chunk, chunkDelta,
                headerLocals == null ? null : LocalShift.shiftedLocals(headerLocals, headerLocals.length, slot),
                countedAtBackEdge, latched,
                chunkTestAtBackEdge, callsInBody, callsLeaving, outerHeader);
    }

    /** Local {@code int} slots one loop needs beyond the method's own: chunk end and saved limit, or the chunk count. */
    int slots() {
        return wide || countedAtBackEdge ? 1 : 2;
    }
}
