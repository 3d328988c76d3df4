package aicr.bundle.values;

/**
 * The typing of a {@code --set} value, exactly as the reference decides it: {@code true} and
 * {@code false} (lower case only) are booleans; then Go's {@code strconv.ParseInt(s, 10, 64)};
 * then Go's {@code strconv.ParseFloat(s, 64)}; anything else stays a string.
 *
 * <p>Java's own parsers accept a different language (suffixes like {@code 1d}, surrounding
 * blanks, {@code Infinity}) and reject some of Go's ({@code 1_000}, {@code 0x1p4}), so both
 * grammars are checked here first and Java only does the correctly-rounded conversion.
 */
final class ScalarValue {
    private ScalarValue() {
    }

    public static Object convert(String s) {
        if (s.equals("true")) {
            return Boolean.TRUE;
        }
        if (s.equals("false")) {
            return Boolean.FALSE;
        }
        Long i = parseInt(s);
        if (i != null) {
            return i;
        }
        Double d = parseFloat(s);
        return d != null ? d : s;
    }

    /** Base-10 int64 with an optional sign, no underscores; null on syntax error or overflow. */
    static Long parseInt(String s) {
        int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        if (start == s.length()) {
            return null;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(s.charAt(0) == '+' ? s.substring(1) : s);
        } catch (NumberFormatException overflow) {
            return null;
        }
    }

    /** Go's ParseFloat(s, 64); null on syntax error and on overflow (ErrRange). */
    static Double parseFloat(String s) {
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
        String lower = body.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("inf") || lower.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return i == 0 ? Double.NaN : null;
        }
        boolean hex = lower.startsWith("0x");
        String digits = hex ? body.substring(2) : body;
        if (!wellFormed(digits, hex) || !underscoresOk(s)) {
            return null;
        }
        String clean = (negative ? "-" : "") + (hex ? "0x" : "") + digits.replace("_", "");
        double d = Double.parseDouble(clean);
        return Double.isInfinite(d) ? null : d;
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

    /**
     * Go's underscoreOK: an underscore must sit between digits, or right after a base prefix;
     * {@code _1}, {@code 1_}, {@code 1__0} are rejected.
     */
    static boolean underscoresOk(String s) {
        char saw = '^';
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            i++;
        }
        boolean hex = false;
        if (s.length() - i >= 2 && s.charAt(i) == '0' && Character.toLowerCase(s.charAt(i + 1)) == 'x') {
            i += 2;
            saw = '0';
            hex = true;
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= '0' && c <= '9') || (hex && Character.digit(c, 16) >= 0)) {
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
}
