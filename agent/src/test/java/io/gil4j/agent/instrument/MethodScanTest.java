package io.gil4j.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
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
