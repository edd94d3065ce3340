package io.gil4j.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.bootstrap.Gil;
import io.gil4j.bootstrap.GilLock;
import io.gil4j.fixture.Loops;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Strip-mined loops ({@link LoopFinder}, {@link StripMinedLoop}): which loops qualify, that the
 * rewritten loops give the original results on the counters' edge cases, and that the one checkpoint
 * between chunks still hands the GIL over in the middle of a long loop.
 */
class StripMiningTest {

    static Map<String, MethodScan.Facts> facts;
    Class<?> loops;
    byte[] rewritten;

    @BeforeEach
    void load() throws Exception {
        Gil.install(new GilLock(GilLock.Mode.GIL, 5_000_000L, 100));
        try (InputStream in = Loops.class.getResourceAsStream("Loops.class")) {
            facts = MethodScan.scan(new ClassReader(in.readAllBytes()));
        }
        ClassInstrumenter ci = new ClassInstrumenter(new ClassFilter(List.of("io.gil4j.fixture.**"), List.of()),
                new MethodPatterns(List.of()), new MethodPatterns(List.of()));
        loops = new ClassInstrumenterTest.InstrumentingLoader(ci).loadClass(ClassInstrumenterTest.FIXTURE + "Loops");
        try (InputStream in = Loops.class.getResourceAsStream("Loops.class")) {
            rewritten = ci.instrument(in.readAllBytes()).bytes;
        }
    }

    @AfterEach
    void uninstall() {
        Gil.install(new GilLock(GilLock.Mode.DISABLED, 5_000_000L, 100));
    }

    @ParameterizedTest
    @CsvSource({
        "upToLimit(III)J, 1",
        "upBy7(II)J, 1",
        "longBy3(JJ)J, 1",
        "downToZero(I)J, 1",
        "whileAboveZero(J)J, 1",
        "longStep(JJJ)J, 1",
        "inclusiveConstant(I)J, 1",
        "overField()J, 1",
        "overArray()J, 2",
        "shrinkingLimit(I)J, 1",
        "growingLimit(I)J, 1",
        "indexedCalls(Ljava/util/List;I)J, 1",
        "iterating(Ljava/util/List;)J, 1",
        "longCalls(Ljava/util/List;J)J, 1",
        "branchyDown([I)J, 1",
        "nested(II)J, 2",
        "withBreak(II)J, 1",
        "withContinue(I)J, 1",
        "conditionalStep(I)J, 1",
        "whileContinue(I)J, 1",
        "switchInBody(I)J, 1",
        "spinLatched(I)J, 1",
        "switchWithContinue(I)J, 1",
        "limitIsACall(Ljava/lang/String;)J, 1",
        "doWhile(I)J, 1",
        "guardedDoWhileDown(I)J, 1",
        "spinDown(I)J, 1",
        "dividing(II)J, 1",
        "calling(I)J, 1",
        "limitFirstDown(I)J, 1",
        "limitFirstUp(II)J, 1",
        "limitFirstLong(JJ)J, 1",
        "progression(III)J, 1",
        "progressionCalling(III)J, 1",
        "spinProgression(I)J, 1",
        "spinNonZero(I)J, 1",
        "walk(Lio/gil4j/fixture/Loops$Node;)J, 1",
        "scanSplit(Ljava/lang/String;C)J, 1",
        "spinTwoWays(I)J, 1",
        "unevenSteps(I)J, 1",
        "oneWayWithoutStep(I)J, 1",
    })
    void whichLoopsAreMined(String method, int mined) {
        assertThat(facts.get(method).loops()).as(method).hasSize(mined);
    }

    /**
     * In a loop nest only the innermost loop is chunked on its counter; a loop around it is counted at its
     * back-edge. A chunk loop of the outer loop's own, around the inner one's, was most of what a matrix
     * multiply cost on JDK 25 (0.40 s against 0.34 s, no agent 0.27 s; BENCHMARKS.md "Loop nests"): C2
     * compiles three nested chunk loops worse than one. The count still bounds the outer loop's run when
     * the inner loop is too short to end a chunk ({@code spinNested} below).
     */
    @ParameterizedTest
    @CsvSource({"nested(II)J", "spinNested(I)J"})
    void anOuterLoopIsCountedAtItsBackEdgeAndItsInnerLoopChunked(String method) {
        List<StripMinedLoop> nest = facts.get(method).loops();
        assertThat(nest).as(method).hasSize(2);
        StripMinedLoop inner = nest.get(0), outer = nest.get(1); // sorted by back-edge: the inner one's comes first
        assertThat(inner.header()).as(method).isGreaterThan(outer.header());
        assertThat(inner.countedAtBackEdge()).as(method + ": inner").isFalse();
        assertThat(outer.countedAtBackEdge()).as(method + ": outer").isTrue();
    }

