package io.gil4j.testkit;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JDKs the end-to-end tests run on: the one running the tests, and JDK 25, found without an install
 * path written into any test.
 *
 * <p>Where JDK 25 comes from, first match wins: the system property {@code gil.jdk25} (Maven passes
 * {@code -Dgil.jdk25=...} through), the environment variable {@code JAVA25_HOME}, then the usual
 * places JDKs are installed ({@code /usr/lib/jvm}, {@code /usr/java}, {@code /opt/java}, {@code /opt},
 * SDKMAN and IntelliJ's {@code ~/.jdks}, macOS's {@code /Library/Java/JavaVirtualMachines}), each JDK
 * recognised by the version in its {@code release} file, as Maven's toolchains discovery does.
 *
 * <p>Assumptions and guarantees: a JDK that is not found is never skipped silently. Where the
 * environment variable {@code GIL4J_REQUIRE_JDK25} is set (CI sets it), {@link #underTest()} throws
 * with one line saying what is missing; elsewhere it prints that line and the tests run on this JDK only.
 */
public final class Jdks {
    private Jdks() { }

    public static final String PROPERTY = "gil.jdk25";
    public static final String ENV = "JAVA25_HOME";
    public static final String REQUIRE_ENV = "GIL4J_REQUIRE_JDK25";
    private static final int SECOND = 25;

    /** This JVM's java launcher. */
    public static String self() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The launchers to test: this JVM's, then JDK 25's where found (see the class comment). */
    public static List<String> underTest() {
        List<String> out = new ArrayList<>(List.of(self()));
        Optional<Path> second = find(SECOND);
        if (second.isPresent()) {
            if (!second.get().toString().equals(self())) out.add(second.get().toString());
        } else {
            String missing = "JDK " + SECOND + " not found (set -D" + PROPERTY + "=<JDK home> or " + ENV
                    + "): end-to-end tests run on this JDK only";
            if (System.getenv(REQUIRE_ENV) != null) throw new IllegalStateException(missing);
            System.err.println(missing);
        }
        return out;
    }

    /** A java launcher of the given feature version, from the property, the variable or the usual places. */
    public static Optional<Path> find(int feature) {
        for (String given : new String[] {System.getProperty("gil.jdk" + feature), System.getenv("JAVA" + feature + "_HOME")}) {
            if (given == null || given.isBlank()) continue;
            Optional<Path> java = launcher(Path.of(given.trim()));
            if (java.isPresent() && feature(java.get().toString()) == feature) return java;
            throw new IllegalStateException("'" + given + "' is not a JDK " + feature + " (no bin/java with JAVA_VERSION=\""
                    + feature + "...\" in its release file)");
        }
        String home = System.getProperty("user.home", "");
        List<Path> roots = List.of(Path.of("/usr/lib/jvm"), Path.of("/usr/java"), Path.of("/opt/java"), Path.of("/opt"),
                Path.of(home, ".sdkman", "candidates", "java"), Path.of(home, ".jdks"),
                Path.of("/Library/Java/JavaVirtualMachines"));
        for (Path root : roots) {
            if (!Files.isDirectory(root)) continue;
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
                for (Path d : sorted(dirs)) {
                    Optional<Path> java = launcher(Files.isDirectory(d.resolve("Contents/Home")) ? d.resolve("Contents/Home") : d);
                    if (java.isPresent() && feature(java.get().toString()) == feature) return java;
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable directory is not a JDK
            }
        }
        return Optional.empty();
    }

    /** The feature version (17, 25) of a java launcher, from its JDK's release file; 0 if unknown. */
    public static int feature(String java) {
        try {
            Path release = Path.of(java).toAbsolutePath().getParent().getParent().resolve("release");
            for (String l : Files.readAllLines(release)) {
                if (l.startsWith("JAVA_VERSION=")) {
                    String v = l.substring(l.indexOf('"') + 1);
                    String first = v.split("[.\"+-]")[0];
                    return Integer.parseInt(first.equals("1") ? v.split("[.\"]")[1] : first);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return java.equals(self()) ? Runtime.version().feature() : 0;
    }

    /** bin/java under a JDK home, or the path itself when it is a launcher. */
    private static Optional<Path> launcher(Path p) {
        Path java = Files.isDirectory(p) ? p.resolve("bin").resolve("java") : p;
        return Files.isExecutable(java) && !Files.isDirectory(java) ? Optional.of(java.toAbsolutePath().normalize()) : Optional.empty();
    }

    private static List<Path> sorted(DirectoryStream<Path> dirs) {
        List<Path> out = new ArrayList<>();
        dirs.forEach(out::add);
        out.sort(null);
        return out;
    }
}
