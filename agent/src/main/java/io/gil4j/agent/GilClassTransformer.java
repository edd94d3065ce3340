package io.gil4j.agent;

import io.gil4j.agent.instrument.ClassInstrumenter;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * The application-facing transformer: names in, {@link ClassInstrumenter} for the classes the
 * options select, the class left exactly as it was (and reported once) if anything goes wrong.
 */
final class GilClassTransformer implements ClassFileTransformer {
    private final ClassInstrumenter instrumenter;

    GilClassTransformer(ClassInstrumenter instrumenter) {
        this.instrumenter = instrumenter;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain pd, byte[] bytes) {
        if (className == null || !instrumenter.wants(className)) return null;
        try {
            ClassInstrumenter.Result r = instrumenter.instrument(bytes, name -> classFile(loader, name));
            for (String m : r.skippedMethods) {
                Reporter.instrumentationFailed(className + "." + m, "method too large to instrument");
            }
            if (r.bytes != null) Reporter.info("instrumented " + className.replace('/', '.') + " (" + r.instrumentedMethods + " methods)");
            return r.bytes;
        } catch (Throwable t) {
            Reporter.instrumentationFailed(className, t.getClass().getSimpleName() + ": " + t.getMessage());
            return null;
        }
    }

    /**
     * Another class's file, as its loader would find it, without loading it (a nest member's host, for
     * its list of members); null where it cannot be read. Reading resources inside a transformer is
     * what ByteBuddy's own class file locators do.
     */
    private static byte[] classFile(ClassLoader loader, String internalName) {
        if (loader == null) return null; // the boot loader's classes are never instrumented
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (Throwable t) {
            return null;
        }
    }
}
