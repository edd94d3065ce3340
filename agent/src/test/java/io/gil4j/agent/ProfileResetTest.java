package io.gil4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When the profiles are reset, and of which classes. What the reset does to the JIT is ProfileResetIT's (a real JVM). */
class ProfileResetTest {

    @ParameterizedTest(name = "{index}: {3}")
    @CsvSource(delimiter = '|', value = {
        // enabled | attached | retransform supported | expected
        "true  | false | true  | ",
        "false | false | true  | resetProfiles=false",
        "true  | true  | true  | attached to a running JVM",
        "true  | false | false | the JVM cannot retransform classes",
    })
    void resetsOnlyAtStartUpWhereItCan(boolean enabled, boolean attached, boolean supported, String expected) {
        assertThat(ProfileReset.skipReason(enabled, attached, supported)).isEqualTo(expected);
    }

    @Test
    void everyNamedClassExistsOnTheFloorJdk() throws Exception {
        for (String name : ProfileReset.CLASSES) {
            assertThat(Class.forName(name, false, null).getName()).isEqualTo(name);
        }
    }

    @Test
    void targetsAreTheLoadedNamedClassesOnly() {
        Class<?>[] loaded = {java.util.HashMap.class, StringBuilder.class, java.util.ArrayList.class, Map.class, List.class,
                String.class};
        assertThat(ProfileReset.targets(loaded, c -> true))
                .containsExactly(java.util.HashMap.class, java.util.ArrayList.class, String.class);
        assertThat(ProfileReset.targets(loaded, c -> c != java.util.HashMap.class))
                .containsExactly(java.util.ArrayList.class, String.class);
    }
}
