package aicr.io;

import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether yaml.v3 may write a string as a plain (unquoted) scalar: only when reading the
 * plain text back through yaml.v3's resolver gives the same string, and it is neither a YAML 1.1
 * boolean nor a base-60 number (quoted for the benefit of YAML 1.1 readers). This mirrors the
 * resolver's rules (resolve.go) including its Go-library parsing quirks, because the quoting of
 * values like {@code "24.04"}, {@code "0b-1"} or {@code 1e999} is visible in the output.
 */
final class YamlPlain {

    private YamlPlain() {
    }

    /** Strings the resolver looks up verbatim (bool, null, inf/nan, merge key). */
    private static final Set<String> SPECIAL = Set.of(
            "true", "True", "TRUE", "false", "False", "FALSE",
            "", "~", "null", "Null", "NULL",
            ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF",
            "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "<<");

    /** YAML 1.1 booleans that yaml.v3 reads as strings but still quotes on output. */
    private static final Set<String> OLD_BOOL = Set.of(
            "y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
            "n", "N", "no", "No", "NO", "off", "Off", "OFF");

    private static final Pattern BASE60 =
            Pattern.compile("[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?");

    private static final Pattern YAML_FLOAT =
            Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);

    /** yaml.v3 encoder's {@code canUsePlain} for an untagged string. */
    static boolean canUsePlain(String s) {
        return resolvesToString(s) && !isBase60Float(s) && !OLD_BOOL.contains(s);
    }

    /** True when yaml.v3's resolver reads the plain scalar {@code s} as a string. */
    static boolean resolvesToString(String s) {
        if (s.isEmpty()) {
            return false; // null
        }
        char c = s.charAt(0);
        boolean signOrDigit = c == '+' || c == '-' || (c >= '0' && c <= '9');
        if (!signOrDigit && c != '.' && "yYnNtTfFoO~".indexOf(c) < 0) {
            return true; // the resolver only looks at scalars starting with these
        }
        if (SPECIAL.contains(s)) {
            return false;
        }
        if (c == '.') {
            return !goParseFloatOk(s);
        }
        if (!signOrDigit) {
            return true;
        }
        if (GoTimestamp.parses(s)) {
            return false;
        }
        String plain = s.replace("_", "");
        if (goParseInt(plain, 0) != null || goParseUint(plain, 0) != null) {
            return false;
        }
        if (YAML_FLOAT.matcher(plain).matches() && goParseFloatOk(plain)) {
            return false;
        }
        if (plain.startsWith("0b")) {
            String rest = plain.substring(2);
            if (goParseInt(rest, 2) != null || goParseUint(rest, 2) != null) {
                return false;
            }
        } else if (plain.startsWith("-0b")) {
            if (goParseInt("-" + plain.substring(3), 2) != null) {
                return false;
            }
        }
        if (plain.startsWith("0o")) {
            String rest = plain.substring(2);
            if (goParseInt(rest, 8) != null || goParseUint(rest, 8) != null) {
                return false;
            }
        } else if (plain.startsWith("-0o")) {
            if (goParseInt("-" + plain.substring(3), 8) != null) {
                return false;
            }
        }
        return true;
    }

    /** yaml.v3 isBase60Float: YAML 1.1 sexagesimal numbers such as {@code 1:20}. */
    static boolean isBase60Float(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        if (!(c == '+' || c == '-' || (c >= '0' && c <= '9')) || s.indexOf(':') < 0) {
            return false;
        }
        return BASE60.matcher(s).matches();
    }

