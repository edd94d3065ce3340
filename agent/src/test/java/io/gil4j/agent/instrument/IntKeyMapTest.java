package io.gil4j.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IntKeyMap against HashMap on the same operations: ascending keys (stack-map frames), random ones (loops), repeats. */
class IntKeyMapTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ascending", "descending", "random", "repeated"})
    void answersAsAHashMapWould(String order) {
        Random r = new Random(order.hashCode());
        IntKeyMap<Integer> map = new IntKeyMap<>();
        Map<Integer, Integer> expected = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            int key = switch (order) {
                case "ascending" -> i * 3;
                case "descending" -> 5000 - i * 7;
                case "random" -> r.nextInt(2000);
                default -> r.nextInt(20);
            };
            map.put(key, i);
            expected.put(key, i);
        }
        assertThat(map.size()).isEqualTo(expected.size());
        for (int k = -10; k < 5100; k++) assertThat(map.get(k)).as("key %d", k).isEqualTo(expected.get(k));
    }
}
