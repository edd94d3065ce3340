package io.gil4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.agent.instrument.ClassFilter;
import io.gil4j.agent.instrument.ClassInstrumenter;
import io.gil4j.agent.instrument.MethodPatterns;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every class of real libraries, instrumented as the agent would (strip-mined loops, private methods
 * without entries, nest members' included, their hosts' class files read as the transformer does),
 * must pass the JVM's verifier: the classes are defined in a loader of their own and each is
 * initialized, once as they are and once instrumented, and the two passes must link the same classes.
 * The libraries are the test classpath's Jetty 12 (Java 17 class files with nests), Netty 4.2 and
 * Jackson 2 (Java 8 class files); a class that fails without the agent too (an optional dependency
 * missing) fails the same way in both passes.
 */
class LibrariesLinkIT {

    /** What one pass over a library's jars gave: classes initialized, and each failure by class. */
    record Pass(int linked, TreeMap<String, String> failures) {
        List<String> verifyErrors() {
            List<String> out = new ArrayList<>();
            failures.forEach((c, f) -> {
                if (f.startsWith("java.lang.VerifyError") || f.startsWith("java.lang.ClassFormatError")) out.add(c + ": " + f);
            });
            return out;
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/org/eclipse/jetty/, org.eclipse.jetty.**",
        "/io/netty/, io.netty.**",
        "/com/fasterxml/jackson/, com.fasterxml.jackson.**",
    })
    void everyClassOfTheLibraryLinksInstrumented(String jarPath, String include) throws Exception {
        List<File> jars = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.replace('\\', '/').contains(jarPath) && e.endsWith(".jar")) jars.add(new File(e));
        }
        assertThat(jars).as("jars of %s on the test classpath", jarPath).isNotEmpty();
        ClassFilter filter = new ClassFilter(List.of(include), List.of());
        ClassInstrumenter instrumenter = new ClassInstrumenter(filter, new MethodPatterns(List.of()),
                new MethodPatterns(List.of()), true, true, true);
        Pass plain = pass(jars, filter, null);
        Pass instrumented = pass(jars, filter, instrumenter);
        System.out.printf("libraries-link: %s: %d jars, %d classes linked as they are, %d instrumented, %d failing both ways%n",
                include, jars.size(), plain.linked(), instrumented.linked(), plain.failures().size());
        assertThat(instrumented.verifyErrors()).as("verify errors of the instrumented classes").isEmpty();
        assertThat(plain.linked()).as("classes linked without instrumentation").isGreaterThan(200);
        assertThat(instrumented.failures().keySet()).as("classes that failed only once instrumented")
                .isEqualTo(plain.failures().keySet());
        assertThat(instrumented.linked()).isEqualTo(plain.linked());
    }

    private static Pass pass(List<File> jars, ClassFilter filter, ClassInstrumenter instrumenter) throws IOException {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) urls[i] = jars.get(i).toURI().toURL();
        int linked = 0;
        TreeMap<String, String> failures = new TreeMap<>();
        try (ChildFirst loader = new ChildFirst(urls, filter, instrumenter)) {
            for (File jar : jars) {
                try (ZipFile z = new ZipFile(jar)) {
                    for (ZipEntry e : Collections.list(z.entries())) {
                        String n = e.getName();
                        if (!n.endsWith(".class") || n.startsWith("META-INF/") || n.endsWith("module-info.class")
                                || n.endsWith("package-info.class")) {
                            continue;
                        }
                        String name = n.substring(0, n.length() - ".class".length()).replace('/', '.');
                        try {
                            Class.forName(name, true, loader);
                            linked++;
                        } catch (Throwable t) {
                            Throwable root = t instanceof ExceptionInInitializerError && t.getCause() != null ? t.getCause() : t;
                            failures.put(name, root.getClass().getName() + ": " + root.getMessage());
                        }
                    }
                }
            }
        }
        return new Pass(linked, failures);
    }

    /** Defines the libraries' classes itself (instrumented when an instrumenter is given); the rest from the test's loader. */
    static final class ChildFirst extends URLClassLoader {
        private final ClassFilter filter;
        private final ClassInstrumenter instrumenter;

        ChildFirst(URL[] urls, ClassFilter filter, ClassInstrumenter instrumenter) {
            super(urls, LibrariesLinkIT.class.getClassLoader());
            this.filter = filter;
            this.instrumenter = instrumenter;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            String internal = name.replace('.', '/');
            if (!filter.instruments(internal)) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c != null) return c;
                try (InputStream in = getResourceAsStream(internal + ".class")) {
                    if (in == null) throw new ClassNotFoundException(name);
                    byte[] original = in.readAllBytes();
                    byte[] bytes = original;
                    if (instrumenter != null) {
                        ClassInstrumenter.Result r = instrumenter.instrument(original, this::classFile);
                        if (r.bytes != null) bytes = r.bytes;
                    }
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }

        /** What the agent's transformer reads for a nest member's host: the class file, not the class. */
        private byte[] classFile(String internalName) {
            try (InputStream in = getResourceAsStream(internalName + ".class")) {
                return in == null ? null : in.readAllBytes();
            } catch (IOException e) {
                return null;
            }
        }
    }
}
