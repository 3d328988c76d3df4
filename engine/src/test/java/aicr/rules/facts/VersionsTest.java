package aicr.rules.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.errors.AicrException;
import aicr.gocompat.GoStrings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Version parsing and ordering (spec §4.4) and the operator split (§4.3). */
class VersionsTest {

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "''|empty version string: version string is empty",
            "1.2.3.4|too many version components: version has more than 3 components",
            "1..2|empty component: version component is not numeric",
            "1.|empty component: version component is not numeric",
            ".1|empty component: version component is not numeric",
            "v|empty component: version component is not numeric",
            "V1.2|non-numeric component: \"V1\": version component is not numeric",
            "1e3|non-numeric component: \"1e3\": version component is not numeric",
            "0x10|non-numeric component: \"0x10\": version component is not numeric",
            "'5 extra'|non-numeric component: \"5 extra\": version component is not numeric",
            "1.33.5eks|non-numeric component: \"5eks\": version component is not numeric",
            "1.2_3|non-numeric component: \"2_3\": version component is not numeric",
            "99999999999999999999|non-numeric component: \"99999999999999999999\": version component is not numeric",
            "-1|negative component: -1: version component cannot be negative",
            "'1.\t2'|non-numeric component: \"\\t2\": version component is not numeric",
    })
    void parseErrors(String s, String message) {
        AicrException e = assertThrows(AicrException.class, () -> Versions.parse(s));
        assertEquals("[INVALID_REQUEST] " + message, e.render());
    }

    @Test
    void parses() {
        assertEquals(new Version(1, 33, 5, 3, "-eks-3025e55"), Versions.parse("v1.33.5-eks-3025e55"));
        assertEquals(new Version(1, 32, 0, 2, ""), Versions.parse("+1.32"));
        assertEquals(new Version(0, 0, 0, 1, ""), Versions.parse("-0"));
        assertEquals(new Version(1, 32, 0, 2, "-"), Versions.parse("1.32-"));
        assertEquals(new Version(6, 8, 0, 3, "-1024-aws"), Versions.parse("6.8.0-1024-aws"));
        assertEquals(new Version(1, 28, 0, 3, "-gke.1337000"), Versions.parse("1.28.0-gke.1337000"));
    }

    @Test
    void orderingTruncatesEqualityDoesNot() {
        assertEquals(0, Versions.compare("1.33.5", "1.33"));
        assertTrue(Versions.compare("1.5", "1.10") < 0);
        assertTrue(Versions.compare("1000000", "100") > 0);
        assertEquals(0, Versions.compare("1.33.5-rc1", "1.33.5"));
        assertFalse(Versions.parse("1.33").sameAs(Versions.parse("1.33.5")));
        assertTrue(Versions.parse("24.4").sameAs(Versions.parse("24.04")));
        assertTrue(Versions.looksLikeVersion("v1.2"));
        assertFalse(Versions.looksLikeVersion("8"));
        assertFalse(Versions.looksLikeVersion("v."));
    }

    @Test
    void operatorSplitIsLongestDeclaredPrefix() {
        List<String> tokens = Expressions.order(List.of(">", "<", ">=", "<=", "==", "!="));
        assertEquals(List.of("!=", "<=", "==", ">=", "<", ">"), tokens);
        assertEquals(new Expressions.Split(">=", "1.32"), Expressions.split("  >=1.32 ", tokens));
        assertEquals(new Expressions.Split(">", "= 1"), Expressions.split("> = 1", tokens));
        assertEquals(new Expressions.Split("", "~1.33"), Expressions.split("~1.33", tokens));
        assertEquals(new Expressions.Split("", "=> 1.32"), Expressions.split("=> 1.32", tokens));
        assertEquals(new Expressions.Split("", "= 1"), Expressions.split("= 1", tokens));
        assertEquals("[INVALID_REQUEST] constraint expression cannot be empty",
                assertThrows(AicrException.class, () -> Expressions.split(" \t", tokens)).render());
        assertEquals("[INVALID_REQUEST] constraint value cannot be empty after operator",
                assertThrows(AicrException.class, () -> Expressions.split("!= ", tokens)).render());
        assertEquals(new Expressions.Split("=~", "x"), Expressions.split("=~x", Expressions.order(List.of("==", "=~"))));
    }

    @Test
    void goTrimSpaceIsNotJavaStrip() {
        assertEquals("a", GoStrings.trimSpace("\u00a0a\u0085"));
        assertEquals("\u001ca", GoStrings.trimSpace(" \u001ca "));
    }
}
