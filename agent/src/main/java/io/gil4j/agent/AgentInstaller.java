package io.gil4j.agent;

import io.gil4j.agent.instrument.ClassFilter;
import io.gil4j.agent.instrument.ClassInstrumenter;
import io.gil4j.agent.instrument.MethodPatterns;
import io.gil4j.agent.jdk.C1Directive;
import io.gil4j.agent.jdk.CompilerThreadPolicy;
import io.gil4j.agent.jdk.JdkBlockingHooks;
import io.gil4j.agent.jdk.MonitorEvents;
import io.gil4j.agent.jfr.AgentRecording;
import io.gil4j.agent.jfr.ConfigEvent;
import io.gil4j.agent.jfr.JfrActivation;
import io.gil4j.agent.jfr.StatsSampler;
import io.gil4j.agent.jmx.GilJmx;
import io.gil4j.bootstrap.Blocking;
import io.gil4j.bootstrap.Carriers;
import io.gil4j.bootstrap.Pinning;
import io.gil4j.bootstrap.Gil;
import io.gil4j.bootstrap.GilLock;
import io.gil4j.bootstrap.GilReasons;
import io.gil4j.bootstrap.GilThread;
import io.gil4j.bootstrap.StagedLock;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.lang.instrument.Instrumentation;

/**
 * Everything premain does once the bootstrap classes are in place. Kept apart from {@link GilAgent}
 * so that nothing here is loaded (or verified) before the GIL core is on the bootstrap path.
 *
 * <p>Order matters: the lock and its listener exist before any hook can call them; every class a
 * hook or the transformer needs is loaded before the hooks are live (a class loaded from inside
 * {@code LockSupport.park} or a transformer can recurse); the JDK hooks go in before the application
 * transformer, so the first instrumented class already finds them.
 */
final class AgentInstaller {
    private AgentInstaller() { }

    static void install(AgentOptions o, Instrumentation inst, boolean attached) throws Exception {
        Reporter.start(o.verbose);
        GilLock lock = new GilLock(coreMode(o.mode), o.intervalNanos, o.checkInterval);
        // Before preload initializes Gil: its fast paths read the lock they were initialized with.
        boolean staged = StagedLock.stage(lock);
        preload();
        if (Runtime.version().feature() >= 21) {
            // The safety net reads a virtual holder's carrier (Carriers): java.lang must be open to it.
            // Pinned virtual threads never queue on the GIL's mutex (Pinning): jdk.internal.vm too.
            Set<Module> core = Set.of(Gil.class.getModule());
            inst.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
                    Map.of("java.lang", core, "jdk.internal.vm", core), Set.of(), Map.of());
            Carriers.init();
            Pinning.init();
        }
        lock.warmUp();
        LiveSettings live = new LiveSettings(lock, String.join(";", o.include), s -> writeConfig(o, s));
        // At the start and end of every chunk, so a recording started after premain (-XX:StartFlightRecording
        // starts after it, JMC later still) has the configuration too.
        // The end-of-chunk run is also where the threads' last totals go: JFR runs it while it stops
        // a recording, in its own shutdown hook too, so the totals at exit land in every recording
        // (jfr= or the user's own) without a shutdown hook of ours racing JFR's.
        // Reports still queued go out here too: the reporter's own shutdown hook races JFR's, and a
        // gil.InstrumentationError queued just before exit was lost 1 time in 4 (InstrumentationFailureIT).
        Runnable periodic = () -> {
            writeConfig(o, live);
            StatsSampler.emitAll();
            Reporter.drain();
        };
        JfrActivation.install(lock, StatsSampler::register,
                () -> jdk.jfr.FlightRecorder.addPeriodicEvent(ConfigEvent.class, periodic));
        if (o.jfr != null) {
            AgentRecording.start(o.jfr, AgentRecording.settings(o.waitThresholdNanos, o.holdThresholdNanos,
                    o.releaseThresholdNanos, o.statsPeriodNanos));
        }
        Gil.install(lock);
        if (!staged) Reporter.warn("the GIL's fast paths go through its slow paths: io.gil4j.bootstrap.Gil was initialized before the agent");

        if (o.jdkHooks) {
            JdkBlockingHooks.install(inst, e -> Reporter.info("JDK hook on " + e[0] + " not installed: " + e[1]));
        }
        if (o.monitorEvents) {
            MonitorEvents.install(Reporter::info);
        }
        if (o.idleCompilerThreads) {
            // Asked for by name, so a helper that cannot act says so without verbose=true (on JDK 24+
            // without --enable-native-access the option did nothing, silently, and the convoy burst).
            int moved = CompilerThreadPolicy.install(Reporter::warn);
            if (moved >= 0) Reporter.info(moved + " compiler threads moved to SCHED_IDLE");
        }
        Package pkg = AgentInstaller.class.getPackage();
        String version = pkg != null && pkg.getImplementationVersion() != null ? pkg.getImplementationVersion() : "dev";
        LiveSettings.install(live, version);
        if (o.jmx) {
            GilJmx.start(lock, live, Reporter::info, attached);
        }

