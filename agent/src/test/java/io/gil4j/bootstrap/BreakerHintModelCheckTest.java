package io.gil4j.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * The breaker's hint under systematically explored interleavings (Lincheck's model checker): whatever
 * the order of requests, their serving and the readers that clear the hint, the hint is never left
 * clear while a bit is set in the breaker. Method entries and the checks after calls read only the hint
 * (plain), so a lost hint would leave a drop request unseen by a holder that runs no loop.
 */
public class BreakerHintModelCheckTest {
    private static final VarHandle BREAKER;

    static {
        try {
            BREAKER = MethodHandles.lookup().findVarHandle(GilLock.class, "breaker", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final GilLock lock = new GilLock(GilLock.Mode.GIL, 5_000_000L, 100, false);

    /** A waiter's clock runs out: the drop request, set as every bit is (bit, then hint). */
    @Operation
    public int request() {
        lock.raise(GilLock.DROP);
        return 1;
    }

    /** The holder drops: the bit cleared, the hint left for the next reader. */
    @Operation
    public int serve() {
        BREAKER.getAndBitwiseAnd(lock, ~GilLock.DROP);
        return 1;
    }

    /** An entry or a check after a call that found the hint set and the breaker clear. */
    @Operation
    public int read() {
        if (lock.breakerHint != 0) lock.clearHintIfQuiet();
        return 1;
    }

    @Validate
    public void aSetBitHasItsHint() {
        if (lock.breaker != 0 && lock.breakerHint == 0) {
            throw new IllegalStateException("breaker " + lock.breaker + " with the hint clear");
        }
    }

    @Test
    void twoThreads() {
        new ModelCheckingOptions().iterations(30).invocationsPerIteration(300).threads(2).actorsPerThread(3)
                .actorsBefore(0).actorsAfter(0).check(BreakerHintModelCheckTest.class);
    }

    @Test
    void threeThreads() {
        new ModelCheckingOptions().iterations(20).invocationsPerIteration(300).threads(3).actorsPerThread(2)
                .actorsBefore(0).actorsAfter(0).check(BreakerHintModelCheckTest.class);
    }
}
