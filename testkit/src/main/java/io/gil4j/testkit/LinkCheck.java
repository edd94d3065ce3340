package io.gil4j.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Links every class of some jars in a loader of its own, each class file passed through a transformer
 * first (gil4j's instrumenter, or none), and says which classes linked and which failed and why: the
 * JVM's own verifier judges the transformer's output. Run it once without and once with the
 * transformer, and a class that fails only with it is the transformer's fault; one that fails both ways
 * (an optional dependency that is not there) is not.
 *
 * <p>Assumptions and guarantees: each class is initialized, so its static initializer runs, as it would
 * in the program; the classes the predicate accepts are defined from the jars by this loader, transformed,
 * and everything else comes from the caller's loader. The loader is closed at the end of each pass.
 *
 * <p>Example: {@code LinkCheck.Pass p = LinkCheck.pass(jars, n -> n.startsWith("org/eclipse/jgit/"), (bytes,
 * classFiles) -> instrumenter.instrument(bytes, classFiles).bytes);}
 */
public final class LinkCheck {
    private LinkCheck() { }

    /** What one pass over the jars gave: classes initialized, and each failure (exception and message) by class. */
    public record Pass(int linked, TreeMap<String, String> failures) {
        /** The classes that failed with a {@code VerifyError} or {@code ClassFormatError}, with it. */
        public List<String> verifyErrors() {
            List<String> out = new ArrayList<>();
            failures.forEach((c, f) -> {
                if (isVerifyError(f)) out.add(c + ": " + f);
            });
            return out;
        }
    }

    /** Whether a failure as {@link Pass} records it is the verifier's or the class-file parser's. */
    public static boolean isVerifyError(String failure) {
        return failure.startsWith("java.lang.VerifyError") || failure.startsWith("java.lang.ClassFormatError");
    }

    /**
     * One pass: every class of the jars (but module and package infos), in jar order.
     *
     * @param owned       internal names of the classes this pass defines itself (the rest: the caller's loader)
     * @param transformer class file and a reader of the jars' other class files, to the new class file
     *                    (null: unchanged); null for a pass without transformation
     */
    public static Pass pass(List<File> jars, Predicate<String> owned,
                            BiFunction<byte[], Function<String, byte[]>, byte[]> transformer) throws IOException {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) urls[i] = jars.get(i).toURI().toURL();
        int linked = 0;
        TreeMap<String, String> failures = new TreeMap<>();
        try (ChildFirst loader = new ChildFirst(urls, owned, transformer)) {
            for (String name : classNames(jars)) {
                try {
                    Class.forName(name, true, loader);
                    linked++;
                } catch (Throwable t) {
                    Throwable root = t instanceof ExceptionInInitializerError && t.getCause() != null ? t.getCause() : t;
                    failures.put(name, root.getClass().getName() + ": " + root.getMessage());
                }
            }
        }
        return new Pass(linked, failures);
    }

    /** The binary names of the jars' classes, module and package infos left out. */
    public static List<String> classNames(List<File> jars) throws IOException {
        List<String> out = new ArrayList<>();
        for (File jar : jars) {
            try (ZipFile z = new ZipFile(jar)) {
                for (ZipEntry e : Collections.list(z.entries())) {
                    String n = e.getName();
                    if (!n.endsWith(".class") || n.startsWith("META-INF/") || n.endsWith("module-info.class")
                            || n.endsWith("package-info.class")) {
                        continue;
                    }
                    out.add(n.substring(0, n.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
        return out;
    }

    private static final class ChildFirst extends URLClassLoader {
        private final Predicate<String> owned;
        private final BiFunction<byte[], Function<String, byte[]>, byte[]> transformer;

        ChildFirst(URL[] urls, Predicate<String> owned, BiFunction<byte[], Function<String, byte[]>, byte[]> transformer) {
            super(urls, LinkCheck.class.getClassLoader());
            this.owned = owned;
            this.transformer = transformer;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            String internal = name.replace('.', '/');
            if (!owned.test(internal)) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c != null) return c;
                byte[] bytes = classFile(internal);
                if (bytes == null) throw new ClassNotFoundException(name);
                if (transformer != null) {
                    byte[] changed = transformer.apply(bytes, this::classFile);
                    if (changed != null) bytes = changed;
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        }

        /** A class file of the jars as it is: what the agent's transformer reads for a nest member's host. */
        private byte[] classFile(String internalName) {
            try (InputStream in = getResourceAsStream(internalName + ".class")) {
                return in == null ? null : in.readAllBytes();
            } catch (IOException e) {
                return null;
            }
        }
    }
}