        // Before the transformer: C1 compiles instrumented code from the first class on.
        if (o.compilerDirective) {
            long directiveStart = System.nanoTime();
            if (C1Directive.install(inst, Reporter::info)) {
                Reporter.info(String.format("compiler directive added in %.1f ms: C1 does not inline the GIL's helpers",
                        (System.nanoTime() - directiveStart) / 1e6));
            }
        }
        ClassFilter filter = new ClassFilter(o.include, o.exclude);
        // Legacy mode counts checkpoints as Python 2 counted bytecodes: its loops keep one per back-edge.
        // After an attach, frames of the old code may call private methods without holding the GIL,
        // and a retransformation cannot add the held copies' methods.
        boolean legacy = o.mode == AgentOptions.Mode.LEGACY;
        ClassInstrumenter instrumenter = new ClassInstrumenter(filter, new MethodPatterns(o.release),
                new MethodPatterns(o.throughput), !legacy, o.elidePrivate && !legacy && !attached,
                o.heldCopies && !legacy && !attached);
        warmUp(instrumenter);
        inst.addTransformer(new GilClassTransformer(instrumenter), true);
        if (attached) AttachRetransformer.run(inst, instrumenter);
        JfrActivation.ready();
        // After everything start-up allocated: that is what the collection is for.
        StartupHeap.settle(o.settleHeap, attached);
        // Last: everything of ours runs JDK code at start-up, the collection's JMX look-up included, and
        // what that taught the JIT about the JDK's collections must not shape the program's code.
        ProfileReset.reset(inst, o.resetProfiles, attached);
    }

    static GilLock.Mode coreMode(AgentOptions.Mode m) {
        switch (m) {
            case LEGACY: return GilLock.Mode.LEGACY;
            case OFF: return GilLock.Mode.OFF;
            default: return GilLock.Mode.GIL;
        }
    }

    /** Loads what the hooks and the transformer will need, so none of it loads from inside them. */
    private static void preload() throws ClassNotFoundException {
        Class<?>[] touch = {Gil.class, GilLock.class, GilThread.class, GilReasons.class, Blocking.class,
                java.util.concurrent.ThreadLocalRandom.class, java.util.concurrent.locks.ReentrantLock.class,
                java.util.concurrent.ConcurrentLinkedQueue.class};
        for (Class<?> c : touch) Class.forName(c.getName(), true, c.getClassLoader());
        // The JFR event classes are JfrActivation's to load, when JFR starts.
        for (String n : new String[] {"io.gil4j.bootstrap.GilLock$Mode", "io.gil4j.bootstrap.CpuClock"}) {
            Class.forName(n, true, AgentInstaller.class.getClassLoader());
        }
        GilReasons.kind(0);
    }

    /** Runs the instrumenter once on a real class so ASM is loaded before any transform. */
    private static void warmUp(ClassInstrumenter instrumenter) {
        try (InputStream in = AgentInstaller.class.getResourceAsStream("AgentInstaller.class")) {
            if (in != null) instrumenter.instrument(in.readAllBytes());
        } catch (Throwable ignored) {
            // only a warm-up
        }
    }

    /** The options as they are now: mode and interval may have changed since start (LiveSettings). */
    private static void writeConfig(AgentOptions o, LiveSettings live) {
        ConfigEvent e = new ConfigEvent();
        if (!e.shouldCommit()) return;
        e.mode = live.mode();
        e.interval = live.intervalNanos();
        e.checkInterval = o.checkInterval;
        e.include = String.join(";", o.include);
        e.exclude = String.join(";", o.exclude);
        e.release = String.join(";", o.release);
        e.throughput = String.join(";", o.throughput);
        e.waitThreshold = o.waitThresholdNanos;
        e.holdThreshold = o.holdThresholdNanos;
        e.releaseThreshold = o.releaseThresholdNanos;
        e.statsPeriod = o.statsPeriodNanos;
        e.options = o.raw;
        e.javaVersion = System.getProperty("java.version");
        e.cores = Runtime.getRuntime().availableProcessors();
        Package p = AgentInstaller.class.getPackage();
        e.agentVersion = p != null && p.getImplementationVersion() != null ? p.getImplementationVersion() : "dev";
        e.monitorEvents = io.gil4j.bootstrap.MonitorHooks.active();
        e.commit();
    }
}
