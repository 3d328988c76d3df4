package aicr.io;

import java.math.BigInteger;

/** Number parsing with Go's strconv rules where they differ from Java's. */
final class GoParse {
    private GoParse() {
    }

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);

    /** Go ParseFloat(s, 64) for decimal input; null on syntax error or overflow (Go's range error). */
    static Double parseFloat(String s) {
        return goParseFloatOk(s) ? Double.parseDouble(s.replace("_", "")) : null;
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
