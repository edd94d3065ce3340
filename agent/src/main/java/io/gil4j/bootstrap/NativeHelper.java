package io.gil4j.bootstrap;

/**
 * Loads the agent's native helper library (agent/src/main/native) into the boot loader, whose classes
 * ({@link MonitorHooks}, {@link CompilerThreads}) declare its native methods. A JVM can load a library
 * into one class loader only, so it is loaded here once for every user of it.
 */
public final class NativeHelper {
    private NativeHelper() { }

    private static String loadedFrom;

    /** Loads the library at {@code path} unless it was loaded already. */
    public static synchronized void load(String path) {
        if (loadedFrom != null) return;
        System.load(path);
        loadedFrom = path;
    }

    /** True once {@link #load} succeeded. */
    public static synchronized boolean loaded() {
        return loadedFrom != null;
    }

    /**
     * JDK 24+ (JEP 472) warns on stderr when code without native access loads a library, and a later
     * JDK will refuse. For classes in unnamed modules, as this one, only the command line can grant it
     * ({@code --enable-native-access=ALL-UNNAMED}); granting it from here would grant it to the
     * application's own classes too.
     */
    public static boolean mayLoadLibraries() {
        if (Runtime.version().feature() < 24) return true;
        try {
            return (Boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(NativeHelper.class.getModule());
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
