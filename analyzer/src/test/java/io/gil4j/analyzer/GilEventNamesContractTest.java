package io.gil4j.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.gil4j.agent.testevents.GilTestEvents;
import io.gil4j.contract.ContractCheck;
import io.gil4j.contract.EventContract;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import org.junit.jupiter.api.Test;

/**
 * The analyzer's names ({@link GilEventNames}) and the test events it records its scenarios with
 * ({@link GilTestEvents}) are the contract's (io.gil4j.contract.EventContract): a name, field, type or
 * unit that drifts on this side fails here, as the agent's side fails in its EventContractTest.
 */
class GilEventNamesContractTest {

    @Test
    void eventNamesAreTheContracts() {
        assertThat(GilEventNames.ALL).containsExactlyElementsOf(EventContract.EVENTS.stream().map(EventContract.Event::name).toList());
    }

    @Test
    void everyFieldNameTheAnalyzerReadsIsInTheContract() throws Exception {
        Set<String> contract = EventContract.EVENTS.stream().flatMap(e -> e.fields().stream())
                .map(EventContract.Field::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> analyzer = new TreeSet<>();
        for (Field f : GilEventNames.Fields.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) analyzer.add((String) f.get(null));
        }
        assertThat(analyzer).as("GilEventNames.Fields").isNotEmpty();
        assertThat(contract).containsAll(analyzer);
        assertThat(analyzer).as("every contract field has a name in GilEventNames.Fields").containsAll(contract);
    }

    @Test
    void theTestEventsAreTheContracts() {
        List<String> mismatches = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (Class<?> c : GilTestEvents.class.getDeclaredClasses()) {
            if (!Event.class.isAssignableFrom(c)) continue;
            EventType t = EventType.getEventType(c.asSubclass(Event.class));
            names.add(t.getName());
            mismatches.addAll(ContractCheck.mismatches(t));
        }
        assertThat(mismatches).isEmpty();
        assertThat(names).containsExactlyInAnyOrderElementsOf(GilEventNames.ALL);
    }
}
