package aicr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.gocompat.Timestamp;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reference's scalar resolution (YAML 1.2 core plus yaml.v3's extras), not YAML 1.1. */
class YamlReaderTest {
    private static Object value(String yamlScalar) {
        Map<?, ?> m = (Map<?, ?>) Values.of(YamlReader.parse("v: " + yamlScalar + "\n"));
        return m.get("v");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "yes|yes", "no|no", "on|on", "off|off", "y|y", "Yes|Yes", "tRue|tRue", "1.2.3|1.2.3", "12:30|12:30",
        "'quoted 5'|quoted 5", "\"24.04\"|24.04", "v1.0|v1.0", "0x|0x", "1e400|1e400"})
    void stringsStayStrings(String in, String want) {
        assertEquals(want, value(in));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5|5", "+5|5", "-0|0", "1_000|1000", "0x1F|31", "0o17|15", "-0o17|-15", "017|15", "0b101|5"})
    void integers(String in, long want) {
        assertEquals(want, value(in));
    }

    @Test
    void integersBeyondInt64() {
        assertEquals(new BigInteger("12345678901234567890"), value("12345678901234567890"));
        assertEquals(1.8446744073709552e19, value("18446744073709551616"));
        assertEquals(-9.223372036854776e18, value("-9223372036854775809"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1.0|1.0", "1e3|1000", "1E3|1000", ".5|0.5", "24.10|24.1", "08|8"})
    void floats(String in, double want) {
        assertEquals(want, value(in));
    }

    @Test
    void specialsAndBooleansAndNulls() {
        assertEquals(Double.POSITIVE_INFINITY, value(".inf"));
        assertEquals(Double.NEGATIVE_INFINITY, value("-.Inf"));
        assertTrue(Double.isNaN((Double) value(".NaN")));
        assertEquals(true, value("TRUE"));
        assertEquals(false, value("False"));
        assertNull(value("~"));
        assertNull(value(""));
        assertNull(value("Null"));
        assertEquals("null", value("'null'"));
    }

    @Test
    void explicitTagsWin() {
        assertEquals("5", value("!!str 5"));
        assertEquals(7L, value("!!int \"7\""));
    }

    @Test
    void timestamps() {
        Timestamp t = (Timestamp) value("2001-12-14");
        assertEquals(1008288000L, t.epochSecond());
        assertTrue(t.utc());
        Timestamp z = (Timestamp) value("2026-07-01T12:30:45+02:00");
        assertEquals(7200, z.offsetSeconds());
        assertTrue(value("2026-7-1") instanceof Timestamp);
        assertEquals("2001-12-14 21:59:43.10 -5", value("2001-12-14 21:59:43.10 -5"));
        assertEquals("2026-13-01", value("2026-13-01"));
    }

    @Test
    void mapKeysKeepTheirLiteralText() {
        Map<?, ?> m = (Map<?, ?>) Values.of(YamlReader.parse("1.50: a\nYES: b\n~: c\n"));
        assertEquals(java.util.Set.of("1.50", "YES", "~"), m.keySet());
    }

    @Test
    void duplicateKeysAreRejected() {
        YamlSyntaxException e = assertThrows(YamlSyntaxException.class, () -> YamlReader.parse("a: 1\nb: 2\na: 3\n"));
        assertEquals("line 3: mapping key \"a\" already defined at line 1", e.getMessage());
    }

    @Test
    void anchorsAliasesAndMergeKeys() {
        Map<?, ?> m = (Map<?, ?>) Values.of(YamlReader.parse("base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n"));
        assertEquals(Map.of("x", 1L, "y", 3L), m.get("c"));
    }

    @Test
    void syntaxErrorsNameTheLine() {
        YamlSyntaxException e = assertThrows(YamlSyntaxException.class, () -> YamlReader.parse("a: [1, 2\nb: c\n"));
        assertTrue(e.getMessage().startsWith("line "), e.getMessage());
    }

    @Test
    void jsonNumbersAreFloatsAndLastDuplicateWins() {
        Map<?, ?> m = (Map<?, ?>) Values.of(JsonReader.parse("{\"n\": 8, \"a\": 1, \"a\": 2}"));
        assertEquals(8.0, m.get("n"));
        assertEquals(2.0, m.get("a"));
    }

    @Test
    void codecRoundTripsTrees() throws Exception {
        Node n = YamlReader.parse("a: [1, 'two', {b: null}]\nc: |\n  text\n");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            NodeCodec.write(out, n);
        }
        Node back = NodeCodec.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(n, back);
    }
}
