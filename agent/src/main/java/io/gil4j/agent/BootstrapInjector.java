package io.gil4j.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the GIL core ({@code io.gil4j.bootstrap}) on the bootstrap class path, so that JDK classes
 * (whose blocking methods are wrapped) and application classes in any class loader call the same lock.
 *
 * <p>It copies the package's class files from the agent jar into a temporary jar and appends that. It
 * must run before anything in the agent touches a bootstrap class: the agent's own loader delegates
 * to its parents first, so once the bootstrap loader can see the package, every reference resolves
 * to the bootstrap copy and the agent-jar copy is never defined.
 */
final class BootstrapInjector {
    private BootstrapInjector() { }

    static final String PACKAGE_PATH = "io/gil4j/bootstrap/";

    static void inject(Instrumentation inst) throws IOException {
        Path agentJar = agentJar();
        if (agentJar == null || !Files.isRegularFile(agentJar)) return; // running from classes: tests
        Path tmp = TempFiles.create("gil4j-bootstrap-", ".jar");
        tmp.toFile().deleteOnExit();
        try (JarFile in = new JarFile(agentJar.toFile());
             OutputStream fos = Files.newOutputStream(tmp);
             JarOutputStream out = new JarOutputStream(fos)) {
            out.setLevel(java.util.zip.Deflater.NO_COMPRESSION); // a few classes, read once: no time for deflate
            for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (!entry.getName().startsWith(PACKAGE_PATH) || entry.isDirectory()) continue;
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream is = in.getInputStream(entry)) {
                    is.transferTo(out);
                }
                out.closeEntry();
            }
        }
        try (JarFile jar = new JarFile(tmp.toFile())) {
            inst.appendToBootstrapClassLoaderSearch(jar);
        }
        // The JVM opens the jar when it first loads a class from it, and keeps it open: once it has,
        // the file can go (a JVM that is killed or halted would otherwise leave it behind).
        try {
            Class.forName("io.gil4j.bootstrap.GilReasons", false, null);
            Files.deleteIfExists(tmp);
        } catch (ClassNotFoundException | IOException | LinkageError e) {
            // left to deleteOnExit
        }
    }

    private static Path agentJar() {
        try {
            var src = BootstrapInjector.class.getProtectionDomain().getCodeSource();
            if (src == null) return null;
            return new File(src.getLocation().toURI()).toPath();
        } catch (URISyntaxException | SecurityException e) {
            return null;
        }
    }
}
