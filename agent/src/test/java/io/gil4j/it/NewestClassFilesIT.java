package io.gil4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.testkit.ChildJvm;
import io.gil4j.testkit.Jdks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class files of the newest JDK under test: a program compiled by JDK 25's javac with
 * {@code --release 25} (class file version 69: record patterns in a switch over a sealed interface,
 * guarded and {@code null} cases, unnamed variables, virtual threads) runs under the agent on JDK 25,
 * every class of it instrumented, and prints what it prints without the agent. The other end-to-end
 * tests run class files compiled for 17.
 */
class NewestClassFilesIT {
    static final String SOURCE = """
            package newest;

            import java.util.ArrayList;
            import java.util.List;
            import java.util.concurrent.Executors;
            import java.util.concurrent.Future;

            public class Modern {
                sealed interface Shape permits Circle, Square, Rect { }
                record Circle(double r) implements Shape { }
                record Square(double s) implements Shape { }
                record Rect(double w, double h) implements Shape { }

                static double area(Shape s) {
                    return switch (s) {
                        case Circle(var r) when r > 10 -> Math.PI * r * r;
                        case Circle(var r) -> Math.PI * r * r + 1;
                        case Square(var side) -> side * side;
                        case Rect(var w, var _) when w == 0 -> 0;
                        case Rect(var w, var h) -> w * h;
                    };
                }

                static String kind(Object o) {
                    return switch (o) {
                        case Integer i when i > 100 -> "big";
                        case Integer i -> "int";
                        case String str -> "str" + str.length();
                        case null -> "null";
                        default -> "other";
                    };
                }

                public static void main(String[] args) throws Exception {
                    List<Shape> shapes = new ArrayList<>();
                    for (int i = 0; i < 200_000; i++) {
                        shapes.add(i % 3 == 0 ? new Circle(i % 20) : i % 3 == 1 ? new Square(i % 7) : new Rect(i % 5, i % 11));
                    }
                    double total = 0;
                    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                        List<Future<Double>> parts = new ArrayList<>();
                        for (int t = 0; t < 8; t++) {
                            int me = t;
                            parts.add(pool.submit(() -> {
                                double sum = 0;
                                for (int i = me; i < shapes.size(); i += 8) sum += area(shapes.get(i));
                                return sum;
                            }));
                        }
                        for (var part : parts) total += part.get();
                    }
                    int kinds = 0;
                    for (Object o : new Object[] {1, 500, "abc", null, 2.0}) kinds += kind(o).length();
                    System.out.printf("total=%.3f kinds=%d%n", total, kinds);
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aProgramCompiledForJdk25RunsInstrumentedOnJdk25() throws Exception {
        Optional<Path> java25 = Jdks.find(25);
        // Jdks.underTest() fails in CI when JDK 25 is missing and says so elsewhere; so does this test.
        List<String> javas = Jvm.javas().toList();
        assertThat(java25.isPresent() || javas.size() == 1).as("JDK 25 found for the other tests").isTrue();
        if (java25.isEmpty()) {
            System.err.println("NewestClassFilesIT: JDK 25 not found, nothing to run (" + Jdks.PROPERTY + ")");
            return;
        }
        Path java = java25.get();
        Path javac = java.resolveSibling("javac");
        Path src = dir.resolve("src/newest/Modern.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE);
        Path classes = dir.resolve("classes");
        ChildJvm.exec(List.of(javac.toString(), "--release", "25", "-d", classes.toString(), src.toString()), 120).ok();
        assertThat(majorVersion(classes.resolve("newest/Modern.class"))).as("class file version").isEqualTo(69);

        ChildJvm.Result plain = ChildJvm.java(java.toString()).classpath(classes.toString()).main("newest.Modern")
                .timeout(120).run().ok();
        ChildJvm.Result gil = ChildJvm.java(java.toString()).agent(Jvm.AGENT, "include=newest.**,mode=gil,verbose=true")
                .jvm(Jvm.nativeAccess(java.toString())).classpath(classes.toString()).main("newest.Modern")
                .timeout(120).run().ok();
        System.out.printf("newest-class-files: without the agent %s, with it %s%n", plain.stdout.strip(), gil.stdout.strip());
        assertThat(plain.stdout).startsWith("total=");
        assertThat(gil.stdout).as("%s", gil).isEqualTo(plain.stdout);
        for (String c : List.of("newest.Modern ", "newest.Modern$Circle ", "newest.Modern$Square ", "newest.Modern$Rect ")) {
            assertThat(gil.stderr).as("%s", gil).contains("gil4j: instrumented " + c);
        }
        assertThat(gil.stderr).as("%s", gil).doesNotContain("Exception", "Error", "not instrumented");
    }

    private static int majorVersion(Path classFile) throws Exception {
        byte[] b = Files.readAllBytes(classFile);
        return ((b[6] & 0xff) << 8) | (b[7] & 0xff);
    }
}
