package io.gil4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdksTest {
    @TempDir
    Path dir;

    private String saved;

    @AfterEach
    void restore() {
        if (saved == null) System.clearProperty("gil.jdk31");
        else System.setProperty("gil.jdk31", saved);
    }

    @Test
    void theRunningJdkKnowsItsOwnFeatureVersion() {
        assertThat(Jdks.feature(Jdks.self())).isEqualTo(Runtime.version().feature());
    }

    @Test
    void aJdkNamedByThePropertyIsRecognisedByItsReleaseFile() throws Exception {
        Path home = fakeJdk("31.0.2");
        saved = System.getProperty("gil.jdk31");
        System.setProperty("gil.jdk31", home.toString());
        assertThat(Jdks.find(31)).contains(home.resolve("bin/java").toAbsolutePath().normalize());
        assertThat(Jdks.feature(home.resolve("bin/java").toString())).isEqualTo(31);
    }

    @Test
    void aPropertyNamingSomethingElseIsAnErrorNotASkip() throws Exception {
        Path home = fakeJdk("30.0.1");
        saved = System.getProperty("gil.jdk31");
        System.setProperty("gil.jdk31", home.toString());
        assertThatThrownBy(() -> Jdks.find(31)).isInstanceOf(IllegalStateException.class).hasMessageContaining("is not a JDK 31");
    }

    @Test
    void aVersionNobodyInstalledIsNotFound() {
        assertThat(Jdks.find(99)).isEmpty();
    }

    private Path fakeJdk(String version) throws Exception {
        Path home = Files.createDirectories(dir.resolve("jdk-" + version));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }
}
