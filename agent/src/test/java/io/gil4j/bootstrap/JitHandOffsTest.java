package io.gil4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Telling a thread that hands a method to the JIT from one that waits for the program: the parsing and
 * the rule on fakes, then on this JVM's own /proc (the project's machines are Linux x86-64: no skip).
 */
class JitHandOffsTest {
    private static final int FUTEX = 202;
    private final Map<Integer, String> syscalls = new HashMap<>();
    private final JitHandOffs jit = new JitHandOffs(FUTEX, syscalls::get, () -> new int[] {10, 11});

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "202 0x7fb1640161f8 0x89 0x0 0x0 0x0 0x0 0x7ffc12345678 0x7fb16a1b2c3d | 140399863751160",
            "202 0x1000 0x80 | 4096",
            "202 0x1000 | 4096",
            "running | 0",
            "-1 0x7ffc12345678 0x7fb16a1b2c3d | 0",
            "7 0x1000 0x1 0xffffffff | 0",
            "2020 0x1000 0x80 | 0",
            "202 0xzz 0x80 | 0",
            "'' | 0"})
    void theFutexAddressIsReadFromASyscallLine(String line, long address) {
        assertThat(JitHandOffs.futexAddress(line, FUTEX)).isEqualTo(address);
    }

    @ParameterizedTest
    @NullSource
    void noLineNoAddress(String line) {
        assertThat(JitHandOffs.futexAddress(line, FUTEX)).isZero();
        assertThat(JitHandOffs.futexAddress("202 0x1000 0x80", -1)).isZero();
    }

    @ParameterizedTest
    @CsvSource({"amd64, 202", "x86_64, 202", "aarch64, 98", "ppc64le, -1", "'', -1"})
    void theFutexCallsNumberByArchitecture(String arch, int number) {
        assertThat(JitHandOffs.futexSyscall(arch)).isEqualTo(number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"C1 CompilerThre", "C2 CompilerThre", "JVMCI CompilerT", "C2 CompilerThre\n"})
    void compilerThreadNamesAsTheKernelKeepsThem(String comm) {
        assertThat(JitHandOffs.isCompiler(comm)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "C2 Compiler", "VM Thread", "GC Thread#0", "Common-Cleaner", ""})
    void otherThreads(String comm) {
        assertThat(JitHandOffs.isCompiler(comm)).isFalse();
    }

    /** Mutex and condition of one HotSpot lock lie side by side: near the compiler's address is the same lock. */
    @Test
    void aSleeperNearWhereACompilerWaitsIsHandingOff() {
        syscalls.put(10, "202 0x7f00000161f8 0x89 0x0");
        syscalls.put(11, "running");
        syscalls.put(20, "202 0x7f00000161a8 0x80 0x2"); // the lock's mutex, 80 bytes before
        syscalls.put(21, "202 0x7f00000161e8 0x80 0x2"); // the condition's broadcast, inside it
        syscalls.put(22, "202 0x7f000011a878 0x189 0x0"); // its own event: a class-initialization wait
        syscalls.put(23, "running");
        syscalls.put(24, "0 0x5 0x7f0000200000 0x1000"); // a read
        assertThat(jit.learning()).isTrue();
        assertThat(jit.waitsOnJit(20)).as("nothing learned yet: no read, no hand-off").isFalse();
        jit.learn(System.nanoTime());
        assertThat(jit.learning()).isFalse();
        assertThat(jit.waitsOnJit(20)).isTrue();
        assertThat(jit.waitsOnJit(21)).isTrue();
        assertThat(jit.waitsOnJit(22)).isFalse();
        assertThat(jit.waitsOnJit(23)).isFalse();
        assertThat(jit.waitsOnJit(24)).isFalse();
    }

    /** The compilers may all be busy (or just woken, runnable) at the hand-off: what they were seen waiting on counts. */
    @Test
    void anAddressLearnedEarlierStillCountsWhenTheCompilersRun() {
        syscalls.put(10, "202 0x7f00000161f8 0x89 0x0");
        syscalls.put(11, "202 0x7f00000161f8 0x89 0x0");
        jit.learn(System.nanoTime());
        syscalls.put(10, "running");
        syscalls.put(11, "running");
        syscalls.put(20, "202 0x7f00000161a8 0x80 0x2");
        assertThat(jit.waitsOnJit(20)).isTrue();
        assertThat(jit.waitsOnJit(20 + 1)).as("no line for it").isFalse();
    }

    @Test
    void farFromEveryLearnedAddressIsNotTheJit() {
        syscalls.put(10, "202 0x7f00000161f8 0x89 0x0");
        syscalls.put(20, "202 0x" + Long.toHexString(0x7f00000161f8L + JitHandOffs.NEAR_BYTES + 8) + " 0x80 0x2");
        jit.learn(System.nanoTime());
        assertThat(jit.waitsOnJit(20)).isFalse();
    }

    @Test
    void withoutTheFutexNumberNothingIsEverAHandOff() {
        JitHandOffs unknown = new JitHandOffs(-1, tid -> "202 0x1000 0x89", () -> new int[] {10});
        unknown.learn(System.nanoTime());
        assertThat(unknown.learning()).isFalse();
        assertThat(unknown.waitsOnJit(20)).isFalse();
    }

    @Test
    void aJvmWithoutCompilerThreadsHasNothingToLearn() {
        JitHandOffs interpreted = new JitHandOffs(FUTEX, syscalls::get, () -> new int[0]);
        assertThat(interpreted.learning()).as("before its first scan").isTrue();
        interpreted.learn(System.nanoTime());
        assertThat(interpreted.learning()).isFalse();
    }

    @Test
    void aRefreshLearnsAtMostEveryRefreshPeriod() {
        long now = System.nanoTime();
        jit.refresh(now);
        assertThat(jit.learning()).as("the compilers ran then").isTrue();
        syscalls.put(10, "202 0x7f00000161f8 0x89 0x0");
        jit.refresh(now + JitHandOffs.REFRESH_NANOS - 1);
        assertThat(jit.learning()).as("too soon to look again").isTrue();
        jit.refresh(now + JitHandOffs.REFRESH_NANOS);
        assertThat(jit.learning()).isFalse();
    }

    @Test
    void aScanIsReusedForASecond() {
        JitHandOffs real = JitHandOffs.forThisJvm();
        long now = System.nanoTime();
        int[] first = real.compilerTids(now);
        assertThat(real.compilerTids(now + JitHandOffs.RESCAN_NANOS - 1)).isSameAs(first);
        assertThat(real.compilerTids(now + JitHandOffs.RESCAN_NANOS)).isNotSameAs(first);
    }

    /** The latches, in a class of their own: touching them must not initialize {@link SlowToInitialize}. */
    static final class Gate {
        static final CountDownLatch RELEASE = new CountDownLatch(1);
        static final CountDownLatch INITIALIZING = new CountDownLatch(1);
    }

    /** Holds its initializer's thread in {@code <clinit>} until released. */
    static final class SlowToInitialize {
        static int value;

        static {
            Gate.INITIALIZING.countDown();
            try {
                Gate.RELEASE.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            value = 1;
        }
    }

    /**
     * On this JVM: the compiler threads are found and, once idle, their lock is learned; a thread waiting
     * for another thread's class initialization (what the safety net must still revoke) and one in
     * {@code Object.wait} are asleep to the OS and not taken for a hand-off.
     */
    @Test
    void onThisJvmAClassInitializationWaitIsNotAHandOff() throws Exception {
        assertThat(Path.of("/proc/self/task")).as("Linux /proc").isDirectory();
        JitHandOffs real = JitHandOffs.forThisJvm();
        int[] tids = real.compilerTids(System.nanoTime());
        assertThat(tids).as("HotSpot starts at least one compiler thread").isNotEmpty();
        for (int tid : tids) {
            assertThat(Files.readString(Path.of("/proc/self/task/" + tid + "/comm"))).contains("CompilerT");
        }
        for (int i = 0; i < 300 && real.learning(); i++) {
            real.learn(System.nanoTime());
            Thread.sleep(20);
        }
        assertThat(real.learning()).as("a compiler thread seen waiting within 6 s").isFalse();

        Thread initializer = new Thread(() -> System.out.print(SlowToInitialize.value > 0 ? "" : "?"), "initializer");
        initializer.start();
        Gate.INITIALIZING.await();
        int[] tid = {0};
        CountDownLatch known = new CountDownLatch(1);
        Thread initWaiter = new Thread(() -> {
            tid[0] = NativeThreadState.currentTid();
            known.countDown();
            System.out.print(SlowToInitialize.value > 0 ? "" : "?");
        }, "class-init-waiter");
        Object monitor = new Object();
        int[] waiterTid = {0};
        CountDownLatch waiting = new CountDownLatch(1);
        Thread objectWaiter = new Thread(() -> {
            waiterTid[0] = NativeThreadState.currentTid();
            synchronized (monitor) {
                waiting.countDown();
                try {
                    monitor.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "object-waiter");
        initWaiter.start();
        objectWaiter.start();
        try {
            known.await();
            waiting.await();
            for (int i = 0; i < 200 && (NativeThreadState.state(tid[0]) != 'S' || NativeThreadState.state(waiterTid[0]) != 'S'); i++) {
                Thread.sleep(10);
            }
            assertThat(NativeThreadState.state(tid[0])).as("the class-initialization waiter to the OS").isEqualTo('S');
            assertThat(real.waitsOnJit(tid[0])).as("a class-initialization wait").isFalse();
            assertThat(NativeThreadState.state(waiterTid[0])).as("the object waiter to the OS").isEqualTo('S');
            assertThat(real.waitsOnJit(waiterTid[0])).as("an Object.wait").isFalse();
        } finally {
            Gate.RELEASE.countDown();
            synchronized (monitor) {
                monitor.notifyAll();
            }
            initializer.join();
            initWaiter.join();
            objectWaiter.join();
        }
    }
}