    /** Go strconv.ParseUint(s, base, 64); base 0 detects 0b/0o/0x/0 prefixes. Null on error. */
    static BigInteger goParseUint(String s, int base) {
        if (s.isEmpty()) {
            return null;
        }
        int b = base;
        String digits = s;
        if (base == 0) {
            b = 10;
            if (s.charAt(0) == '0') {
                char p = s.length() >= 3 ? Character.toLowerCase(s.charAt(1)) : 0;
                if (p == 'b') {
                    b = 2;
                    digits = s.substring(2);
                } else if (p == 'o') {
                    b = 8;
                    digits = s.substring(2);
                } else if (p == 'x') {
                    b = 16;
                    digits = s.substring(2);
                } else {
                    b = 8;
                    digits = s.substring(1);
                }
            }
        }
        BigInteger n = BigInteger.ZERO;
        BigInteger bb = BigInteger.valueOf(b);
        for (int i = 0; i < digits.length(); i++) {
            char ch = digits.charAt(i);
            int d;
            if (ch >= '0' && ch <= '9') {
                d = ch - '0';
            } else if (ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z') {
                d = Character.toLowerCase(ch) - 'a' + 10;
            } else {
                return null; // '_' was removed by the caller; anything else is a syntax error
            }
            if (d >= b) {
                return null;
            }
            n = n.multiply(bb).add(BigInteger.valueOf(d));
        }
        return n.compareTo(UINT64_MAX) <= 0 ? n : null;
    }

    /** Go strconv.ParseInt(s, base, 64): optional sign, then {@link #goParseUint}. */
    static BigInteger goParseInt(String s, int base) {
        if (s.isEmpty()) {
            return null;
        }
        boolean neg = false;
        String rest = s;
        if (s.charAt(0) == '+') {
            rest = s.substring(1);
        } else if (s.charAt(0) == '-') {
            neg = true;
            rest = s.substring(1);
        }
        BigInteger u = goParseUint(rest, base);
        if (u == null) {
            return null;
        }
        BigInteger v = neg ? u.negate() : u;
        return v.compareTo(INT64_MIN) >= 0 && v.compareTo(INT64_MAX) <= 0 ? v : null;
    }

    /**
     * Whether Go strconv.ParseFloat(s, 64) accepts a decimal literal {@code s}: optional sign,
     * digits with at most one point, optional exponent, Go-style {@code _} digit separators, and
     * no overflow to infinity (Go reports a range error). Only decimal input reaches this method
     * (the resolver calls it for scalars starting with a digit, sign or '.').
     */
    static boolean goParseFloatOk(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        boolean sawDigits = false;
        boolean sawDot = false;
        boolean underscores = false;
        for (; i < n; i++) {
            char ch = s.charAt(i);
            if (ch == '_') {
                underscores = true;
            } else if (ch == '.') {
                if (sawDot) {
                    break;
                }
                sawDot = true;
            } else if (ch >= '0' && ch <= '9') {
                sawDigits = true;
            } else {
                break;
            }
        }
        if (!sawDigits) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            if (i >= n || s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
            for (; i < n && (s.charAt(i) >= '0' && s.charAt(i) <= '9' || s.charAt(i) == '_'); i++) {
                if (s.charAt(i) == '_') {
                    underscores = true;
                }
            }
        }
        if (i != n) {
            return false;
        }
        if (underscores && !underscoreOk(s)) {
            return false;
        }
        return !Double.isInfinite(Double.parseDouble(s.replace("_", "")));
    }

    /** Go strconv underscoreOK: '_' only between digits (or after a base prefix). */
    private static boolean underscoreOk(String s) {
        char saw = '^';
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            s = s.substring(1);
        }
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0') {
            char p = Character.toLowerCase(s.charAt(1));
            if (p == 'b' || p == 'o' || p == 'x') {
                i = 2;
                saw = '0';
                hex = p == 'x';
            }
        }
        for (; i < s.length(); i++) {
            char ch = s.charAt(i);
            char lower = Character.toLowerCase(ch);
            if (ch >= '0' && ch <= '9' || hex && lower >= 'a' && lower <= 'f') {
                saw = '0';
                continue;
            }
            if (ch == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
                continue;
            }
            if (saw == '_') {
                return false;
            }
            saw = '!';
        }
        return saw != '_';
    }
}
