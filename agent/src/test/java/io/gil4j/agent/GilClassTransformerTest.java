package io.gil4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.agent.instrument.ClassFilter;
import io.gil4j.agent.instrument.ClassInstrumenter;
import io.gil4j.agent.instrument.MethodPatterns;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/** The transformer as the JVM calls it: a class's bytes and its loader, which it reads a nest's host through. */
class GilClassTransformerTest {

    static final String MEMBER = "io/gil4j/fixture/PrivateCalls$Inner";

    private static List<String> gilCallsOf(byte[] classFile, String method) {
        List<String> calls = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                if (!name.equals(method)) return null;
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String m, String d, boolean itf) {
                        if (owner.equals("io/gil4j/bootstrap/Gil")) calls.add(m);
                    }
                };
            }
        }, 0);
        return calls;
    }

    private static byte[] transform(ClassLoader loader) throws Exception {
        GilClassTransformer t = new GilClassTransformer(new ClassInstrumenter(
                new ClassFilter(List.of("io.gil4j.fixture.**"), List.of()), new MethodPatterns(List.of()),
                new MethodPatterns(List.of())));
        byte[] original;
        try (InputStream in = GilClassTransformerTest.class.getResourceAsStream("/" + MEMBER + ".class")) {
            original = in.readAllBytes();
        }
        return t.transform(loader, MEMBER, null, null, original);
    }

    @Test
    void aNestMembersPrivateMethodLosesItsEntryWhenItsLoaderHasTheHostsClassFile() throws Exception {
        assertThat(gilCallsOf(transform(getClass().getClassLoader()), "fromHost")).doesNotContain("enter", "enterLeaf", "needsNothing", "exit");
    }

    @Test
    void withoutTheHostsClassFileItKeepsItsEntry() throws Exception {
        ClassLoader empty = new ClassLoader(null) { };
        assertThat(gilCallsOf(transform(empty), "fromHost")).contains("exit");
        assertThat(gilCallsOf(transform(null), "fromHost")).as("the boot loader's").contains("exit");
    }
}
