package aicr.gocompat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Go's strconv number syntax and formatting, shared by everything that must read or print
 * numbers the way the reference does (YAML resolution, template literals, {@code --set} value
 * typing, float output). Java's own parsers and Double.toString differ in syntax, thresholds
 * and, on JDK 17, in digit choice.
 */
public final class GoNumbers {
    private GoNumbers() {
    }

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);

    // ---------------------------------------------------------------- parsing

    /**
     * strconv.ParseInt(s, base, 64): optional sign; base 0 reads the 0x/0o/0b prefixes and a
     * leading 0 as octal and allows {@code _} between digits. Null on any error (syntax or range).
     */
    public static BigInteger parseInt(String s, int base) {
        BigInteger v = parseInteger(s, base, true);
        return v != null && v.compareTo(INT64_MIN) >= 0 && v.compareTo(INT64_MAX) <= 0 ? v : null;
    }

    /** strconv.ParseUint(s, base, 64): as {@link #parseInt} without a sign, up to 2^64-1. */
    public static BigInteger parseUint(String s, int base) {
        BigInteger v = parseInteger(s, base, false);
        return v != null && v.signum() >= 0 && v.compareTo(UINT64_MAX) <= 0 ? v : null;
    }

    private static BigInteger parseInteger(String s, int base, boolean allowSign) {
        if (s.isEmpty()) {
            return null;
        }
        boolean neg = false;
        int i = 0;
        if (allowSign && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        String body = s.substring(i);
        int b = base;
        if (base == 0) {
            b = 10;
            if (body.length() >= 2 && body.charAt(0) == '0') {
                char p = Character.toLowerCase(body.charAt(1));
                if (p == 'x' || p == 'o' || p == 'b') {
                    b = p == 'x' ? 16 : p == 'o' ? 8 : 2;
                    body = body.substring(2);
                } else {
                    b = 8; // a leading 0 means octal
                    body = body.substring(1);
                }
            }
            if (body.indexOf('_') >= 0) {
                if (!underscoreOk(s.substring(i))) {
                    return null;
                }
                body = body.replace("_", "");
            }
        }
        if (body.isEmpty()) {
            return null;
        }
        for (int k = 0; k < body.length(); k++) {
            char c = body.charAt(k);
            if (c > 'z' || Character.digit(c, b) < 0) {
                return null;
            }
        }
        BigInteger v = new BigInteger(body, b);
        return neg ? v.negate() : v;
    }

    /** Go's rule: {@code _} only between digits, or between a base prefix and a digit. */
    private static boolean underscoreOk(String s) {
        char saw = '^';
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            s = s.substring(1);
        }
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0') {
            char c = Character.toLowerCase(s.charAt(1));
            if (c == 'x' || c == 'o' || c == 'b') {
                hex = c == 'x';
                i = 2;
                saw = '0';
            }
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9' || hex && Character.digit(c, 16) >= 0) {
                saw = '0';
                continue;
            }
            if (c == '_') {
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

    /**
     * strconv.ParseFloat(s, 64): decimal (digits, optional fraction and exponent), hexadecimal
     * with a mandatory {@code p} exponent, {@code inf}/{@code infinity} (any case, optional sign),
     * {@code nan} (any case, unsigned), {@code _} separators per Go. Null on syntax error or
     * overflow (Go's range error). Java's parser is used only for the correctly rounded
     * conversion, after the Go grammar has been checked (it would accept {@code 1d}, blanks...).
     */
    public static Double parseFloat(String s) {
        if (s.isEmpty()) {
            return null;
        }
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        String body = s.substring(i);
        String lower = body.toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return i == 0 ? Double.NaN : null;
        }
        boolean hex = lower.startsWith("0x");
        String digits = hex ? body.substring(2) : body;
        if (!wellFormed(digits, hex) || !underscoreOk(s)) {
            return null;
        }
        return finite(Double.parseDouble((negative ? "-" : "") + (hex ? "0x" : "") + digits.replace("_", "")));
    }

    /** Mantissa digits with at most one point and at least one digit, then the exponent (mandatory {@code p} for hex). */
    private static boolean wellFormed(String t, boolean hex) {
        int i = 0;
        int mantissaDigits = 0;
        boolean point = false;
        for (; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '_') {
                continue;
            }
            if (c == '.') {
                if (point) {
                    return false;
                }
                point = true;
            } else if (hex ? Character.digit(c, 16) >= 0 : (c >= '0' && c <= '9')) {
                mantissaDigits++;
            } else {
                break;
            }
        }
        if (mantissaDigits == 0) {
            return false;
        }
        if (i == t.length()) {
            return !hex;
        }
        char e = Character.toLowerCase(t.charAt(i));
        if (e != (hex ? 'p' : 'e')) {
            return false;
        }
        i++;
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        int expDigits = 0;
        for (; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '_') {
                continue;
            }
            if (c < '0' || c > '9') {
                return false;
            }
            expDigits++;
        }
        return expDigits > 0;
    }

    private static Double finite(double d) {
        return Double.isInfinite(d) ? null : d;
    }

    // ---------------------------------------------------------------- formatting

    /** Decimal digits of |v| without leading/trailing zeros; the value is 0.d1d2... x 10^dp. */
    private record Digits(String d, int dp) {
    }

    private static Digits digitsOf(BigDecimal bd) {
        if (bd.signum() == 0) {
            return new Digits("", 0);
        }
        BigDecimal s = bd.stripTrailingZeros();
        String d = s.unscaledValue().abs().toString();
        return new Digits(d, d.length() - s.scale());
    }

    private static final RoundingMode[] MODES = {RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING};

    /**
     * The shortest decimal that reads back as v, closest to v among equally short ones. The
     * rounding interval is asymmetric at powers of two, so the nearest p-digit value may fall
     * outside while a neighbour is inside: all three roundings are tried.
     */
    private static Digits shortest(double v) {
        if (v == 0) {
            return new Digits("", 0);
        }
        BigDecimal exact = new BigDecimal(v);
        for (int p = 1; p <= 17; p++) {
            BigDecimal best = null;
            for (RoundingMode mode : MODES) {
                BigDecimal c = exact.round(new MathContext(p, mode));
                if (c.doubleValue() == v
                        && (best == null || c.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                    best = c;
                }
            }
            if (best != null) {
                return digitsOf(best);
            }
        }
        return digitsOf(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
    }

    /**
     * strconv.FormatFloat(v, fmt, prec, 64) for fmt in e, E, f, g, G ('F' is treated as 'f');
     * prec &lt; 0 asks for the shortest representation that reads back exactly.
     */
    public static String formatFloat(double v, char fmt, int prec) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (fmt == 'F') {
            fmt = 'f';
        }
        boolean neg = (Double.doubleToRawLongBits(v) & Long.MIN_VALUE) != 0;
        double a = Math.abs(v);
        boolean shortest = prec < 0;
        Digits digs;
        if (shortest) {
            digs = shortest(a);
            int nd = digs.d.length();
            prec = switch (fmt) {
                case 'e', 'E' -> Math.max(nd - 1, 0);
                case 'f' -> Math.max(nd - digs.dp, 0);
                default -> nd;
            };
        } else {
            BigDecimal exact = new BigDecimal(a);
            switch (fmt) {
                case 'e', 'E' -> digs = digitsOf(exact.round(new MathContext(prec + 1, RoundingMode.HALF_EVEN)));
                case 'f' -> digs = digitsOf(exact.setScale(prec, RoundingMode.HALF_EVEN));
                default -> {
                    if (prec == 0) {
                        prec = 1;
                    }
                    digs = digitsOf(exact.round(new MathContext(prec, RoundingMode.HALF_EVEN)));
                }
            }
        }
        StringBuilder sb = new StringBuilder(24);
        if (neg) {
            sb.append('-');
        }
        int nd = digs.d.length();
        switch (fmt) {
            case 'e', 'E' -> fmtE(sb, digs, prec, fmt);
            case 'f' -> fmtF(sb, digs, prec);
            default -> {
                int eprec = prec;
                if (eprec > nd && nd >= digs.dp) {
                    eprec = nd;
                }
                if (shortest) {
                    eprec = 6; // %g with shortest digits switches to exponent form at 1e6
                }
                int exp = digs.dp - 1;
                if (exp < -4 || exp >= eprec) {
                    if (prec > nd) {
                        prec = nd;
                    }
                    fmtE(sb, digs, prec - 1, fmt == 'g' ? 'e' : 'E');
                } else {
                    if (prec > digs.dp) {
                        prec = nd;
                    }
                    fmtF(sb, digs, Math.max(prec - digs.dp, 0));
                }
            }
        }
        return sb.toString();
    }

    private static void fmtE(StringBuilder sb, Digits digs, int prec, char fmt) {
        String d = digs.d;
        sb.append(d.isEmpty() ? '0' : d.charAt(0));
        if (prec > 0) {
            sb.append('.');
            int i = 1;
            int m = Math.min(d.length(), prec + 1);
            if (i < m) {
                sb.append(d, i, m);
                i = m;
            }
            for (; i <= prec; i++) {
                sb.append('0');
            }
        }
        sb.append(fmt);
        int exp = d.isEmpty() ? 0 : digs.dp - 1;
        if (exp < 0) {
            sb.append('-');
            exp = -exp;
        } else {
            sb.append('+');
        }
        if (exp < 10) {
            sb.append('0');
        }
        sb.append(exp);
    }

    private static void fmtF(StringBuilder sb, Digits digs, int prec) {
        String d = digs.d;
        if (digs.dp > 0) {
            int m = Math.min(d.length(), digs.dp);
            sb.append(d, 0, m);
            for (; m < digs.dp; m++) {
                sb.append('0');
            }
        } else {
            sb.append('0');
        }
        if (prec > 0) {
            sb.append('.');
            for (int i = 1; i <= prec; i++) {
                int j = digs.dp + i - 1;
                sb.append(j >= 0 && j < d.length() ? d.charAt(j) : '0');
            }
        }
    }

}
