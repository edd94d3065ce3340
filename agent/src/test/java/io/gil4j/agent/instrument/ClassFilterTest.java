package io.gil4j.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassFilterTest {

    @ParameterizedTest
    @CsvSource({
        "com.example.**, com/example/Foo, true",
        "com.example.**, com/example/deep/Bar$Inner, true",
        "com.example.**, com/examples/Foo, false",
        "com.example.*, com/example/Foo, true",
        "com.example.*, com/example/Foo$1, true",
        "com.example.*, com/example/deep/Foo, false",
        "com.example.Foo, com/example/Foo, true",
        "com.example.Foo, com/example/FooBar, false",
        "com.example.Fo?, com/example/Foo, true",
        "**, java/lang/String, false",
        "**, io/gil4j/bootstrap/Gil, false",
        "**, io/gil4j/shaded/bytebuddy/ByteBuddy, false",
        "**, io/gil4j/demo/Main, true",
        "**, jdk/jfr/Event, false",
    })
    void globs(String include, String internalName, boolean expected) {
        assertThat(new ClassFilter(List.of(include), List.of()).instruments(internalName)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"com/example/Foo, true", "com/example/internal/Foo, false", "com/example/FooTest, false"})
    void excludeWins(String internalName, boolean expected) {
        ClassFilter f = new ClassFilter(List.of("com.example.**"), List.of("com.example.internal.**", "**Test"));
        assertThat(f.instruments(internalName)).isEqualTo(expected);
    }
}
