package aicr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import aicr.gocompat.Timestamp;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How single scalars come out: the quoting decisions of yaml.v3's encoder and emitter. */
class YamlWriterScalarTest {

    /** The value written under key {@code k}, without the {@code "k: "} prefix and final newline. */
    private static String value(Object v) {
        Map<String, Object> m = new HashMap<>();
        m.put("k", v);
        String out = YamlWriter.write(m, true);
        assertEquals("k:", out.substring(0, 2));
        return out.substring(out.charAt(2) == ' ' ? 3 : 2, out.length() - 1);
    }

    @Test
    void nonStrings() {
        assertEquals("null", value(null));
        assertEquals("true", value(true));
        assertEquals("false", value(false));
        assertEquals("42", value(42));
        assertEquals("-7", value(-7L));
        assertEquals("12345678901234567890", value(new BigInteger("12345678901234567890")));
        assertEquals("1", value(1.0));
        assertEquals("1.234567e+06", value(1234567.0));
        assertEquals(".inf", value(Double.POSITIVE_INFINITY));
        assertEquals("-.inf", value(Double.NEGATIVE_INFINITY));
        assertEquals(".nan", value(Double.NaN));
        assertEquals("2001-12-14T21:59:43.1-05:00",
                value(new Timestamp(1008385183L, 100_000_000, -5 * 3600, false)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "hello", "gpu-operator", "v1.2.3", "1.2.3", "580.126.20", "=>", "a>b", "tRue", "nULL", "yES",
        "0x", "_1", "1e999", "._5", "<<", "12:3x", "a,b", "a[b]", "?x", ":x", "-x", "--", "a#b",
        "it's", "a: ", "é", "\u00a0x", "https://helm.ngc.nvidia.com/nvidia", "2001-13-01", "2001-02-30",
        "2001-12-14T21:59:43+25:00", "nvidia.com/gpu", "=1", "a\"b", "a\\b", "x%", "\uFFFD"
    })
    void plainWhenItReadsBackAsTheSameString(String s) {
        String expected = s.equals("a: ") ? "'a: '" : s;
        assertEquals(expected, value(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // other types under yaml.v3's resolver
        "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
        "24.04", "1.0", "1", "-1", "+5", "0", "-0", "1_000", "0x1F", "0X1F", "0o17", "-0o17", "017", "08",
        "0b101", "-0b101", "0b-1", "1e3", "1E3", ".5", ".5_0", "-.5", "1.", "+.inf", ".inf", "-.Inf", ".NaN",
        "12345678901234567890", "18446744073709551616", "9223372036854775808", "-9223372036854775809",
        "2001-12-14", "2026-7-1", "2001-12-14T21:59:43.10-05:00", "2001-12-14t21:59:43Z",
        "2001-12-14 21:59:43.10", "2001-12-14  1:2:3", "2001-12-14T21:59:43,5Z", "2000-02-29",
        // YAML 1.1 booleans and base-60 numbers, quoted for YAML 1.1 readers
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
        "1:20", "190:20:30", "-1:20.5", "12:30",
    })
    void doubleQuotedWhenItWouldReadAsAnotherType(String s) {
        assertEquals("\"" + s + "\"", value(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        ">= 1.32.4", "- a", "-", "#x", "a #b", "a: b", "x:", ": x", "? x", "?", ":", " lead", "trail ",
        "[x", "]x", "{x", "}x", ",x", "&x", "*x", "!x", "|x", ">x", "%x", "@x", "`x", "\"x", "---", "...",
        "--- x", "... x", "a :b: c", ">=", "%"
    })
    void singleQuotedWhenPlainIsNotAllowed(String s) {
        String expected = "'" + s.replace("'", "''") + "'";
        assertEquals(expected, value(s));
    }

    @Test
    void singleQuotesAreDoubledInsideSingleQuotes() {
        assertEquals("'''q'", value("'q"));
        assertEquals("'''a: b'''", value("'a: b'"));
    }

    @Test
    void doubleQuotedWithEscapesForCharactersSingleQuotesCannotHold() {
        assertEquals("\"a\\tb\"", value("a\tb"));
        assertEquals("\"\\t\"", value("\t"));
        assertEquals("\"83669\\t81781\\t45\"", value("83669\t81781\t45"));
        assertEquals("\"a\\rb\"", value("a\rb"));
        assertEquals("\"\\x01\"", value("\u0001"));
        assertEquals("\"\\0\\a\\b\\v\\f\\e\"", value("\u0000\u0007\u0008\u000b\u000c\u001b"));
        assertEquals("\"\\x7F\"", value("\u007f"));
        assertEquals("\"\\x80\\x9F\"", value("\u0080\u009f"));
        assertEquals("\"a\\Nb\"", value("a\u0085b"));
        assertEquals("\"\\U0001F600\"", value("\uD83D\uDE00"));
        assertEquals("\"x\\uFFFE\"", value("x\uFFFE"));
        // An unpaired surrogate cannot be UTF-8; it becomes U+FFFD, which is printable.
        assertEquals("\uFFFD", value("\uD800"));
        assertEquals("a\uFFFDb", value("a\uDC00b"));
        assertEquals("\" \\\\ \\\" \\t\"", value(" \\ \" \t"));
    }

    @Test
    void leadingByteOrderMarkEscapesEveryCharacter() {
        assertEquals("\"\\uFEFF\\x61\\xE9\\u20AC\"", value("\uFEFFa\u00e9\u20ac"));
    }

    @Test
    void otherLineBreaksWithoutLineFeed() {
        // U+2028 is printable and a break: plain is not allowed, single quotes are. yaml.v3
        // copies the break character and then indents the next line without writing a LF.
        assertEquals("'a\u2028  b'", value("a\u2028b"));
    }

    @Test
    void literalBlocksForStringsWithLineFeeds() {
        assertEquals("|-\n  a\n  b", value("a\nb"));
        assertEquals("|\n  a\n  b", value("a\nb\n"));
        assertEquals("|+\n  a\n", value("a\n\n"));
        assertEquals("|2-\n   a\n  b", value(" a\nb"));
        // yaml.v3 v3.0.1 writes no line break after the block header; a leading line feed of
        // the value becomes that break, so the empty first line is lost (a known v3 defect that
        // the reference has, fixed only in later forks).
        assertEquals("|2-\n  a", value("\na"));
        assertEquals("|2-\n\n  a", value("\n\na"));
        assertEquals("|-\n  a\n   b", value("a\n b"));
        assertEquals("|-\n  a\n\n  b", value("a\n\nb"));
        assertEquals("|-\n  a\tb\n  c", value("a\tb\nc"));
        assertEquals("|-\n  # c: d\n  - e", value("# c: d\n- e"));
    }

    @Test
    void literalKeepAndSingleBreak() {
        assertEquals("k: |+\n  a\n\n", YamlWriter.write(Map.of("k", "a\n\n"), true));
        // yaml.v3 writes a lone line feed as an (empty) keep block, one line only.
        assertEquals("k: |2+\n", YamlWriter.write(Map.of("k", "\n"), true));
        assertEquals("k: |\n  a\nz: 1\n", YamlWriter.write(Map.of("k", "a\n", "z", 1), true));
    }

    @Test
    void doubleQuotedWhenLiteralBlockIsNotAllowed() {
        assertEquals("\"a \\nb\"", value("a \nb"));
        assertEquals("\"a\\nb \"", value("a\nb "));
        assertEquals("\"a\\nb\\x01\"", value("a\nb\u0001"));
        assertEquals("\"a\\r\\nb\"", value("a\r\nb"));
    }

    @Test
    void longScalarsAreNotFolded() {
        String longPlain = "word ".repeat(40) + "end";
        assertEquals(longPlain, value(longPlain));
        String longQuoted = ">= " + "x ".repeat(60) + "y";
        assertEquals("'" + longQuoted + "'", value(longQuoted));
        String longDouble = "a\t" + "b ".repeat(60) + "c";
        assertEquals("\"a\\t" + "b ".repeat(60) + "c\"", value(longDouble));
    }
}
