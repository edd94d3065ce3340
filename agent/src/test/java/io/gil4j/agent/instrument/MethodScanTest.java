package io.gil4j.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which methods are leaves: no backward jump, no call but {@link ShortCalls}. */
class MethodScanTest {

    static Map<String, MethodScan.Facts> scan(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
            return MethodScan.scan(new ClassReader(in.readAllBytes()));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "<init>(D)V, true",                      // super() to Object and a field store
        "arithmetic(II)D, true",
        "withShortJdkCalls(D)D, true",           // Math.sqrt, Math.abs, Integer.bitCount
        "branchesForwardOnly(I)I, true",         // forward jumps and a switch
        "withLoop(I)J, false",
        "callsInstrumented(I)D, false",          // the callee might be long: the caller keeps its checkpoint
        "callsUninstrumented(Ljava/lang/String;)I, false",
        "withLambda()Ljava/lang/Runnable;, false", // invokedynamic
    })
    void leaves(String method, boolean leaf) throws IOException {
        Map<String, MethodScan.Facts> facts = scan(io.gil4j.fixture.Shapes.class);
        assertThat(facts).containsKey(method);
        assertThat(facts.get(method).leaf()).as(method).isEqualTo(leaf);
        assertThat(facts.get(method).leftAlone()).isFalse();
        assertThat(facts.get(method).maxLocals()).isNotNegative();
    }

    /**
     * Whether a method calls a class the agent instruments: with {@code io.gil4j.fixture.**} included, a
     * call within the class or to another fixture class does, a call into the JDK or a lambda's creation
     * does not; scanned without a filter, every call outside the JDK counts (the JDK is never instrumented).
     */
    @ParameterizedTest
    @CsvSource({
        "callsInstrumented(I)D, true, true",                    // a static method of its own class
        "callsUninstrumented(Ljava/lang/String;)I, false, false", // String.trim, String.length: the JDK
        "withLambda()Ljava/lang/Runnable;, false, false",        // invokedynamic: creates, calls nothing
        "withLoop(I)J, false, false",
    })
    void callsToInstrumentedClasses(String method, boolean withFilter, boolean withoutFilter) throws IOException {
        byte[] bytes;
        try (InputStream in = MethodScanTest.class.getResourceAsStream("/io/gil4j/fixture/Shapes.class")) {
            bytes = in.readAllBytes();
        }
        ClassFilter fixtures = new ClassFilter(List.of("io.gil4j.fixture.**"), List.of());
        assertThat(MethodScan.scan(new ClassReader(bytes), name -> true, fixtures::instruments).get(method)
                .callsInstrumented()).as(method + " with io.gil4j.fixture.** included").isEqualTo(withFilter);
        assertThat(MethodScan.scan(new ClassReader(bytes)).get(method).callsInstrumented())
                .as(method + " with every class counted as instrumented").isEqualTo(withoutFilter);
        ClassFilter excluded = new ClassFilter(List.of("io.gil4j.fixture.**"), List.of("io.gil4j.fixture.Shapes"));
        assertThat(MethodScan.scan(new ClassReader(bytes), name -> true, excluded::instruments)
                .get("callsInstrumented(I)D").callsInstrumented()).as("its own class excluded").isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "io.gil4j.fixture.Values$Node, <init>(Lio/gil4j/fixture/Values$Node;Lio/gil4j/fixture/Values$Node;)V, true",
        "io.gil4j.fixture.Values$Named, <init>(Ljava/lang/String;)V, true",
        "io.gil4j.fixture.Values$Derived, <init>(I)V, false", // Object.hashCode is not short
        "io.gil4j.fixture.Values$Colour, <init>(Ljava/lang/String;I)V, true",
    })
    void recordAndEnumConstructorsAreLeaves(String type, String method, boolean leaf) throws Exception {
        Map<String, MethodScan.Facts> facts = scan(Class.forName(type));
        assertThat(facts).containsKey(method);
        assertThat(facts.get(method).leaf()).as(type + "." + method).isEqualTo(leaf);
    }
}
