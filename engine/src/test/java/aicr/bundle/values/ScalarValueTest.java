package aicr.bundle.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --set} value typing: Go's ParseBool-free booleans, ParseInt, ParseFloat, else string (spec §4.3). */
class ScalarValueTest {
    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "true|Boolean|true", "false|Boolean|false", "True|String|True", "FALSE|String|FALSE",
        "007|Long|7", "-5|Long|-5", "+5|Long|5", "-0|Long|0", "00|Long|0",
        "9223372036854775807|Long|9223372036854775807",
        "9223372036854775808|Double|9.223372036854776E18",
        "1.10|Double|1.1", "1e3|Double|1000.0", "1.|Double|1.0", ".5|Double|0.5", "1e5|Double|100000.0",
        "1e-400|Double|0.0", "0x1p4|Double|16.0", "0X1P-2|Double|0.25", "1_000|Double|1000.0", "1_0.5|Double|10.5",
        "0x_1p0|Double|1.0", "+Inf|Double|Infinity", "infinity|Double|Infinity", "-inf|Double|-Infinity",
        "12345678901234567890|Double|1.2345678901234567E19",
        "0x10|String|0x10", "_1|String|_1", "1__0|String|1__0", "1_|String|1_", "+nan|String|+nan", "1e400|String|1e400",
        "' 1'|String|' 1'", "1d|String|1d", "1f|String|1f", "0b101|String|0b101", "0o7|String|0o7", ".e1|String|.e1",
        "-|String|-", "v1.2|String|v1.2", "yes|String|yes", "a,b|String|a,b", "1e|String|1e", "0x1.8|String|0x1.8"})
    void typesLikeTheReference(String in, String type, String expected) {
        String input = in.startsWith("'") ? in.substring(1, in.length() - 1) : in;
        Object v = ScalarValue.convert(input);
        assertEquals(type, v.getClass().getSimpleName(), in);
        String exp = expected.startsWith("'") ? expected.substring(1, expected.length() - 1) : expected;
        assertEquals(exp, v.toString());
    }

    @ParameterizedTest
    @CsvSource({"nan", "NaN", "NAN"})
    void unsignedNanIsAFloat(String in) {
        assertTrue(((Double) ScalarValue.convert(in)).isNaN());
    }
}