    /**
     * Loops without a counter the analysis can use are counted at their back-edge: a step in a variable
     * ({@code upToLimit}, {@code longStep}), a limit that is a call, Kotlin's {@code i == last}, a test
     * with no order ({@code x != 0}), a linked list's walk, a counter that moves on some iterations
     * ({@code conditionalStep}, whose if sends one branch straight back to the header), a while loop's
     * {@code continue}, a switch one of whose cases skips the step ({@code switchSkipsStep}; a switch whose
     * cases all reach the step, {@code switchInBody}, is chunked on its counter). A walk that reads references runs chunks 32 times shorter.
     */
    @ParameterizedTest
    @CsvSource({
        "upToLimit(III)J, true, false",
        "conditionalStep(I)J, true, false",
        "unevenSteps(I)J, true, false",
        "oneWayWithoutStep(I)J, true, false",
        "switchSkipsStep(I)J, true, false",
        "longStep(JJJ)J, true, false",
        "limitIsACall(Ljava/lang/String;)J, true, false",
        "progression(III)J, true, false",
        "spinNonZero(I)J, true, false",
        "walk(Lio/gil4j/fixture/Loops$Node;)J, true, true",
        "upBy7(II)J, false, false",
        "switchInBody(I)J, false, false",
    })
    void loopsWithoutAUsableCounterAreCountedAtTheirBackEdge(String method, boolean counted, boolean chasing) {
        StripMinedLoop loop = facts.get(method).loops().get(0);
        assertThat(loop.countedAtBackEdge()).as(method).isEqualTo(counted);
        if (!counted) return;
        int body = loop.backEdge() - loop.header() + 1;
        int budget = chasing ? LoopFinder.CHUNK_BUDGET / LoopFinder.POINTER_CHASING_DIVISOR : LoopFinder.CHUNK_BUDGET;
        assertThat(loop.chunk()).as(method).isEqualTo(Math.max(LoopFinder.MIN_CHUNK, Math.min(LoopFinder.MAX_CHUNK, budget / body)));
    }

    /**
     * The other ways back to a header (an if's branch that javac sends straight back, a {@code continue}
     * in a while loop, conditional or not) are latched: the loop keeps one back-edge, the count-down.
     * A switch in the body adds none.
     */
    @ParameterizedTest
    @CsvSource({
        "conditionalStep(I)J, 1",
        "whileContinue(I)J, 1",
        "spinLatched(I)J, 1",
        "switchInBody(I)J, 0",
        "switchWithContinue(I)J, 2",
        "progression(III)J, 0",
    })
    void otherWaysBackAreLatchedToTheBackEdge(String method, int latched) {
        StripMinedLoop loop = facts.get(method).loops().get(0);
        assertThat(loop.latched()).as(method).hasSize(latched);
        for (int j : loop.latched()) assertThat(j).as(method).isBetween(loop.header() + 1, loop.backEdge() - 1);
        if (latched > 0) assertThat(loop.headerLocals()).as(method + ": the latch's frame").isNotNull();
    }

    /**
     * A loop tested at its header with several ways back (a {@code continue}, an if-else's end), each after
     * exactly one step of the counter by the same constant, is chunked on its counter, and each way back
     * keeps its own jump to the header, with the chunk's end (and the hint, where it calls) tested there:
     * C2 makes the hot way back a loop of its own only when the ways back reach the header apart. Latched
     * into one count-down (as before 2026-12-06), commons-lang3's {@code splitWorker} ran 2.5-5x its
     * time without the agent. A way back that skips the step, or steps by another constant, keeps the
     * loop counted at its back-edge ({@code oneWayWithoutStep}, {@code unevenSteps} above).
     */
    @ParameterizedTest
    @CsvSource({"scanSplit(Ljava/lang/String;C)J, 1", "spinTwoWays(I)J, 1", "whileContinue(I)J, 1"})
    void loopsWhoseEveryWayBackStepsOnceAreChunkedOnTheirCounter(String method, int otherWays) {
        StripMinedLoop loop = facts.get(method).loops().get(0);
        assertThat(loop.countedAtBackEdge()).as(method + ": counted at its back-edge").isFalse();
        assertThat(loop.latched()).as(method + ": its other ways back").hasSize(otherWays);
        assertThat(loop.chunkTestAtBackEdge()).as(method).isTrue();
        assertThat(jumpsBackToOneLabel(rewritten, method)).as(method + ": jumps back to its header")
                .isEqualTo(otherWays + 1);
    }

