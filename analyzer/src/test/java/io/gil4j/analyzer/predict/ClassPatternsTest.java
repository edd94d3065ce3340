package io.gil4j.analyzer.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ClassPatternsTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "com.example.**, com.example.Foo, true",
            "com.example.**, com.example.deep.Foo$Bar, true",
            "com.example.**, com.examples.Foo, false",
            "com.example.*, com.example.Foo$Bar, true",
            "com.example.*, com.example.deep.Foo, false",
            "com.example.Foo, com.example.Foo, true",
            "com.example.Foo, com.example.Foo2, false",
            "com.example.Fo?, com.example.Foo, true",
            "com.example.Fo?, com.example.Fo.o, false",
            "'a.**;b.C', b.C, true",
            "'a.**;b.C', b.D, false",
            "**, java.lang.String, false",
            "**, jdk.internal.misc.Unsafe, false",
            "**, io.gil4j.bootstrap.Gil, false",
            "com/example/**, com.example.Foo, true",
    })
    void matchesAsTheAgentsIncludeOption(String patterns, String className, boolean expected) {
        assertThat(ClassPatterns.parse(patterns).matches(className)).isEqualTo(expected);
    }

    @Test
    void emptyPatternsAreRefusedWithOneLine() {
        assertThatThrownBy(() -> ClassPatterns.parse(" ; ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no class pattern in ' ; '");
    }
}
