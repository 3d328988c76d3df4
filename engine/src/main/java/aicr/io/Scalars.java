package aicr.io;

import aicr.gocompat.GoNumbers;
import aicr.gocompat.GoTimestamp;
import aicr.gocompat.Timestamp;
import java.math.BigInteger;
import java.util.Set;

/**
 * Scalar resolution as the reference's YAML library (gopkg.in/yaml.v3) performs it for
 * untyped values: YAML 1.2 core schema plus that library's extras (legacy {@code 017}
 * octal, {@code 0b}/{@code 0o} prefixes, {@code _} separators, unsigned 64-bit integers,
 * timestamps). A stock YAML 1.1 resolver gets {@code yes}/{@code on} and {@code 1e3} wrong.
 */
public final class Scalars {
    private Scalars() {
    }

    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
    private static final Set<String> TRUES = Set.of("true", "True", "TRUE");
    private static final Set<String> FALSES = Set.of("false", "False", "FALSE");

    public static boolean isNullText(String s) {
        return NULLS.contains(s);
    }

    /** The value a node stands for: resolved native type for plain scalars, fixed type otherwise. */
    public static Object value(Node.ScalarNode n) {
        String s = n.text();
        return switch (n.kind()) {
            case STR -> s;
            case NULL -> null;
            case BOOL -> Boolean.valueOf(TRUES.contains(s) || "true".equalsIgnoreCase(s));
            case INT -> {
                Object v = parseInteger(s.replace("_", ""));
                yield v != null ? v : s;
            }
            case FLOAT -> {
                Object v = resolvePlain(s);
                if (v instanceof Number num) {
                    yield num.doubleValue();
                }
                yield s;
            }
            case TIMESTAMP -> {
                Timestamp t = parseTimestamp(s);
                yield t != null ? t : s;
            }
            case PLAIN -> resolvePlain(s);
        };
    }

    /** The tag the resolver gives a plain scalar, for messages such as "cannot unmarshal !!seq". */
    static String resolvedTag(String s) {
        Object v = resolvePlain(s);
        if (v == null) {
            return "!!null";
        }
        if (v instanceof Boolean) {
            return "!!bool";
        }
        if (v instanceof Long || v instanceof BigInteger) {
            return "!!int";
        }
        if (v instanceof Double) {
            return "!!float";
        }
        if (v instanceof Timestamp) {
            return "!!timestamp";
        }
        return "!!str";
    }

    /**
     * Resolves an unquoted, untagged scalar in yaml.v3's order: table lookups (null, bool,
     * inf/nan); scalars starting with '.' as Go floats; scalars starting with a digit or sign as
     * timestamp, then (underscores removed) Go ParseInt/ParseUint with base prefixes, then a
     * YAML-shaped Go float, then the 0b/0o prefix forms; everything else is a string.
     */
    public static Object resolvePlain(String s) {
        if (NULLS.contains(s)) {
            return null;
        }
        if (TRUES.contains(s)) {
            return Boolean.TRUE;
        }
        if (FALSES.contains(s)) {
            return Boolean.FALSE;
        }
        char c = s.charAt(0);
        if (c == '.' || c == '+' || c == '-') {
            Double special = specialFloat(s);
            if (special != null) {
                return special;
            }
        }
        if (c == '.') {
            Double d = GoNumbers.parseFloat(s);
            return d != null ? (Object) d : s;
        }
        if (!(c == '+' || c == '-' || isDigit(c))) {
            return s;
        }
        Timestamp t = GoTimestamp.parse(s);
        if (t != null) {
            return t;
        }
        String plain = s.replace("_", "");
        BigInteger i = GoNumbers.parseInt(plain, 0);
        if (i == null) {
            i = GoNumbers.parseUint(plain, 0);
        }
        if (i == null && isYamlFloat(plain)) {
            Double d = GoNumbers.parseFloat(plain);
            if (d != null) {
                return d;
            }
        }
        if (i == null) {
            i = prefixed(plain, "0b", 2);
        }
        if (i == null) {
            i = prefixed(plain, "0o", 8);
        }
        return i == null ? s : integer(i);
    }

    /** The 0b/0o forms (also negative) that the resolver retries with an explicit base. */
    private static BigInteger prefixed(String plain, String prefix, int base) {
        if (plain.startsWith(prefix)) {
            String rest = plain.substring(2);
            BigInteger v = GoNumbers.parseInt(rest, base);
            return v != null ? v : GoNumbers.parseUint(rest, base);
        }
        if (plain.startsWith("-" + prefix)) {
            return GoNumbers.parseInt("-" + plain.substring(3), base);
        }
        return null;
    }

    private static Object integer(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private static Double specialFloat(String s) {
        return switch (s) {
            case ".nan", ".NaN", ".NAN" -> Double.NaN;
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF" -> Double.POSITIVE_INFINITY;
            case "-.inf", "-.Inf", "-.INF" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    /** Go's ParseInt(s, 0, 64) then ParseUint(s, 0, 64): Long, BigInteger (uint64 range) or null. */
    static Object parseInteger(String s) {
        BigInteger v = GoNumbers.parseInt(s, 0);
        if (v == null) {
            v = GoNumbers.parseUint(s, 0);
        }
        return v == null ? null : integer(v);
    }

    /** yaml.v3's float shape: {@code [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?}. */
    static boolean isYamlFloat(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int intDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        if (intDigits == 0) {
            if (i >= n || s.charAt(i) != '.') {
                return false;
            }
            i++;
            int frac = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                frac++;
            }
            if (frac == 0) {
                return false;
            }
        } else if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The timestamp a plain scalar stands for (yaml.v3's layouts), or null. */
    public static Timestamp parseTimestamp(String s) {
        return GoTimestamp.parse(s);
    }

}