    /** The most backward jumps of {@code method} that go to one label. */
    static int jumpsBackToOneLabel(byte[] classFile, String method) {
        java.util.Map<Label, Integer> jumps = new java.util.HashMap<>();
        visitCode(classFile, method, new MethodVisitor(Opcodes.ASM9) {
            final Set<Label> seen = new HashSet<>();

            @Override public void visitLabel(Label label) { seen.add(label); }

            @Override
            public void visitJumpInsn(int opcode, Label label) {
                if (seen.contains(label)) jumps.merge(label, 1, Integer::sum);
            }
        });
        int most = 0;
        for (int n : jumps.values()) most = Math.max(most, n);
        return most;
    }

    /**
     * Straight-line bodies (arithmetic on locals and primitive arrays: what C2 vectorizes) get chunks
     * {@link LoopFinder#STRAIGHT_LINE_FACTOR} times longer; a branch, a call or a division in the body
     * keeps the regular budget.
     */
    @ParameterizedTest
    @CsvSource({
        "upBy7(II)J, true",
        "overArray()J, true",
        "withBreak(II)J, false",
        "dividing(II)J, false",
        "calling(I)J, false",
    })
    void straightLineBodiesRunLongerChunks(String method, boolean straight) {
        StripMinedLoop loop = facts.get(method).loops().get(0);
        int regularMax = Math.max(LoopFinder.MIN_CHUNK, Math.min(LoopFinder.MAX_CHUNK,
                LoopFinder.CHUNK_BUDGET / (loop.backEdge() - loop.header() + 1)));
        assertThat(loop.chunk()).as(method).isEqualTo(straight
                ? Math.min(LoopFinder.STRAIGHT_LINE_FACTOR * LoopFinder.MAX_CHUNK,
                        LoopFinder.STRAIGHT_LINE_FACTOR * LoopFinder.CHUNK_BUDGET / (loop.backEdge() - loop.header() + 1))
                : regularMax);
        if (straight) assertThat(loop.chunk()).as(method).isGreaterThan(LoopFinder.MAX_CHUNK);
    }

    /**
     * An {@code int} loop tested at its header whose body is not straight-line tests the chunk's end at
     * its back-edge as well ({@link StripMinedLoop#chunkTestAtBackEdge}), so that its way back is a
     * branch of its own; straight-line bodies (vectorized: a second exit would stop that), {@code long}
     * loops (counted down at the back-edge already) and bottom-tested loops do not.
     */
    @ParameterizedTest
    @CsvSource({
        "withBreak(II)J, true",
        "dividing(II)J, true",
        "calling(I)J, true",
        "growingLimit(I)J, true",
        "branchyDown([I)J, true",
        "upBy7(II)J, false",
        "overArray()J, false",
        "longBy3(JJ)J, false",
        "doWhile(I)J, false",
        "upToLimit(III)J, false",
    })
    void branchyIntLoopsTestTheChunkEndAtTheirBackEdge(String method, boolean tested) throws Exception {
        StripMinedLoop loop = facts.get(method).loops().get(0);
        assertThat(loop.chunkTestAtBackEdge()).as(method).isEqualTo(tested);
        // In the rewritten bytecode: the loop's way back is preceded by a compare of the counter with the chunk's end.
        if (tested) {
            List<Integer> before = opcodesBeforeBackEdges(rewritten, method);
            assertThat(before).as(method + ": the opcodes before its gotos back")
                    .anyMatch(op -> op >= Opcodes.IF_ICMPEQ && op <= Opcodes.IF_ICMPLE);
        }
    }

