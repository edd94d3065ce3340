package io.gil4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the start-up warm-up leaves behind: nothing. Its effect (JDK classes initialized before the
 * program runs) shows only in a fresh JVM; AgentStartupIT runs the agent's start-up end to end.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ContendedPathWarmUpTest {

    @Test
    void leavesTheMutexFreeItsConditionsEmptyAndNoThreadBehind() throws Exception {
        ReentrantLock mutex = new ReentrantLock();
        Condition gilFree = mutex.newCondition();
        Condition switched = mutex.newCondition();
        ContendedPathWarmUp.run(mutex, gilFree, switched, new CpuClock());
        assertThat(mutex.isLocked()).isFalse();
        mutex.lock();
        try {
            assertThat(mutex.hasWaiters(gilFree)).isFalse();
            assertThat(mutex.hasWaiters(switched)).isFalse();
        } finally {
            mutex.unlock();
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("gil4j-warm-up"));
    }

    @Test
    void runsTwiceAndWithoutACpuClock() {
        ReentrantLock mutex = new ReentrantLock();
        ContendedPathWarmUp.run(mutex, mutex.newCondition(), mutex.newCondition(), null);
        ContendedPathWarmUp.run(mutex, mutex.newCondition(), mutex.newCondition(), null);
        assertThat(mutex.isLocked()).isFalse();
    }
}
