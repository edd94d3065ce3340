package io.gil4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the reader answers for a thread's OS state, beside where the JIT's compiler threads wait. */
class OsStateReaderTest {

    @ParameterizedTest(name = "OS says {0}, asleep at {1}: {2}")
    @CsvSource({
            "S, 0x7f00000161a8, J",  // beside the compilers' lock: a hand-off to the JIT
            "S, 0x7f000011a878, S",  // its own event: asleep for the program
            "R, 0x7f00000161a8, R",
            "D, 0x7f00000161a8, D"})
    void aThreadAsleepOnTheJitsLockIsAnsweredApart(char os, String address, char answer) throws Exception {
        JitHandOffs jit = new JitHandOffs(202, tid -> tid == 1 ? "202 0x7f00000161f8 0x89" : "202 " + address + " 0x80", () -> new int[] {1});
        jit.learn(System.nanoTime()); // before the reader's thread starts: its own first look may come after the ask
        OsStateReader reader = new OsStateReader(tid -> os, jit);
        assertThat(answer(reader)).isEqualTo(answer);
        assertThat(answer(new OsStateReader(tid -> os))).as("without the JIT's view").isEqualTo(os);
    }

    private static char answer(OsStateReader reader) throws InterruptedException {
        long asked = System.nanoTime();
        char got = OsStateReader.PENDING;
        for (int i = 0; i < 2_000 && got == OsStateReader.PENDING; i++) {
            got = reader.ask(42, asked);
            if (got == OsStateReader.PENDING) Thread.sleep(1);
        }
        return got;
    }
}
