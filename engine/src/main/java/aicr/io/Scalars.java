package aicr.io;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
    private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");

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

    /** Resolves an unquoted, untagged scalar. */
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
            Double d = GoParse.parseFloat(s);
            return d != null ? (Object) d : s;
        }
        boolean digit = c >= '0' && c <= '9';
        if (digit || c == '+' || c == '-') {
            if (digit) {
                Timestamp t = parseTimestamp(s);
                if (t != null) {
                    return t;
                }
            }
            String plain = s.replace("_", "");
            Object i = parseInteger(plain);
            if (i != null) {
                return i;
            }
            if (isYamlFloat(plain)) {
                Double d = GoParse.parseFloat(plain);
                if (d != null) {
                    return d;
                }
            }
        }
        return s;
    }

    private static Double specialFloat(String s) {
        return switch (s) {
            case ".nan", ".NaN", ".NAN" -> Double.NaN;
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF" -> Double.POSITIVE_INFINITY;
            case "-.inf", "-.Inf", "-.INF" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    /**
     * Go's ParseInt(s, 0, 64) then ParseUint(s, 0, 64): optional sign, {@code 0x}/{@code 0o}/{@code 0b}
     * prefixes and the legacy leading-zero octal. Returns Long, BigInteger (above int64 but within
     * uint64) or null.
     */
    static Object parseInteger(String s) {
        if (s.isEmpty()) {
            return null;
        }
        int i = 0;
        boolean neg = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        String body = s.substring(i);
        int radix = 10;
        if (body.length() >= 2 && body.charAt(0) == '0') {
            char p = Character.toLowerCase(body.charAt(1));
            if (p == 'x') {
                radix = 16;
                body = body.substring(2);
            } else if (p == 'o') {
                radix = 8;
                body = body.substring(2);
            } else if (p == 'b') {
                radix = 2;
                body = body.substring(2);
            } else {
                radix = 8;
                body = body.substring(1);
            }
        }
        if (body.isEmpty()) {
            return null;
        }
        for (int k = 0; k < body.length(); k++) {
            if (Character.digit(body.charAt(k), radix) < 0) {
                return null;
            }
        }
        BigInteger v = new BigInteger(body, radix);
        if (neg) {
            v = v.negate();
        }
        if (v.bitLength() < 64) {
            return v.longValue();
        }
        if (!neg && v.compareTo(UINT64_MAX) <= 0) {
            return v;
        }
        return null;
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

    /**
     * The timestamp forms yaml.v3 accepts: {@code Y-M-D}, {@code Y-M-DTh:m:s[.f](Z|±hh:mm)}
     * ({@code T} or {@code t}) and {@code Y-M-D h:m:s[.f]} without zone (UTC). Month, day,
     * hour, minute and second may have one or two digits; the year has four.
     */
    public static Timestamp parseTimestamp(String s) {
        int n = s.length();
        if (n < 8 || !isDigit(s.charAt(0)) || n < 5 || s.charAt(4) != '-') {
            return null;
        }
        for (int k = 0; k < 4; k++) {
            if (!isDigit(s.charAt(k))) {
                return null;
            }
        }
        int[] pos = {5};
        int year = Integer.parseInt(s.substring(0, 4));
        int month = num(s, pos, 2);
        if (month < 0 || !expect(s, pos, '-')) {
            return null;
        }
        int day = num(s, pos, 2);
        if (day < 0) {
            return null;
        }
        try {
            if (pos[0] == n) {
                LocalDate d = LocalDate.of(year, month, day);
                return new Timestamp(d.toEpochDay() * 86400L, 0, 0, true);
            }
            char sep = s.charAt(pos[0]);
            if (sep != 'T' && sep != 't' && sep != ' ') {
                return null;
            }
            pos[0]++;
            int hour = num(s, pos, 2);
            if (hour < 0 || !expect(s, pos, ':')) {
                return null;
            }
            int min = num(s, pos, 2);
            if (min < 0 || !expect(s, pos, ':')) {
                return null;
            }
            int sec = num(s, pos, 2);
            if (sec < 0) {
                return null;
            }
            int nanos = 0;
            if (pos[0] < n && s.charAt(pos[0]) == '.') {
                pos[0]++;
                int start = pos[0];
                while (pos[0] < n && isDigit(s.charAt(pos[0]))) {
                    pos[0]++;
                }
                int len = pos[0] - start;
                if (len == 0 || len > 9) {
                    return null;
                }
                String frac = (s.substring(start, pos[0]) + "000000000").substring(0, 9);
                nanos = Integer.parseInt(frac);
            }
            LocalDateTime ldt = LocalDateTime.of(year, month, day, hour, min, sec, nanos);
            if (sep == ' ') {
                if (pos[0] != n) {
                    return null;
                }
                return new Timestamp(ldt.toEpochSecond(ZoneOffset.UTC), nanos, 0, true);
            }
            if (pos[0] >= n) {
                return null;
            }
            char z = s.charAt(pos[0]);
            if (z == 'Z' && pos[0] + 1 == n) {
                return new Timestamp(ldt.toEpochSecond(ZoneOffset.UTC), nanos, 0, true);
            }
            if ((z == '+' || z == '-') && pos[0] + 6 == n && s.charAt(pos[0] + 3) == ':') {
                String hh = s.substring(pos[0] + 1, pos[0] + 3);
                String mm = s.substring(pos[0] + 4, pos[0] + 6);
                if (!allDigits(hh) || !allDigits(mm)) {
                    return null;
                }
                int off = Integer.parseInt(hh) * 3600 + Integer.parseInt(mm) * 60;
                if (z == '-') {
                    off = -off;
                }
                ZoneOffset zo = ZoneOffset.ofTotalSeconds(off);
                return new Timestamp(ldt.toEpochSecond(zo), nanos, off, off == 0);
            }
            return null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int num(String s, int[] pos, int max) {
        int start = pos[0];
        int v = 0;
        while (pos[0] < s.length() && pos[0] - start < max && isDigit(s.charAt(pos[0]))) {
            v = v * 10 + (s.charAt(pos[0]) - '0');
            pos[0]++;
        }
        return pos[0] == start ? -1 : v;
    }

    private static boolean expect(String s, int[] pos, char c) {
        if (pos[0] < s.length() && s.charAt(pos[0]) == c) {
            pos[0]++;
            return true;
        }
        return false;
    }
}
