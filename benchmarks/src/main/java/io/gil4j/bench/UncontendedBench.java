package io.gil4j.bench;

import io.gil4j.bootstrap.Gil;
import io.gil4j.bootstrap.GilLock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The uncontended fast paths of {@link Gil}, called in-process (no agent, no instrumentation): what
 * one instrumented checkpoint, one nested instrumented frame and one outermost take/drop cost when
 * no other thread wants the GIL. Single-threaded on purpose: contention is the countdown's and the
 * demo apps' business.
 *
 * <ul>
 * <li>{@code loopBaseline} / {@code loopCheckpoint}: the same counted loop, with and without a
 *     {@code Gil.checkpoint()} in the body (where the agent puts one, at the back-edge); both feed the
 *     index to a Blackhole so neither loop can be folded away. The difference per iteration is the
 *     price of a checkpoint in a hot loop.</li>
 * <li>{@code nestedEnterExit}: {@code Gil.enter()/Gil.exit(false)} while this thread already holds the
 *     GIL (taken in the iteration's setup): the prologue/epilogue of every nested instrumented frame.</li>
 * <li>{@code outermostEnterExit}: {@code boolean a = Gil.enter(); Gil.exit(a);} while not holding:
 *     a full take and drop, what an entry into instrumented code from outside costs.</li>
 * <li>{@code callBaseline}: an empty call returning a field, the floor of the two single-call
 *     benchmarks; {@code nanoTimeReference}: one {@code System.nanoTime()}, for reading the outermost
 *     take/drop, whose slow paths read the clock twice for the per-thread accounting.</li>
 * </ul>
 *
 * <p>{@code mode} picks the installed lock: {@code GIL} (CPython's new GIL) or {@code OFF} (accounting
 * only, the A side of an A/B run). The lock is installed once per trial; each fork is its own JVM.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class UncontendedBench {

    /** Iterations of the loop benchmarks per invocation (scores are per iteration). */
    public static final int LOOP = 1024;

    private boolean field = true;

    /** The installed lock, in the mode under test (one install per trial, in the state's own setup). */
    public abstract static class Installed {
        @Param({"GIL", "OFF"})
        public GilLock.Mode mode;

        GilLock lock;

        @Setup(Level.Trial)
        public void install() {
            // As the agent does: staged before Gil is initialized, the lock is a constant in the fast paths.
            lock = BenchLock.staged(mode, 5_000_000L);
        }

        void checkInstalled() {
            if (Gil.lock() != lock || lock.mode() != mode || !Gil.fastPathsReadInstalled()) throw new IllegalStateException("lock not installed: " + Gil.lock());
        }
    }

    /** This thread holds the GIL (mode GIL) or is accounted as holding it (mode OFF) for the whole iteration. */
    @State(Scope.Thread)
    public static class Holding extends Installed {
        boolean acquired;
        long switches;

        @Setup(Level.Iteration)
        public void take() {
            checkInstalled();
            acquired = Gil.enter();
            if (!acquired) throw new IllegalStateException("expected to take the GIL: " + Gil.lock());
            if (mode == GilLock.Mode.GIL && lock.owner() != Thread.currentThread()) {
                throw new IllegalStateException("not the owner after enter(): " + lock);
            }
            switches = lock.switchNumber();
        }

        @TearDown(Level.Iteration)
        public void drop() {
            if (mode == GilLock.Mode.GIL && (lock.owner() != Thread.currentThread() || lock.switchNumber() != switches)) {
                throw new IllegalStateException("lost the GIL during the iteration: " + lock);
            }
            Gil.exit(acquired);
            if (lock.owner() != null) throw new IllegalStateException("GIL still held after exit: " + lock);
        }
    }

    /** This thread does not hold the GIL when the iteration starts, nor after it. */
    @State(Scope.Thread)
    public static class NotHolding extends Installed {
        @Setup(Level.Iteration)
        public void check() {
            checkInstalled();
            if (lock.owner() != null) throw new IllegalStateException("someone holds the GIL: " + lock);
        }

        @TearDown(Level.Iteration)
        public void checkAfter() {
            if (lock.owner() != null) throw new IllegalStateException("GIL left held: " + lock);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LOOP)
    public void loopBaseline(Holding h, Blackhole bh) {
        for (int i = 0; i < LOOP; i++) {
            bh.consume(i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LOOP)
    public void loopCheckpoint(Holding h, Blackhole bh) {
        for (int i = 0; i < LOOP; i++) {
            bh.consume(i);
            Gil.checkpoint();
        }
    }

    @Benchmark
    public boolean callBaseline() {
        return field;
    }

    @Benchmark
    public long nanoTimeReference() {
        return System.nanoTime();
    }

    @Benchmark
    public boolean nestedEnterExit(Holding h) {
        boolean a = Gil.enter();
        Gil.exit(a);
        return a;
    }

    @Benchmark
    public boolean outermostEnterExit(NotHolding n) {
        boolean a = Gil.enter();
        Gil.exit(a);
        return a;
    }
}
