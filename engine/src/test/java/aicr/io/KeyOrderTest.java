package aicr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyOrderTest {

    private static List<String> sorted(List<String> keys, java.util.Comparator<String> order) {
        Map<String, Object> m = new LinkedHashMap<>();
        keys.forEach(k -> m.put(k, null));
        return KeyOrder.sorted(m, order).stream().map(Map.Entry::getKey).toList();
    }

    @Test
    void bytesOrderPutsSupplementaryCharactersAfterTheBmp() {
        // UTF-16 order would put U+1F600 (surrogates D83D..) before U+FF21; UTF-8 order does not.
        assertEquals(List.of("A", "a", "é", "\uFF21", "\uD83D\uDE00"),
                sorted(List.of("\uD83D\uDE00", "\uFF21", "é", "a", "A"), KeyOrder.BYTES));
        assertEquals(List.of("a", "a1", "a10", "a2"), sorted(List.of("a2", "a10", "a1", "a"), KeyOrder.BYTES));
    }

    @Test
    void yamlMapOrderIsNatural() {
        assertEquals(List.of("_x", "9", "10", "B", "a", "a1", "a1b", "a2", "a10", "b"),
                sorted(List.of("b", "a10", "a2", "a1b", "a1", "a", "B", "10", "9", "_x"), KeyOrder.YAML_MAP));
        // equal numbers: the shorter digit run first
        assertEquals(List.of("a1", "a01", "a100"), sorted(List.of("a100", "a01", "a1"), KeyOrder.YAML_MAP));
    }

    @Test
    void sortIsStableForEqualKeysUnderTheOrder() {
        assertEquals(List.of("x1", "x01"), sorted(List.of("x1", "x01"), (a, b) -> 0));
    }

    /** A hostile map with tens of thousands of keys: merged runs, the same order as a total sort. */
    @Test
    void largeMapsSortLikeATotalOrderSort() {
        java.util.Random random = new java.util.Random(14);
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            keys.add("k" + random.nextInt(1_000_000) + (char) ('a' + random.nextInt(26)) + i);
        }
        List<String> want = new java.util.ArrayList<>(keys);
        want.sort(KeyOrder.BYTES);
        assertEquals(want, sorted(keys, KeyOrder.BYTES));
        for (int n : List.of(31, 32, 33, 64, 65, 1000)) {
            List<String> some = keys.subList(0, n);
            List<String> w = new java.util.ArrayList<>(some);
            w.sort(KeyOrder.YAML_MAP);
            assertEquals(w, sorted(some, KeyOrder.YAML_MAP), "n=" + n);
        }
    }
}
