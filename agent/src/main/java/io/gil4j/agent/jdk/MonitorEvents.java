package io.gil4j.agent.jdk;

import io.gil4j.bootstrap.MonitorHooks;
import java.util.function.Consumer;

/**
 * Turns on gil4j's JVMTI helper, which releases the GIL where the JVM blocks a thread on a contended
 * monitor or in {@code Object.wait} (see {@link MonitorHooks}). Where it cannot load (another OS, a
 * JVM without the capability, a jar built without it) the agent works on: the safety net's probe
 * still hands the GIL on from such holders, only later (docs/design.md section 4).
 */
public final class MonitorEvents {
    private MonitorEvents() { }

    private static final String WITHOUT = ": monitors are left to the safety net's probe";

    /** Loads the helper and turns its events on; says why in one line to {@code info} when it cannot. */
    public static void install(Consumer<String> info) {
        String notLoaded = HelperLibrary.load();
        if (notLoaded != null) {
            info.accept(notLoaded + WITHOUT);
            return;
        }
        try {
            int rc = MonitorHooks.install();
            if (rc != 0) info.accept("JVMTI monitor events unavailable (helper code " + rc + ")" + WITHOUT);
        } catch (Throwable e) {
            info.accept("JVMTI monitor events not turned on (" + e + ")" + WITHOUT);
        }
    }
}
