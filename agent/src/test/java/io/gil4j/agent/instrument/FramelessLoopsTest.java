package io.gil4j.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.bootstrap.Gil;
import io.gil4j.bootstrap.GilLock;
import io.gil4j.fixture.OldLoops;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Class files from before Java 6 carry no frames ({@link LoopFinder#FRAMELESS}): their loops are mined as
 * the same code's in a Java 17 class file, and the rewritten class passes the JVM's verifier, gives the
 * original results and hands the GIL over in the middle of a long loop. The fixture is compiled for Java
 * 17 and rewritten here as a Java 5 class file without its frames. Until 2026-12-06 such classes
 * (commons-math3 3.6.1's) kept a checkpoint at every way back.
 */
class FramelessLoopsTest {
    static final String OWNER = "io.gil4j.fixture.OldLoops";

    byte[] modern;
    byte[] java5;
    ClassInstrumenter instrumenter;

    @BeforeEach
    void load() throws Exception {
        Gil.install(new GilLock(GilLock.Mode.GIL, 5_000_000L, 100));
        try (InputStream in = OldLoops.class.getResourceAsStream("OldLoops.class")) {
            modern = in.readAllBytes();
        }
        java5 = asJava5(modern);
        instrumenter = new ClassInstrumenter(new ClassFilter(List.of("io.gil4j.fixture.**"), List.of()),
                new MethodPatterns(List.of()), new MethodPatterns(List.of()));
    }

    @AfterEach
    void uninstall() {
        Gil.install(new GilLock(GilLock.Mode.DISABLED, 5_000_000L, 100));
    }

    /** The class file as javac's {@code -target 1.5} would write it: version 49, no StackMapTable. */
    static byte[] asJava5(byte[] classFile) {
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String sig, String superName, String[] ifs) {
                super.visit(Opcodes.V1_5, access, name, sig, superName, ifs);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }

    @Test
    void theFixtureIsAJava5ClassWithoutFrames() {
        assertThat(new ClassReader(java5).readUnsignedShort(6)).as("major version").isEqualTo(49);
        assertThat(new String(java5, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("StackMapTable");
        assertThat(new String(modern, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("StackMapTable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocks(II)J", "upTo(I)J", "spin(J)J", "withContinue(I)J", "listSum(Ljava/util/List;)J",
            "nested(II)J"})
    void loopsAreMinedAsInAJava17ClassFile(String method) {
        List<StripMinedLoop> old = MethodScan.scan(new ClassReader(java5)).get(method).loops();
        List<StripMinedLoop> now = MethodScan.scan(new ClassReader(modern)).get(method).loops();
        assertThat(now).as(method).isNotEmpty();
        assertThat(old).as(method).hasSameSizeAs(now);
        for (int i = 0; i < now.size(); i++) {
            StripMinedLoop o = old.get(i), n = now.get(i);
            String what = method + " loop " + i;
            assertThat(o.header()).as(what).isEqualTo(n.header());
            assertThat(o.backEdge()).as(what).isEqualTo(n.backEdge());
            assertThat(o.countedAtBackEdge()).as(what + ": counted at its back-edge").isEqualTo(n.countedAtBackEdge());
            assertThat(o.outerHeader()).as(what + ": outer header").isEqualTo(n.outerHeader());
            assertThat(o.latched()).as(what + ": latched").hasSameSizeAs(n.latched());
            assertThat(o.callsInBody()).as(what + ": hint at its way back").isEqualTo(n.callsInBody());
            assertThat(o.chunk()).as(what + ": chunk").isEqualTo(n.chunk());
        }
        assertThat(ForeignBytecodeShapesTest.gilCalls(instrumenter.instrument(java5).bytes, method))
                .as(method + ": the GIL's calls in the rewritten code")
                .isEqualTo(ForeignBytecodeShapesTest.gilCalls(instrumenter.instrument(modern).bytes, method));
    }

    @Test
    void theRewrittenJava5ClassVerifiesAndGivesTheOriginalResults() throws Exception {
        Class<?> c = define(instrumenter.instrument(java5).bytes);
        assertThat(c.getMethod("blocks", int.class, int.class).invoke(null, 9, 13)).isEqualTo(OldLoops.blocks(9, 13));
        assertThat(c.getMethod("blocks", int.class, int.class).invoke(null, 4, 52)).isEqualTo(OldLoops.blocks(4, 52));
        for (int n : new int[] {0, 1, 3, 4, 5, 100_000}) {
            assertThat(c.getMethod("upTo", int.class).invoke(null, n)).isEqualTo(OldLoops.upTo(n));
            assertThat(c.getMethod("spin", long.class).invoke(null, (long) n)).isEqualTo(OldLoops.spin(n));
            assertThat(c.getMethod("withContinue", int.class).invoke(null, n)).isEqualTo(OldLoops.withContinue(n));
            assertThat(c.getMethod("nested", int.class, int.class).invoke(null, n % 1000, 77))
                    .isEqualTo(OldLoops.nested(n % 1000, 77));
        }
        List<Integer> xs = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) xs.add(i * 7);
        assertThat(c.getMethod("listSum", List.class).invoke(null, xs)).isEqualTo(OldLoops.listSum(xs));
        assertThat(Gil.lock().owner()).isNull();
    }

    /** The one checkpoint between chunks still serves a waiter in the middle of a long loop. */
    @Test
    void aLongLoopInAJava5ClassHandsTheGilOver() throws Exception {
        Method spin = define(instrumenter.instrument(java5).bytes).getMethod("spin", long.class);
        StripMiningTest.assertAWaiterGetsTheGilDuring(spin, 20_000_000L, 160_000_000L);
    }

    private static Class<?> define(byte[] bytes) {
        return new ClassLoader(FramelessLoopsTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(OWNER, bytes, 0, bytes.length);
            }
        }.define();
    }
}
