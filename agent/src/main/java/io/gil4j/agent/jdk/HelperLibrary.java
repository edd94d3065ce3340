package io.gil4j.agent.jdk;

import io.gil4j.bootstrap.NativeHelper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Finds the agent's native helper library in gil.jar for this platform and loads it, once, for
 * every feature that needs it ({@link MonitorEvents}, {@link CompilerThreadPolicy}). Where it cannot
 * load (another OS, a jar built without it, JDK 24+ without native access) it says why in one line,
 * and the agent works on without it.
 */
final class HelperLibrary {
    private HelperLibrary() { }

    /** The helper's resource in gil.jar for this platform, or null where none is built. */
    static String resource() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux")) return null;
        String dir;
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            dir = "linux-x86_64";
        } else if (arch.equals("aarch64") || arch.equals("arm64")) {
            dir = "linux-aarch64";
        } else {
            return null;
        }
        return "/io/gil4j/agent/native/" + dir + "/libgil4jmonitors.so";
    }

    /**
     * Loads the helper unless it is loaded already. Returns null when it is loaded, else why not, as
     * a clause to which the caller adds what it does without it.
     */
    static synchronized String load() {
        if (NativeHelper.loaded()) return null;
        String resource = resource();
        if (resource == null) {
            return "no native helper for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch");
        }
        Path library = null;
        try (InputStream in = HelperLibrary.class.getResourceAsStream(resource)) {
            if (in == null) return "gil.jar was built without the native helper";
            if (!NativeHelper.mayLoadLibraries()) {
                return "JDK " + Runtime.version().feature() + " lets agents load the native helper only with "
                        + "--enable-native-access=ALL-UNNAMED";
            }
            library = io.gil4j.agent.TempFiles.create("libgil4jmonitors-", ".so");
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            NativeHelper.load(library.toString());
            return null;
        } catch (Throwable e) {
            return "native helper not loaded (" + e + ")";
        } finally {
            // Once loaded the mapping outlives the file; nothing is left behind in the temp directory.
            try {
                if (library != null) Files.deleteIfExists(library);
            } catch (Exception ignored) {
                // a temp file at worst
            }
        }
    }
}
