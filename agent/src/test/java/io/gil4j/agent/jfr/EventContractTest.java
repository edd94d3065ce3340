package io.gil4j.agent.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.bootstrap.GilReasons;
import io.gil4j.contract.ContractCheck;
import io.gil4j.contract.EventContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import org.junit.jupiter.api.Test;

/** The agent's event classes and vocabularies are exactly the contract (io.gil4j.contract.EventContract). */
class EventContractTest {
    static final List<Class<? extends Event>> EVENT_CLASSES = List.of(WaitEvent.class, HoldEvent.class, ReleaseEvent.class,
            DropRequestEvent.class, RevokeEvent.class, StatsEvent.class, ConfigEvent.class, OperationEvent.class,
            InstrumentationErrorEvent.class);

    @Test
    void everyEventClassMatchesTheContract() {
        List<String> mismatches = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (Class<? extends Event> c : EVENT_CLASSES) {
            EventType t = EventType.getEventType(c);
            names.add(t.getName());
            mismatches.addAll(ContractCheck.mismatches(t));
        }
        assertThat(mismatches).isEmpty();
        assertThat(names).isEqualTo(new TreeSet<>(EventContract.EVENTS.stream().map(EventContract.Event::name).toList()));
    }

    @Test
    void theVocabulariesAreTheContracts() {
        assertThat(words(GilReasons.WAIT_COUNT, GilReasons::waitReason)).isEqualTo(EventContract.WAIT_REASONS);
        assertThat(words(GilReasons.END_COUNT, GilReasons::endReason)).isEqualTo(EventContract.END_REASONS);
        assertThat(words(GilReasons.KIND_COUNT, GilReasons::kind)).isEqualTo(EventContract.RELEASE_KINDS);
    }

    private static List<String> words(int count, java.util.function.IntFunction<String> name) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(name.apply(i));
        return out;
    }
}
