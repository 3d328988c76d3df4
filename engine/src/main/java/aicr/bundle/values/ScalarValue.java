package aicr.bundle.values;


/**
 * The typing of a {@code --set} value, exactly as the reference decides it: {@code true} and
 * {@code false} (lower case only) are booleans; then Go's {@code strconv.ParseInt(s, 10, 64)};
 * then Go's {@code strconv.ParseFloat(s, 64)}; anything else stays a string.
 *
 * <p>Java's own parsers accept a different language (suffixes like {@code 1d}, surrounding
 * blanks, {@code Infinity}) and reject some of Go's ({@code 1_000}, {@code 0x1p4}); the Go
 * grammar lives in {@link aicr.gocompat.GoNumbers}.
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
        return aicr.gocompat.GoNumbers.parseFloat(s);
    }
}
