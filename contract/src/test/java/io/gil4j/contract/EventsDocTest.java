package io.gil4j.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/events.md, the contract in prose, names every event, field and vocabulary word of {@link EventContract}. */
class EventsDocTest {

    private static String doc() throws Exception {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("docs/events.md"))) p = p.getParent();
        assertThat(p).as("a folder above this module holding docs/events.md").isNotNull();
        return Files.readString(p.resolve("docs/events.md"));
    }

    @Test
    void everyEventFieldAndWordIsInItsRow() throws Exception {
        String doc = doc();
        List<String> missing = new ArrayList<>();
        for (EventContract.Event e : EventContract.EVENTS) {
            String row = doc.lines().filter(l -> l.startsWith("| `" + e.name() + "` |")).findFirst().orElse(null);
            if (row == null) {
                missing.add(e.name() + ": no row");
                continue;
            }
            for (EventContract.Field f : e.fields()) {
                if (!row.contains("`" + f.name() + "`")) missing.add(e.name() + "." + f.name());
            }
            EventContract.VOCABULARIES.forEach((field, words) -> {
                if (!field.startsWith(e.name() + ".")) return;
                for (String w : words) if (!row.contains("`" + w + "`")) missing.add(field + " word " + w);
            });
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theDocNamesNoEventOutsideTheContract() throws Exception {
        List<String> extra = doc().lines().filter(l -> l.startsWith("| `gil."))
                .map(l -> l.substring(3, l.indexOf('`', 3)))
                .filter(n -> EventContract.event(n).isEmpty()).toList();
        assertThat(extra).isEmpty();
    }
}
