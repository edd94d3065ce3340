package io.gil4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.Test;

/** What a call linked by {@link HeldLink} reaches, and what it throws where {@code invokestatic} would throw. */
class HeldLinkTest {
    static final MethodType COPY = MethodType.methodType(int.class, int.class, Gil.class);

    /** A class with a held copy, as the instrumenter writes one (private, a last {@code Gil} parameter). */
    static final class WithCopy {
        static int m(int x) {
            return x + 1;
        }

        @SuppressWarnings("unused")
        private static int m(int x, Gil held) {
            return x + 1000;
        }
    }

    static final class WithoutCopy {
        static int m(int x) {
            return x + 2;
        }
    }

    private static int call(String owner, String name, int x) throws Throwable {
        CallSite site = HeldLink.linkStatic(MethodHandles.lookup(), name, COPY, owner.replace('.', '/'));
        return (int) site.dynamicInvoker().invokeExact(x, (Gil) null);
    }

    @Test
    void aCopyIsCalledWhereTheCalleeHasOne() throws Throwable {
        assertThat(call(WithCopy.class.getName(), "m", 1)).isEqualTo(1001);
    }

    @Test
    void theMethodItselfIsCalledWhereTheCalleeHasNoCopy() throws Throwable {
        assertThat(call(WithoutCopy.class.getName(), "m", 1)).isEqualTo(3);
    }

    @Test
    void whatInvokestaticWouldThrowIsThrownAtEveryCall() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> call(WithoutCopy.class.getName(), "absent", 1)).isExactlyInstanceOf(NoSuchMethodError.class)
                    .hasMessageContaining("absent(I)I");
            assertThatThrownBy(() -> call("io.gil4j.bootstrap.NoSuchClass", "m", 1))
                    .isExactlyInstanceOf(NoClassDefFoundError.class).hasMessageContaining("NoSuchClass");
        }
        Throwable first = org.assertj.core.api.Assertions.catchThrowable(() -> call(WithoutCopy.class.getName(), "absent", 1));
        Throwable second = org.assertj.core.api.Assertions.catchThrowable(() -> call(WithoutCopy.class.getName(), "absent", 1));
        assertThat(first).isNotSameAs(second);
    }
}
