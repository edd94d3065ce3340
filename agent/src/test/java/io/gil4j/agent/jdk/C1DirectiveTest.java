package io.gil4j.agent.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.VMOption;
import java.util.Map;
import org.junit.jupiter.api.Test;

class C1DirectiveTest {
    private static VMOption set(String name, String value, VMOption.Origin origin) {
        return new VMOption(name, value, false, origin);
    }

    private static final Map<String, VMOption> DEFAULTS = Map.of(
            "CompileCommand", set("CompileCommand", "", VMOption.Origin.DEFAULT),
            "CompileCommandFile", set("CompileCommandFile", "", VMOption.Origin.DEFAULT));

    @Test
    void nothingOfTheirOwnWhereEveryFlagIsAtItsDefault() {
        // CompilerDirectivesFile is a diagnostic flag: a JVM that did not unlock them has no such flag.
        assertThat(C1Directive.usersOwn(DEFAULTS::get)).isNull();
    }

    @Test
    void theJvmsOwnCompileCommandsAndDirectivesAreFound() {
        Map<String, VMOption> commands = Map.of(
                "CompileCommand", set("CompileCommand", "quiet\ndontinline,a.B::c", VMOption.Origin.VM_CREATION),
                "CompileCommandFile", set("CompileCommandFile", "", VMOption.Origin.DEFAULT));
        assertThat(C1Directive.usersOwn(commands::get)).isEqualTo("-XX:CompileCommand=quiet,dontinline,a.B::c");

        Map<String, VMOption> fromEnvironment = Map.of(
                "CompileCommand", set("CompileCommand", "", VMOption.Origin.DEFAULT),
                "CompileCommandFile", set("CompileCommandFile", "cc.txt", VMOption.Origin.ENVIRON_VAR));
        assertThat(C1Directive.usersOwn(fromEnvironment::get)).isEqualTo("-XX:CompileCommandFile=cc.txt");

        Map<String, VMOption> directives = Map.of(
                "CompileCommand", set("CompileCommand", "", VMOption.Origin.DEFAULT),
                "CompileCommandFile", set("CompileCommandFile", "", VMOption.Origin.DEFAULT),
                "CompilerDirectivesFile", set("CompilerDirectivesFile", "d.json", VMOption.Origin.VM_CREATION));
        assertThat(C1Directive.usersOwn(directives::get)).isEqualTo("-XX:CompilerDirectivesFile=d.json");
    }

    /** A c2 block would take the fast paths' inlining away from the code that lasts. */
    @Test
    void theDirectiveLeavesOutOnlyTheGilsHelpersAndOnlyInC1() {
        assertThat(C1Directive.DIRECTIVE).contains("c1:").doesNotContain("c2:")
                .contains("\"-io/gil4j/bootstrap/*.*\"");
    }
}
