package io.gil4j.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.bytebuddy.jar.asm.ClassReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which private methods of {@code io.gil4j.fixture.PrivateCalls} only GIL-holding code calls. */
class HeldCalleesTest {

    static final Set<String> HELD_IN_HOST = Set.of("fromMethod(I)I", "loopFromMethod(I)I", "instanceFromMethod()I",
            "throwsOut(I)I", "hostHelper(I)I", "fromReleased(I)I", "fib(I)J");

    static Stream<Arguments> settings() {
        Set<String> withoutReleased = new java.util.HashSet<>(HELD_IN_HOST);
        withoutReleased.remove("fromReleased(I)I");
        return Stream.of(
                // called from a constructor, named by a method handle (a method reference, a lambda's body),
                // annotated, or a serialization hook: never held
                Arguments.of("PrivateCalls", List.of(), List.of(), true, HELD_IN_HOST),
                // a release method calls it: its caller does not hold the GIL there
                Arguments.of("PrivateCalls", List.of(), List.of("io.gil4j.fixture.PrivateCalls.released"), true,
                        withoutReleased),
                // a release method in a nestmate could call any private method of the host
                Arguments.of("PrivateCalls", List.of(), List.of("io.gil4j.fixture.PrivateCalls$Inner.*"), true,
                        Set.of()),
                // a nestmate left uninstrumented calls the host's private methods without the GIL
                Arguments.of("PrivateCalls", List.of("io.gil4j.fixture.PrivateCalls$Inner"), List.of(), true,
                        Set.of()),
                // a nest member: its host's class file lists the other members that may call it
                Arguments.of("PrivateCalls$Inner", List.of(), List.of(), true, Set.of("fromHost(I)I")),
                // ... and where it cannot be read, the member's private methods keep their entries
                Arguments.of("PrivateCalls$Inner", List.of(), List.of(), false, Set.of()),
                // a member whose host is left uninstrumented
                Arguments.of("PrivateCalls$Inner", List.of("io.gil4j.fixture.PrivateCalls"), List.of(), true,
                        Set.of()));
    }

    @ParameterizedTest(name = "{0} exclude={1} release={2} host readable={3}")
    @MethodSource("settings")
    void heldAreThePrivateMethodsOnlyGilHoldersCall(String fixture, List<String> exclude, List<String> release,
                                                      boolean hostReadable, Set<String> expected) throws Exception {
        ClassFilter filter = new ClassFilter(List.of("io.gil4j.fixture.**"), exclude);
        MethodPatterns releases = new MethodPatterns(release);
        ClassReader reader = new ClassReader(classFile("io/gil4j/fixture/" + fixture));
        String owner = reader.getClassName();
        Set<String> held = HeldCallees.find(reader, filter,
                key -> !releases.matches(owner, key.substring(0, key.indexOf('('))),
                member -> !releases.matchesClass(member),
                name -> hostReadable ? classFile(name) : null);
        assertThat(held).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static byte[] classFile(String internalName) {
        try (InputStream in = HeldCalleesTest.class.getResourceAsStream("/" + internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
