package aicr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Layout of collections, key order and key quoting. */
class YamlWriterStructureTest {

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Struct struct(Object... kv) {
        Struct s = new Struct();
        for (int i = 0; i < kv.length; i += 2) {
            s.put((String) kv[i], kv[i + 1]);
        }
        return s;
    }

    @Test
    void sequencesAreIndentedUnderTheirKey() {
        Object doc = map("componentRefs", List.of(
                        map("name", "gpu-operator", "dependencyRefs", List.of("nfd", "cert-manager"),
                                "overrides", map("cdi", map("enabled", true))),
                        map("name", "nfd")),
                "kind", "RecipeResult");
        assertEquals("""
                componentRefs:
                  - dependencyRefs:
                      - nfd
                      - cert-manager
                    name: gpu-operator
                    overrides:
                      cdi:
                        enabled: true
                  - name: nfd
                kind: RecipeResult
                """, YamlWriter.write(doc, true));
    }

    @Test
    void emptyCollectionsAreFlow() {
        Object doc = map("a", List.of(), "b", map(), "c", List.of(List.of(), map()), "d", map("e", List.of()));
        assertEquals("""
                a: []
                b: {}
                c:
                  - []
                  - {}
                d:
                  e: []
                """, YamlWriter.write(doc, true));
    }

    @Test
    void nestedSequences() {
        Object doc = List.of(List.of("a", "b"), List.of(List.of("c")), "d");
        assertEquals("""
                - - a
                  - b
                - - - c
                - d
                """, YamlWriter.write(doc, true));
    }

    @Test
    void mappingsInsideNestedSequenceItems() {
        Object doc = map("k", List.of(List.of(map("a", 1, "b", List.of(map("c", 2))))));
        assertEquals("""
                k:
                  - - a: 1
                      b:
                        - c: 2
                """, YamlWriter.write(doc, true));
    }

    @Test
    void literalBlocksInsideCollections() {
        Object doc = map("list", List.of("x\ny\n", "z"), "m", map("p", map("text", "a\n  b\n")));
        assertEquals("""
                list:
                  - |
                    x
                    y
                  - z
                m:
                  p:
                    text: |
                      a
                        b
                """, YamlWriter.write(doc, true));
    }

    @Test
    void rootValues() {
        assertEquals("null\n", YamlWriter.write(null, true));
        assertEquals("hello\n", YamlWriter.write("hello", true));
        assertEquals("\"24.04\"\n", YamlWriter.write("24.04", true));
        assertEquals("'>= 1.30'\n", YamlWriter.write(">= 1.30", true));
        assertEquals("|-\n  a\n  b\n", YamlWriter.write("a\nb", true));
        assertEquals("|\n  a\n", YamlWriter.write("a\n", true));
        assertEquals("[]\n", YamlWriter.write(List.of(), true));
        assertEquals("{}\n", YamlWriter.write(Map.of(), true));
        assertEquals("3\n", YamlWriter.write(3, true));
        assertEquals("- 1\n- 2.5\n- true\n- null\n", YamlWriter.write(Arrays.asList(1L, 2.5, true, null), true));
    }

    @Test
    void keysFollowTheSameQuotingRules() {
        Object doc = map("n", 1, "y", 2, "1.50", "x", "on", 3, "plain key", 4, "a: b", 5, "", 6, "true", 7,
                "~", 8, "- x", 9, "tab\there", 10, "nvidia.com/gpu", 11);
        assertEquals("""
                "": 6
                '- x': 9
                "1.50": x
                'a: b': 5
                "n": 1
                nvidia.com/gpu: 11
                "on": 3
                plain key: 4
                "tab\\there": 10
                "true": 7
                "y": 2
                "~": 8
                """, YamlWriter.write(doc, true));
    }

    @Test
    void longKeysUseTheComplexKeyForm() {
        String k128 = "k".repeat(128);
        String k129 = "k".repeat(129);
        assertEquals(k128 + ": 1\n", YamlWriter.write(map(k128, 1), true));
        assertEquals("? " + k129 + "\n: 1\n", YamlWriter.write(map(k129, 1), true));
        assertEquals("? " + k129 + "\n: a: 1\n  b: 2\n", YamlWriter.write(map(k129, map("a", 1, "b", 2)), true));
        // the value's block starts on the ": " line, like libyaml
        assertEquals("? " + k129 + "\n: - 1\n  - 2\n", YamlWriter.write(map(k129, List.of(1, 2)), true));
        // multi-byte characters count in UTF-8 bytes
        String wide = "é".repeat(65);
        assertEquals("? " + wide + "\n: 1\n", YamlWriter.write(map(wide, 1), true));
    }

    @Test
    void multiLineKeysUseALiteralComplexKey() {
        assertEquals("? |-\n  a\n  b\n: 1\n", YamlWriter.write(map("a\nb", 1), true));
        assertEquals("x:\n  ? |-\n    a\n    b\n  : 1\n", YamlWriter.write(map("x", map("a\nb", 1)), true));
    }

    @Test
    void sortedKeysUseUtf8ByteOrderAtEveryDepthIncludingStructs() {
        Object doc = struct("kind", "K", "apiVersion", "v",
                "b", struct("z", 1, "a", 2), "B", 0, "a10", 1, "a2", 2, "_x", 3, "é", 4, "\uFF21", 5, "\uD83D\uDE00", 6);
        assertEquals("""
                B: 0
                _x: 3
                a10: 1
                a2: 2
                apiVersion: v
                b:
                  a: 2
                  z: 1
                kind: K
                é: 4
                Ａ: 5
                \uD83D\uDE00: 6
                """.replace("\uD83D\uDE00: 6", "\"\\U0001F600\": 6"), YamlWriter.write(doc, true));
    }

    @Test
    void unsortedKeepsStructOrderAndSortsMapsLikeYamlV3() {
        Map<String, Object> m = new HashMap<>();
        for (String k : List.of("a10", "a2", "a1", "b", "B", "_x", "a1b", "a", "10", "9", "x-y", "x_y", "xy")) {
            m.put(k, 0);
        }
        Struct doc = struct("zeta", 1, "alpha", m);
        assertEquals("""
                zeta: 1
                alpha:
                  _x: 0
                  "9": 0
                  "10": 0
                  B: 0
                  a: 0
                  a1: 0
                  a1b: 0
                  a2: 0
                  a10: 0
                  b: 0
                  x-y: 0
                  x_y: 0
                  xy: 0
                """, YamlWriter.write(doc, false));
    }

    @Test
    void indentFourMatchesYamlMarshalDefault() {
        Object doc = map("a", map("b", List.of(map("c", 1, "d", "x\ny")), "e", " z\n"));
        assertEquals("""
                a:
                    b:
                        - c: 1
                          d: |-
                            x
                            y
                    e: |4
                         z
                """, YamlWriter.write(doc, true, 4));
        assertThrows(IllegalArgumentException.class, () -> YamlWriter.write(doc, true, 1));
    }

    @Test
    void rejectsValuesOutsideTheModel() {
        assertThrows(IllegalArgumentException.class, () -> YamlWriter.write(map("a", new Object()), true));
        Map<Object, Object> bad = new HashMap<>();
        bad.put(1, "x");
        assertThrows(IllegalArgumentException.class, () -> YamlWriter.write(bad, true));
        List<Object> l = new ArrayList<>();
        l.add(new StringBuilder("x"));
        assertThrows(IllegalArgumentException.class, () -> YamlWriter.write(l, true));
    }
}
