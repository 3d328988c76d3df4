package aicr.gocompat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoFloatTest {

    @ParameterizedTest(name = "yaml({0}) = {1}")
    @CsvSource({
        // spec examples (recipe.md §13.3, snapshot-validate.md §1.3)
        "1234567.0, 1.234567e+06",
        "123456.0, 123456",
        "123456.5, 123456.5",
        "0.00001, 1e-05",
        "0.0001, 0.0001",
        "1000000, 1e+06",
        "10000000, 1e+07",
        "999999, 999999",
        "24.10, 24.1",
        "2.50, 2.5",
        "1.0, 1",
        "1e3, 1000",
        "0.5, 0.5",
        "0.1, 0.1",
        "-1.5, -1.5",
        "0, 0",
        "1e21, 1e+21",
        "1e100, 1e+100",
        "1.5e-10, 1.5e-10",
        "18446744073709551616, 1.8446744073709552e+19",
        "-9223372036854775809, -9.223372036854776e+18",
        "1.7976931348623157e308, 1.7976931348623157e+308",
    })
    void yamlUsesShortestDigitsAndExponentOutsideMinus4To5(double f, String expected) {
        assertEquals(expected, GoFloat.yaml(f));
    }

    @Test
    void yamlSpecialValues() {
        assertEquals(".nan", GoFloat.yaml(Double.NaN));
        assertEquals(".inf", GoFloat.yaml(Double.POSITIVE_INFINITY));
        assertEquals("-.inf", GoFloat.yaml(Double.NEGATIVE_INFINITY));
        assertEquals("-0", GoFloat.yaml(-0.0));
    }

    @Test
    void shortestDigitsWhereJdk17ToStringIsNot() {
        // JDK 17 prints 4.9E-324 and 9.9E-324 (JDK-4511638); Go prints the shortest form.
        assertEquals("5e-324", GoFloat.yaml(Double.MIN_VALUE));
        assertEquals("1e-323", GoFloat.yaml(1e-323));
        assertEquals("2e-323", GoFloat.yaml(2e-323));
        assertEquals("2.2250738585072014e-308", GoFloat.yaml(Double.MIN_NORMAL));
    }

    @Test
    void powersOfTwoUseTheWideSideOfTheirAsymmetricInterval() {
        // 2^-1017: the nearest 16-digit decimal is outside the rounding interval but the one
        // above is inside, so 16 digits suffice (Go, and JDK 19+ Double.toString, agree).
        assertEquals("7.120236347223045e-307", GoFloat.yaml(Math.scalb(1.0, -1017)));
        assertEquals("9.007199254740992e+15", GoFloat.yaml(Math.scalb(1.0, 53)));
    }

    @ParameterizedTest(name = "json({0}) = {1}")
    @CsvSource({
        "1234567, 1234567",
        "0.00001, 0.00001",
        "0.000001, 0.000001",
        "1e-7, 1e-7",
        "1.5e-7, 1.5e-7",
        "1.5e-10, 1.5e-10",
        "1e20, 100000000000000000000",
        "1e21, 1e+21",
        "1.2345e25, 1.2345e+25",
        "-1e-9, -1e-9",
        "1e-100, 1e-100",
        "24.1, 24.1",
        "1.0, 1",
        "0, 0",
        "5e-324, 5e-324",
    })
    void jsonUsesExponentOnlyBelow1eMinus6OrFrom1e21(double f, String expected) {
        assertEquals(expected, GoFloat.json(f));
    }

    @Test
    void jsonNegativeZeroAndUnsupportedValues() {
        assertEquals("-0", GoFloat.json(-0.0));
        assertEquals("json: unsupported value: NaN",
                assertThrows(IllegalArgumentException.class, () -> GoFloat.json(Double.NaN)).getMessage());
        assertEquals("json: unsupported value: +Inf",
                assertThrows(IllegalArgumentException.class, () -> GoFloat.json(Double.POSITIVE_INFINITY)).getMessage());
        assertEquals("json: unsupported value: -Inf",
                assertThrows(IllegalArgumentException.class, () -> GoFloat.json(Double.NEGATIVE_INFINITY)).getMessage());
    }

    @Test
    void readingFormIsGoPercentV() {
        assertEquals("1e+07", GoFloat.reading(1e7));
        assertEquals("8", GoFloat.reading(8.0));
        assertEquals("1.234567e+06", GoFloat.reading(1234567.0));
        assertEquals("1e-05", GoFloat.reading(0.00001));
        assertEquals("24.1", GoFloat.reading(24.10));
        assertEquals("NaN", GoFloat.reading(Double.NaN));
        assertEquals("+Inf", GoFloat.reading(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", GoFloat.reading(Double.NEGATIVE_INFINITY));
        assertEquals("-0", GoFloat.reading(-0.0));
    }

    @Test
    void randomDoublesRoundTripWithNoMoreDigitsThanJdk() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 5_000; i++) {
            double f = Double.longBitsToDouble(r.nextLong());
            if (Double.isNaN(f) || Double.isInfinite(f)) {
                continue;
            }
            String e = GoFloat.formatE(f);
            assertEquals(f, Double.parseDouble(e), e);
            assertEquals(f, Double.parseDouble(GoFloat.formatF(f)));
            assertEquals(f, Double.parseDouble(GoFloat.json(f)));
            int ours = e.substring(0, e.indexOf('e')).replace("-", "").replace(".", "").length();
            int jdk = new BigDecimal(Double.toString(Math.abs(f))).stripTrailingZeros().precision();
            assertTrue(ours <= jdk, () -> f + ": " + e + " vs " + Double.toString(f));
        }
    }
}