    /**
     * A loop whose body calls into uninstrumented code tests the call-site hint on its way back and
     * leaves those calls without {@code Gil.afterCall()}: an int loop in chunks, a long loop, an
     * iterator's loop counted at its back-edge. A loop whose calls need no check ({@code calling}: only
     * {@code Integer.rotateLeft}) or that calls nothing does not test it, nor one whose calls all lead
     * straight to a {@code throw} or a {@code return} ({@code interpreter}, {@code findAsText}): those calls
     * keep their own {@code afterCall}.
     */
    @ParameterizedTest
    @CsvSource({
        "indexedCalls(Ljava/util/List;I)J, true, true, 1",
        "iterating(Ljava/util/List;)J, true, true, 2",
        "longCalls(Ljava/util/List;J)J, true, true, 1",
        "spinFilling(I)J, true, true, 1",
        "calling(I)J, true, false, 0",
        "interpreter(J)J, false, false, 1",
        "findAsText([II)Ljava/lang/String;, false, false, 2",
        "upBy7(II)J, false, false, 0",
        "withBreak(II)J, false, false, 0",
    })
    void loopsWithCallsTestTheHintOnTheirWayBack(String method, boolean calls, boolean hint, int afterCalls) {
        assertThat(facts.get(method).loops().get(0).callsInBody()).as(method).isEqualTo(calls);
        List<String> gil = ForeignBytecodeShapesTest.gilCalls(rewritten, method);
        assertThat(gil.contains("callHint")).as(method + ": " + gil).isEqualTo(hint);
        // One between chunks where the hint is tested (it clears the hint); iterating's other is after
        // list.iterator(), before the loop.
        assertThat(gil.stream().filter("afterCall"::equals).count()).as(method + ": afterCalls").isEqualTo(afterCalls);
    }

    /**
     * A loop counted at its back-edge whose header is entered only from the instruction before it sets
     * its count on an outer header of its own, just before the loop's, and the chunk's checkpoint goes
     * back there: the loop's header keeps one way back, the count-down's (two backward targets in the
     * rewritten method, where the count reset on the checkpoint's path and a jump to the header made one).
     */
    @ParameterizedTest
    @CsvSource({
        "conditionalStep(I)J",
        "unevenSteps(I)J",
        "spinNonZero(I)J",
        "iterating(Ljava/util/List;)J",
        "walk(Lio/gil4j/fixture/Loops$Node;)J",
    })
    void loopsCountedAtTheirBackEdgeGetAnOuterHeader(String method) {
        StripMinedLoop loop = facts.get(method).loops().get(0);
        assertThat(loop.countedAtBackEdge()).as(method).isTrue();
        assertThat(loop.outerHeader()).as(method).isTrue();
        assertThat(backwardTargets(rewritten, method)).as(method + ": labels jumped back to").isEqualTo(2);
    }

    /** How many distinct labels the backward jumps of {@code method} go to. */
    static int backwardTargets(byte[] classFile, String method) {
        Set<Label> targets = new HashSet<>();
        visitCode(classFile, method, new MethodVisitor(Opcodes.ASM9) {
            final Set<Label> seen = new HashSet<>();

            @Override public void visitLabel(Label label) { seen.add(label); }

            @Override
            public void visitJumpInsn(int opcode, Label label) {
                if (seen.contains(label)) targets.add(label);
            }
        });
        return targets.size();
    }

