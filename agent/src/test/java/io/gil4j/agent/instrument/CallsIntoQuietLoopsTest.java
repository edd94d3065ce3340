package io.gil4j.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.bootstrap.Gil;
import io.gil4j.bootstrap.GilLock;
import io.gil4j.fixture.Loops;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A call into uninstrumented code that leads straight into a strip-mined loop without calls gets no
 * check after it ({@link LoopFinder#callsIntoQuietLoops}): the loop's first chunk serves a request the
 * call left pending. A loop with calls in its body, or a branch on the way, keeps the check.
 */
class CallsIntoQuietLoopsTest {
    private static final String FILL = "java/util/Arrays.fill";

    private Map<String, MethodScan.Facts> facts;
    private byte[] rewritten;
    private Class<?> loops;

    @BeforeEach
    void load() throws Exception {
        Gil.install(new GilLock(GilLock.Mode.GIL, 5_000_000L, 100));
        byte[] original;
        try (InputStream in = Loops.class.getResourceAsStream("Loops.class")) {
            original = in.readAllBytes();
        }
        ClassFilter fixtures = new ClassFilter(List.of("io.gil4j.fixture.**"), List.of());
        facts = MethodScan.scan(new ClassReader(original), name -> true, fixtures::instruments);
        ClassInstrumenter ci = new ClassInstrumenter(fixtures, new MethodPatterns(List.of()), new MethodPatterns(List.of()));
        rewritten = ci.instrument(original).bytes;
        loops = new ClassInstrumenterTest.InstrumentingLoader(ci).loadClass(ClassInstrumenterTest.FIXTURE + "Loops");
    }

    @AfterEach
    void uninstall() {
        Gil.install(new GilLock(GilLock.Mode.DISABLED, 5_000_000L, 100));
    }

    @ParameterizedTest
    @CsvSource({
        "fillThenSpin(I)J, false",
        "fillThenCallInLoop(I)J, true",
        "fillThenBranch(I)J, true",
    })
    void onlyACallLeadingStraightIntoALoopWithoutCallsLosesItsCheck(String method, boolean checked) {
        assertThat(facts.get(method).loops()).as(method + " has a strip-mined loop").isNotEmpty();
        assertThat(facts.get(method).callsIntoQuietLoops().length).as(method).isEqualTo(checked ? 0 : 1);
        List<String> calls = calls(rewritten, method);
        int fill = calls.indexOf(FILL);
        assertThat(fill).as(method + ": " + calls).isNotNegative();
        assertThat(calls.get(fill + 1).equals("io/gil4j/bootstrap/Gil.afterCall"))
                .as(method + ": the call after Arrays.fill is the check: " + calls).isEqualTo(checked);
    }

    @Test
    void withoutStripMiningTheCallKeepsItsCheck() {
        ClassInstrumenter unmined = new ClassInstrumenter(new ClassFilter(List.of("io.gil4j.fixture.**"), List.of()),
                new MethodPatterns(List.of()), new MethodPatterns(List.of()), false, true, true);
        byte[] original;
        try (InputStream in = Loops.class.getResourceAsStream("Loops.class")) {
            original = in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> calls = calls(unmined.instrument(original).bytes, "fillThenSpin(I)J");
        assertThat(calls.get(calls.indexOf(FILL) + 1)).isEqualTo("io/gil4j/bootstrap/Gil.afterCall");
    }

    @Test
    void theLoopAfterTheUncheckedCallHonoursDropRequestsAndGivesTheOriginalResult() throws Exception {
        assertThat(loops.getMethod("fillThenSpin", int.class).invoke(null, 100_000)).isEqualTo(Loops.fillThenSpin(100_000));
        StripMiningTest.assertAWaiterGetsTheGilDuring(loops.getMethod("fillThenSpin", int.class), 50_000_000, 400_000_000);
    }

    /** The method's calls in order, as {@code owner.name}. */
    private static List<String> calls(byte[] classFile, String method) {
        List<String> out = new ArrayList<>();
        StripMiningTest.visitCode(classFile, method, new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
                out.add(owner + "." + name);
            }
        });
        return out;
    }
}
