package aicr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import aicr.gocompat.Timestamp;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void htmlCharactersAreEscaped() {
        Struct c = new Struct().with("name", "K8s.server.version").with("value", ">= 1.32.4");
        assertEquals("""
                {
                  "name": "K8s.server.version",
                  "value": "\\u003e= 1.32.4"
                }
                """, JsonWriter.write(c, true));
        assertEquals("\"\\u003cb\\u003e \\u0026 \\u003c/b\\u003e\"", JsonWriter.write("<b> & </b>", false));
    }

    @Test
    void stringEscapes() {
        assertEquals("\"\\\"q\\\" \\\\ \\n\\r\\t\\b\\f\"", JsonWriter.quote("\"q\" \\ \n\r\t\b\f"));
        assertEquals("\"\\u0000\\u0001\\u001f\"", JsonWriter.quote("\u0000\u0001\u001f"));
        assertEquals("\"\\u2028\\u2029\"", JsonWriter.quote("\u2028\u2029"));
        // DEL, C1 controls and other non-ASCII text are written as they are
        assertEquals("\"\u007f\u0085é€\uD83D\uDE00\"", JsonWriter.quote("\u007f\u0085é€\uD83D\uDE00"));
        // unpaired surrogates are invalid UTF-8 to Go: replaced
        assertEquals("\"a\\ufffdb\\ufffd\"", JsonWriter.quote("a\uD800b\uDC00"));
        assertEquals("\"'/\"", JsonWriter.quote("'/"));
    }

    @Test
    void nestedEmptyContainersStayCompact() {
        Struct doc = new Struct()
                .with("a", List.of())
                .with("b", Map.of())
                .with("c", List.of(Map.of(), List.of(), new Struct()))
                .with("d", new Struct().with("e", List.of()).with("f", Map.of()));
        assertEquals("""
                {
                  "a": [],
                  "b": {},
                  "c": [
                    {},
                    [],
                    {}
                  ],
                  "d": {
                    "e": [],
                    "f": {}
                  }
                }
                """, JsonWriter.write(doc, true));
    }

    @Test
    void structKeepsOrderAndMapsSortByBytes() {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("b", 1);
        overrides.put("a", Map.of("z", 1, "y", 2));
        overrides.put("B", true);
        overrides.put("é", 0);
        overrides.put("\uFF21", 0);
        overrides.put("\uD83D\uDE00", 0);
        Struct doc = new Struct().with("kind", "RecipeResult").with("apiVersion", "v").with("overrides", overrides);
        assertEquals("{\"kind\":\"RecipeResult\",\"apiVersion\":\"v\",\"overrides\":"
                + "{\"B\":true,\"a\":{\"y\":2,\"z\":1},\"b\":1,\"é\":0,\"\uFF21\":0,\"\uD83D\uDE00\":0}}",
                JsonWriter.write(doc, false));
    }

    @Test
    void compactHasNoWhitespaceAndNoNewline() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", Arrays.asList(1, null, "x"));
        m.put("b", new Struct().with("c", false));
        assertEquals("{\"a\":[1,null,\"x\"],\"b\":{\"c\":false}}", JsonWriter.write(m, false));
    }

    @Test
    void scalars() {
        assertEquals("null", JsonWriter.write(null, false));
        assertEquals("null\n", JsonWriter.write(null, true));
        assertEquals("true", JsonWriter.write(true, false));
        assertEquals("-42", JsonWriter.write(-42, false));
        assertEquals("9223372036854775807", JsonWriter.write(Long.MAX_VALUE, false));
        assertEquals("18446744073709551615", JsonWriter.write(new BigInteger("18446744073709551615"), false));
        assertEquals("1", JsonWriter.write(1.0, false));
        assertEquals("1234567", JsonWriter.write(1234567.0, false));
        assertEquals("1e+21", JsonWriter.write(1e21, false));
        assertEquals("1e-7", JsonWriter.write(1e-7, false));
        assertEquals("-0", JsonWriter.write(-0.0, false));
        assertEquals("\"2001-12-14T21:59:43.1-05:00\"",
                JsonWriter.write(new Timestamp(1008385183L, 100_000_000, -5 * 3600, false), false));
        assertEquals("\"2001-12-14T00:00:00Z\"", JsonWriter.write(new Timestamp(1008288000L, 0, 0, true), false));
    }

    @Test
    void unsupportedValuesFailWithGoMessages() {
        assertEquals("json: unsupported value: +Inf", assertThrows(IllegalArgumentException.class,
                () -> JsonWriter.write(Map.of("a", List.of(Double.POSITIVE_INFINITY)), true)).getMessage());
        assertEquals("json: unsupported value: NaN", assertThrows(IllegalArgumentException.class,
                () -> JsonWriter.write(Double.NaN, false)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> JsonWriter.write(new Timestamp(253402300800L, 0, 0, true), false)); // year 10000
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(new Object(), false));
        Map<Object, Object> bad = new HashMap<>();
        bad.put(1, 1);
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(bad, false));
    }

    @Test
    void indentedNesting() {
        Object doc = new Struct().with("list", List.of(1, List.of(2, 3), new Struct().with("k", "v")));
        assertEquals("""
                {
                  "list": [
                    1,
                    [
                      2,
                      3
                    ],
                    {
                      "k": "v"
                    }
                  ]
                }
                """, JsonWriter.write(doc, true));
        assertEquals("[]\n", JsonWriter.write(List.of(), true));
        assertEquals("\"x\"\n", JsonWriter.write("x", true));
    }
}