    /** Feeds the code of {@code method} ({@code name + desc}) in {@code classFile} to {@code code}, frames skipped. */
    static void visitCode(byte[] classFile, String method, MethodVisitor code) {
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
                return (name + desc).equals(method) ? code : null;
            }
        }, ClassReader.SKIP_FRAMES);
    }

    /** For each jump to a label already seen in {@code method}, the three opcodes before it. */
    static List<Integer> opcodesBeforeBackEdges(byte[] classFile, String method) {
        List<Integer> out = new ArrayList<>();
        visitCode(classFile, method, new MethodVisitor(Opcodes.ASM9) {
            final Set<Label> seen = new HashSet<>();
            final int[] lastThree = {-1, -1, -1};
            int last = -1;

            @Override public void visitLabel(Label label) { seen.add(label); }
            @Override public void visitInsn(int opcode) { last = opcode; shift(); }
            @Override public void visitIntInsn(int opcode, int operand) { last = opcode; shift(); }
            @Override public void visitVarInsn(int opcode, int var) { last = opcode; shift(); }
            @Override public void visitTypeInsn(int opcode, String type) { last = opcode; shift(); }
            @Override public void visitFieldInsn(int opcode, String o, String n, String d) { last = opcode; shift(); }
            @Override public void visitMethodInsn(int opcode, String o, String n, String d, boolean i) { last = opcode; shift(); }
            @Override public void visitLdcInsn(Object value) { last = Opcodes.LDC; shift(); }
            @Override public void visitIincInsn(int var, int increment) { last = Opcodes.IINC; shift(); }

            @Override
            public void visitJumpInsn(int opcode, Label label) {
                if (seen.contains(label)) for (int op : lastThree) out.add(op);
                last = opcode;
                shift();
            }

            void shift() {
                lastThree[2] = lastThree[1];
                lastThree[1] = lastThree[0];
                lastThree[0] = last;
            }
        });
        return out;
    }

    @Test
    void minedLoopsGiveTheOriginalResults() throws Exception {
        int max = Integer.MAX_VALUE;
        check("upToLimit", new Class<?>[] {int.class, int.class, int.class},
                new Object[] {0, 100_000, 1}, new Object[] {0, 0, 1}, new Object[] {5, 3, 1},
                new Object[] {max - 10_000, max, 1}, new Object[] {max - 100, max - 5, 7},
                new Object[] {0, max - (1 << 20), 1 << 20}, new Object[] {-50_000, 50_000, 3});
        check("upBy7", new Class<?>[] {int.class, int.class}, new Object[] {0, 100_000}, new Object[] {9, 9},
                new Object[] {max - 100_000, max - 6}, new Object[] {-100_000, 100_000});
        check("longBy3", new Class<?>[] {long.class, long.class}, new Object[] {0L, 1_000_000L},
                new Object[] {Long.MAX_VALUE - 1_000_000, Long.MAX_VALUE - 2}, new Object[] {7L, 7L});
        check("downToZero", new Class<?>[] {int.class}, new Object[] {100_000}, new Object[] {-1}, new Object[] {0});
        check("whileAboveZero", new Class<?>[] {long.class}, new Object[] {1_000_003L}, new Object[] {0L},
                new Object[] {-5L}, new Object[] {1L});
        check("longStep", new Class<?>[] {long.class, long.class, long.class},
                new Object[] {0L, 1_000_000L, 3L}, new Object[] {Long.MAX_VALUE - 100_000, Long.MAX_VALUE, 1L},
                new Object[] {0L, Long.MAX_VALUE - Long.MAX_VALUE / 3, Long.MAX_VALUE / 3});
        check("inclusiveConstant", new Class<?>[] {int.class}, new Object[] {-100_000}, new Object[] {5000},
                new Object[] {6000});
        check("shrinkingLimit", new Class<?>[] {int.class}, new Object[] {100_000});
        java.util.List<Integer> values = new java.util.ArrayList<>();
        for (int i = 0; i < 10_007; i++) values.add(i * 31 % 1000);
        check("indexedCalls", new Class<?>[] {java.util.List.class, int.class}, new Object[] {values, 100_000},
                new Object[] {values, 0}, new Object[] {java.util.List.of(5), 3});
        check("iterating", new Class<?>[] {java.util.List.class}, new Object[] {values}, new Object[] {java.util.List.of()});
        check("longCalls", new Class<?>[] {java.util.List.class, long.class}, new Object[] {values, 100_000L},
                new Object[] {values, 0L});
        check("spinFilling", new Class<?>[] {int.class}, new Object[] {20}, new Object[] {0});
        check("growingLimit", new Class<?>[] {int.class}, new Object[] {100_000}, new Object[] {0}, new Object[] {1},
                new Object[] {5000});
        int[] mixed = new int[100_003];
        for (int i = 0; i < mixed.length; i++) mixed[i] = (i * 7919) % 11 - 5;
        check("branchyDown", new Class<?>[] {int[].class}, new Object[] {mixed}, new Object[] {new int[0]},
                new Object[] {new int[] {3}});
        check("nested", new Class<?>[] {int.class, int.class}, new Object[] {300, 5000}, new Object[] {5000, 3});
        check("withBreak", new Class<?>[] {int.class, int.class}, new Object[] {100_000, 77_777},
                new Object[] {100_000, 200_000});
        check("withContinue", new Class<?>[] {int.class}, new Object[] {100_001});
        check("conditionalStep", new Class<?>[] {int.class}, new Object[] {10_000}, new Object[] {0}, new Object[] {1},
                new Object[] {100_000});
        check("whileContinue", new Class<?>[] {int.class}, new Object[] {100_001}, new Object[] {0}, new Object[] {4},
                new Object[] {-3});
        check("switchInBody", new Class<?>[] {int.class}, new Object[] {100_003}, new Object[] {0}, new Object[] {2});
        StringBuilder text = new StringBuilder();
        for (int k = 0; text.length() < 100_000; k++) text.append("w").append(k % 13).append(k % 4 == 0 ? ",," : ",");
        check("scanSplit", new Class<?>[] {String.class, char.class}, new Object[] {text.toString(), ','},
                new Object[] {"", ','}, new Object[] {",", ','}, new Object[] {"abc", ','}, new Object[] {text.toString(), 'x'});
        for (String twoWays : List.of("spinTwoWays", "unevenSteps", "oneWayWithoutStep")) {
            check(twoWays, new Class<?>[] {int.class}, new Object[] {100_003}, new Object[] {0}, new Object[] {1},
                    new Object[] {-3}, new Object[] {9});
        }
        check("switchSkipsStep", new Class<?>[] {int.class}, new Object[] {100_003}, new Object[] {0}, new Object[] {1});
        check("interpreter", new Class<?>[] {long.class}, new Object[] {100_000L}, new Object[] {1L}, new Object[] {0L});
        int[] hay = new int[100_000];
        for (int i = 0; i < hay.length; i++) hay[i] = i * 3;
        check("findAsText", new Class<?>[] {int[].class, int.class}, new Object[] {hay, 3 * 7}, new Object[] {hay, 1},
                new Object[] {new int[0], 0});
        check("spinLatched", new Class<?>[] {int.class}, new Object[] {100_000}, new Object[] {0}, new Object[] {1});
        check("switchWithContinue", new Class<?>[] {int.class}, new Object[] {100_004}, new Object[] {0}, new Object[] {1},
                new Object[] {3}, new Object[] {-2});
        check("doWhile", new Class<?>[] {int.class}, new Object[] {10_000}, new Object[] {0}, new Object[] {1},
                new Object[] {-5}, new Object[] {100_000});
        check("guardedDoWhileDown", new Class<?>[] {int.class}, new Object[] {100_000}, new Object[] {0},
                new Object[] {1}, new Object[] {-5}, new Object[] {5000});
        check("limitFirstDown", new Class<?>[] {int.class}, new Object[] {100_000}, new Object[] {0},
                new Object[] {-5}, new Object[] {1});
        check("limitFirstUp", new Class<?>[] {int.class, int.class}, new Object[] {0, 100_000},
                new Object[] {5, 5}, new Object[] {max - 100_000, max}, new Object[] {-100_000, 3});
        check("limitFirstLong", new Class<?>[] {long.class, long.class}, new Object[] {0L, 1_000_000L},
                new Object[] {Long.MAX_VALUE - 100_000, Long.MAX_VALUE}, new Object[] {3L, 3L});
        long lmin = Long.MIN_VALUE, lmax = Long.MAX_VALUE;
        check("longDownInclusive", new Class<?>[] {long.class}, new Object[] {1_000_000L}, new Object[] {-5L},
                new Object[] {-4L}, new Object[] {-6L}, new Object[] {lmin}, new Object[] {lmin + 100_000});
        check("longWideRange", new Class<?>[] {long.class, long.class, int.class}, new Object[] {lmin, lmax, 100_000},
                new Object[] {lmax - 50_000, lmax, 1_000_000}, new Object[] {lmin, lmin + 70_000, 1_000_000},
                new Object[] {-35_000L, 35_000L, 1_000_000}, new Object[] {0L, 0L, 5}, new Object[] {5L, -5L, 5});
        check("longMovingLimit", new Class<?>[] {long.class}, new Object[] {1_000_000L}, new Object[] {0L});
        check("longHugeStep", new Class<?>[] {long.class, long.class}, new Object[] {0L, 1L << 62}, new Object[] {lmin, lmin + (1L << 60)});

        int min = Integer.MIN_VALUE;
        for (String progression : List.of("progression", "progressionCalling")) {
            check(progression, new Class<?>[] {int.class, int.class, int.class}, new Object[] {0, 300_000, 3},
                    new Object[] {max - 30_000, max, 3}, new Object[] {100_000, -100_000, -2},
                    new Object[] {min + 20_000, min, -4}, new Object[] {5, 5, 1}, new Object[] {5, 3, 1},
                    new Object[] {0, 16 * 65_536, 65_536}, new Object[] {-7, 7, 7});
        }

        check("spinNonZero", new Class<?>[] {int.class}, new Object[] {100_000}, new Object[] {0}, new Object[] {1});
        Loops.Node list = null;
        for (int i = 0; i < 100_000; i++) list = new Loops.Node(i, list);
        Class<?> node = loops.getClassLoader().loadClass("io.gil4j.fixture.Loops$Node");
        Object theirList = null;
        for (int i = 0; i < 100_000; i++) theirList = node.getConstructor(int.class, node).newInstance(i, theirList);
        assertThat(loops.getMethod("walk", node).invoke(null, theirList)).isEqualTo(Loops.walk(list));
        assertThat(loops.getMethod("walk", node).invoke(null, (Object) null)).isEqualTo(Loops.walk(null));

        Object mine = loops.getConstructor().newInstance();
        Loops theirs = new Loops();
        assertThat(loops.getMethod("overField").invoke(mine)).isEqualTo(theirs.overField());
        assertThat(loops.getMethod("overLongField").invoke(mine)).isEqualTo(theirs.overLongField());
        assertThat(loops.getMethod("overArray").invoke(mine)).isEqualTo(theirs.overArray());
    }

    private void check(String name, Class<?>[] types, Object[]... argLists) throws Exception {
        Method rewritten = loops.getMethod(name, types);
        Method original = Loops.class.getMethod(name, types);
        for (Object[] args : argLists) {
            assertThat(rewritten.invoke(null, args)).as(name + java.util.Arrays.toString(args))
                    .isEqualTo(original.invoke(null, args));
        }
    }

    /**
     * A thread in a long mined loop must give the GIL to a waiter after about one interval, not at
     * the end of the loop: the checkpoint between chunks is the only one the loop has. The loop is
     * timed alone first, in the same run, so the check is a ratio.
     */
    @ParameterizedTest
    @CsvSource({"spin, long, 50000000", "spinDown, int, 50000000", "spinProgression, int, 50000000",
        "spinNonZero, int, 50000000", "spinLatched, int, 50000000", "spinNested, int, 10000000",
        "spinTwoWays, int, 50000000",
        // a millisecond's call into the JDK per iteration: served on the way back (the hint), not a chunk later
        "spinFilling, int, 250"})
    void aLongMinedLoopHonoursDropRequests(String name, String counter, long n) throws Exception {
        boolean wide = counter.equals("long");
        Method spin = loops.getMethod(name, wide ? long.class : int.class);
        Object warmUp = wide ? (Object) n : (Object) (int) n;
        Object full = wide ? (Object) (n * 8) : (Object) (int) (n * 8);
        assertAWaiterGetsTheGilDuring(spin, warmUp, full);
    }

    /**
     * Runs {@code spin(full)} on a thread of its own and, once that thread holds the GIL, takes it from a
     * second thread: the take must wait well under the loop's time alone (a quarter of it), so the loop
     * handed the GIL over in its middle. {@code warmUp} is run first, for the JIT.
     */
    static void assertAWaiterGetsTheGilDuring(Method spin, Object warmUp, Object full) throws Exception {
        spin.invoke(null, warmUp);
        long t0 = System.nanoTime();
        spin.invoke(null, full);
        long alone = System.nanoTime() - t0;

        CountDownLatch inLoop = new CountDownLatch(1);
        AtomicLong waited = new AtomicLong(-1);
        Thread spinner = new Thread(() -> {
            try {
                inLoop.countDown();
                spin.invoke(null, full);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
        spinner.start();
        inLoop.await();
        while (Gil.lock().owner() != spinner && spinner.isAlive()) Thread.onSpinWait();
        Thread waiter = new Thread(() -> {
            long w0 = System.nanoTime();
            boolean took = Gil.enter();
            waited.set(System.nanoTime() - w0);
            Gil.exit(took);
        });
        waiter.start();
        waiter.join();
        spinner.join();
        assertThat(spinner.isAlive()).isFalse();
        assertThat(waited.get()).as("waited %d us for a loop that runs %d us alone", waited.get() / 1000, alone / 1000)
                .isLessThan(alone / 4);
    }
}
