package io.gil4j.agent.jdk;

import io.gil4j.bootstrap.MonitorHooks;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Loads gil4j's JVMTI helper, which releases the GIL where the JVM blocks a thread on a contended
 * monitor or in {@code Object.wait} (see {@link MonitorHooks}). Where it cannot load (another OS, a
 * JVM without the capability, a jar built without it) the agent works on: the safety net's probe
 * still hands the GIL on from such holders, only later (docs/design.md section 4).
 */
public final class MonitorEvents {
    private MonitorEvents() { }

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

    /** Loads the helper and turns its events on; says why in one line to {@code info} when it cannot. */
    public static void install(Consumer<String> info) {
        String resource = resource();
        if (resource == null) {
            info.accept("no JVMTI helper for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                    + ": monitors are left to the safety net's probe");
            return;
        }
        Path library = null;
        try (InputStream in = MonitorEvents.class.getResourceAsStream(resource)) {
            if (in == null) {
                info.accept("gil.jar was built without the JVMTI helper: monitors are left to the safety net's probe");
                return;
            }
            if (!MonitorHooks.mayLoadLibraries()) {
                info.accept("JDK " + Runtime.version().feature() + " lets agents load the JVMTI helper only with "
                        + "--enable-native-access=ALL-UNNAMED: monitors are left to the safety net's probe");
                return;
            }
            library = io.gil4j.agent.TempFiles.create("libgil4jmonitors-", ".so");
            Files.copy(in, library, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            int rc = MonitorHooks.load(library.toString());
            if (rc != 0) {
                info.accept("JVMTI monitor events unavailable (helper code " + rc + "): monitors are left to the safety net's probe");
            }
        } catch (Throwable e) {
            info.accept("JVMTI helper not loaded (" + e + "): monitors are left to the safety net's probe");
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
