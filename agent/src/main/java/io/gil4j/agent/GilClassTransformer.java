package io.gil4j.agent;

import io.gil4j.agent.instrument.ClassInstrumenter;
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
            ClassInstrumenter.Result r = instrumenter.instrument(bytes);
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
}
