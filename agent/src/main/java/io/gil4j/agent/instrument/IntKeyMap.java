package io.gil4j.agent.instrument;

import java.util.Arrays;

/**
 * A small map from {@code int} keys (instruction indices) to values, kept as a sorted array.
 *
 * <p>Why not {@code HashMap<Integer, V>}: the transformer runs inside the application, at every class
 * load, and the JDK's methods keep one type profile for every caller. Boxed keys hashed through
 * {@code java.util.HashMap.hash} made {@code Integer} the second or third receiver type there, next to
 * the application's {@code String} keys; in about one JVM in four C2 then compiled the application's own
 * {@code HashMap.merge} with a virtual {@code hashCode()} call instead of an inlined
 * {@code String.hashCode()}, and a word count ran 1.3x slower for the whole run (BENCHMARKS.md,
 * "Profile pollution"). The agent must not change what the JIT learns about the JDK's shared code.
 *
 * <p>Assumptions and guarantees: a few entries per method (loops, stack-map frames); keys added in
 * ascending order cost O(1), others O(n); {@link #get} is a binary search. Not thread-safe: one per
 * method visitor.
 */
final class IntKeyMap<V> {
    private int[] keys = new int[8];
    private Object[] values = new Object[8];
    private int size;

    void put(int key, V value) {
        int i = Arrays.binarySearch(keys, 0, size, key);
        if (i >= 0) {
            values[i] = value;
            return;
        }
        i = -i - 1;
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        System.arraycopy(keys, i, keys, i + 1, size - i);
        System.arraycopy(values, i, values, i + 1, size - i);
        keys[i] = key;
        values[i] = value;
        size++;
    }

    /** The value for {@code key}, or null. */
    @SuppressWarnings("unchecked")
    V get(int key) {
        int i = Arrays.binarySearch(keys, 0, size, key);
        return i >= 0 ? (V) values[i] : null;
    }

    int size() {
        return size;
    }
}
