package aicr.bundle.template;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The parts of Go's {@code strconv} (and {@code unicode.IsPrint}) the template engine needs:
 * Go-syntax quoting, unquoting of template literals, number literal parsing and float formatting.
 * Go strings are UTF-8 bytes while Java strings are UTF-16, so everything here works on code
 * points and converts to bytes only where Go's result depends on byte counts.
 */
final class GoStrconv {
    private GoStrconv() {
    }

    private static final char[] LOWER_HEX = "0123456789abcdef".toCharArray();

    // ---------------------------------------------------------------- quoting

    /** strconv.Quote. */
    static String quote(String s) {
        return quoteWith(s, '"', false);
    }

    /** strconv.QuoteToASCII. */
    static String quoteToASCII(String s) {
        return quoteWith(s, '"', true);
    }

    /** strconv.QuoteRune / QuoteRuneToASCII. */
    static String quoteRune(int r, boolean asciiOnly) {
        if (!validRune(r)) {
            r = 0xFFFD;
        }
        StringBuilder sb = new StringBuilder().append('\'');
        appendEscapedRune(sb, r, '\'', asciiOnly);
        return sb.append('\'').toString();
    }

    static String quoteWith(String s, char quote, boolean asciiOnly) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); ) {
            int r = s.codePointAt(i);
            i += Character.charCount(r);
            if (Character.isSurrogate((char) r)) {
                r = 0xFFFD; // a lone surrogate cannot come from valid UTF-8
            }
            appendEscapedRune(sb, r, quote, asciiOnly);
        }
        return sb.append(quote).toString();
    }

    private static void appendEscapedRune(StringBuilder sb, int r, char quote, boolean asciiOnly) {
        if (r == quote || r == '\\') {
            sb.append('\\').appendCodePoint(r);
            return;
        }
        if (asciiOnly) {
            if (r < 0x80 && isPrint(r)) {
                sb.appendCodePoint(r);
                return;
            }
        } else if (isPrint(r)) {
            sb.appendCodePoint(r);
            return;
        }
        switch (r) {
            case 7 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 11 -> sb.append("\\v");
            default -> {
                if (r < ' ' || r == 0x7f) {
                    sb.append("\\x").append(LOWER_HEX[(r >> 4) & 0xF]).append(LOWER_HEX[r & 0xF]);
                } else if (r < 0x10000) {
                    sb.append("\\u");
                    for (int s = 12; s >= 0; s -= 4) {
                        sb.append(LOWER_HEX[(r >> s) & 0xF]);
                    }
                } else {
                    sb.append("\\U");
                    for (int s = 28; s >= 0; s -= 4) {
                        sb.append(LOWER_HEX[(r >> s) & 0xF]);
                    }
                }
            }
        }
    }

    /** strconv.CanBackquote. */
    static boolean canBackquote(String s) {
        for (int i = 0; i < s.length(); ) {
            int r = s.codePointAt(i);
            i += Character.charCount(r);
            if (r == '`' || r == 0xFEFF || Character.isSurrogate((char) r)) {
                return false;
            }
            if (r < ' ' && r != '\t' || r == 0x7f) {
                return false;
            }
        }
        return true;
    }

    static boolean validRune(int r) {
        return r >= 0 && r <= 0x10FFFF && !(r >= 0xD800 && r <= 0xDFFF);
    }

    /**
     * strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. Latin-1
     * is special-cased exactly as Go does (U+00A0 and U+00AD are not printable).
     */
    static boolean isPrint(int r) {
        if (r <= 0xFF) {
            if (r >= 0x20 && r <= 0x7E) {
                return true;
            }
            return r >= 0xA1 && r != 0xAD;
        }
        switch (Character.getType(r)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                    Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    // ---------------------------------------------------------------- unquoting

    /** Thrown where Go's strconv reports {@code invalid syntax}. */
    static final class SyntaxError extends Exception {
        SyntaxError() {
            super("invalid syntax", null, false, false);
        }
    }

    /** strconv.Unquote for "..." and `...` literals. */
    static String unquote(String s) throws SyntaxError {
        int n = s.length();
        if (n < 2) {
            throw new SyntaxError();
        }
        char q = s.charAt(0);
        if (q != s.charAt(n - 1)) {
            throw new SyntaxError();
        }
        String body = s.substring(1, n - 1);
        if (q == '`') {
            if (body.indexOf('`') >= 0) {
                throw new SyntaxError();
            }
            return body.indexOf('\r') >= 0 ? body.replace("\r", "") : body;
        }
        if (q != '"') {
            throw new SyntaxError();
        }
        if (body.indexOf('\n') >= 0) {
            throw new SyntaxError();
        }
        if (body.indexOf('\\') < 0 && body.indexOf('"') < 0) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length());
        int[] pos = {0};
        while (pos[0] < body.length()) {
            unquoteChar(body, pos, '"', out);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    /**
     * Decodes a character constant such as {@code 'a'} or {@code '\n'} to its rune value
     * (strconv.UnquoteChar on text[1:] with a "'" tail check, as the template parser does).
     */
    static int unquoteCharConstant(String text) throws SyntaxError, MalformedCharException {
        String s = text.substring(1);
        int[] pos = {0};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int value = unquoteChar(s, pos, '\'', out);
        if (!s.substring(pos[0]).equals("'")) {
            throw new MalformedCharException();
        }
        return value;
    }

    static final class MalformedCharException extends Exception {
        MalformedCharException() {
            super(null, null, false, false);
        }
    }

    /** Decodes one (possibly escaped) character at pos, appends its bytes, returns its value. */
    private static int unquoteChar(String s, int[] pos, char quote, ByteArrayOutputStream out) throws SyntaxError {
        int i = pos[0];
        int c = s.codePointAt(i);
        if (c == quote) {
            throw new SyntaxError();
        }
        if (c != '\\') {
            pos[0] = i + Character.charCount(c);
            writeUtf8(out, c);
            return c;
        }
        if (i + 1 >= s.length()) {
            throw new SyntaxError();
        }
        char e = s.charAt(i + 1);
        i += 2;
        int value;
        switch (e) {
            case 'a' -> value = 7;
            case 'b' -> value = '\b';
            case 'f' -> value = '\f';
            case 'n' -> value = '\n';
            case 'r' -> value = '\r';
            case 't' -> value = '\t';
            case 'v' -> value = 11;
            case 'x', 'u', 'U' -> {
                int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                if (i + n > s.length()) {
                    throw new SyntaxError();
                }
                int v = 0;
                for (int k = 0; k < n; k++) {
                    int d = Character.digit(s.charAt(i + k), 16);
                    if (d < 0) {
                        throw new SyntaxError();
                    }
                    v = (v << 4) | d;
                }
                i += n;
                if (e == 'x') {
                    pos[0] = i;
                    out.write(v); // a raw byte, as in Go
                    return v;
                }
                if (!validRune(v)) {
                    throw new SyntaxError();
                }
                value = v;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int v = e - '0';
                if (i + 2 > s.length()) {
                    throw new SyntaxError();
                }
                for (int k = 0; k < 2; k++) {
                    int d = s.charAt(i + k) - '0';
                    if (d < 0 || d > 7) {
                        throw new SyntaxError();
                    }
                    v = (v << 3) | d;
                }
                if (v > 255) {
                    throw new SyntaxError();
                }
                pos[0] = i + 2;
                out.write(v);
                return v;
            }
            case '\\' -> value = '\\';
            case '\'', '"' -> {
                if (e != quote) {
                    throw new SyntaxError();
                }
                value = e;
            }
            default -> throw new SyntaxError();
        }
        pos[0] = i;
        writeUtf8(out, value);
        return value;
    }

    private static void writeUtf8(ByteArrayOutputStream out, int cp) {
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }

    // ---------------------------------------------------------------- number literals

    /** strconv.ParseInt(s, 0, 64); null when it fails for any reason. */
    static Long parseInt(String s) {
        BigInteger v = parseIntegerBase0(s, true);
        if (v == null || v.bitLength() > 63) {
            return null;
        }
        return v.longValue();
    }

    /** strconv.ParseUint(s, 0, 64) as a non-negative BigInteger; null when it fails. */
    static BigInteger parseUint(String s) {
        BigInteger v = parseIntegerBase0(s, false);
        if (v == null || v.signum() < 0 || v.bitLength() > 64) {
            return null;
        }
        return v;
    }

    private static BigInteger parseIntegerBase0(String s, boolean allowSign) {
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
        int base = 10;
        if (body.length() >= 2 && body.charAt(0) == '0') {
            char p = Character.toLowerCase(body.charAt(1));
            if (p == 'x') {
                base = 16;
                body = body.substring(2);
            } else if (p == 'o') {
                base = 8;
                body = body.substring(2);
            } else if (p == 'b') {
                base = 2;
                body = body.substring(2);
            } else {
                base = 8; // a leading 0 means octal
                body = body.substring(1);
            }
        }
        if (body.indexOf('_') >= 0) {
            if (!underscoreOK(s.substring(i))) {
                return null;
            }
            body = body.replace("_", "");
        }
        if (body.isEmpty()) {
            return null; // "0x", "0b", "0o" without digits
        }
        for (int k = 0; k < body.length(); k++) {
            if (Character.digit(body.charAt(k), base) < 0 || body.charAt(k) > 'z') {
                return null;
            }
        }
        BigInteger v = new BigInteger(body, base);
        return neg ? v.negate() : v;
    }

    /** Go's rule: underscores only between digits or between a base prefix and a digit. */
    private static boolean underscoreOK(String s) {
        char saw = '^';
        int i = 0;
        if (s.length() >= 1 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
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

    /** strconv.ParseFloat(s, 64) for the syntaxes the template lexer can produce; null on failure. */
    static Double parseFloat(String s) {
        String t = s;
        if (t.indexOf('_') >= 0) {
            if (!underscoreOK(t)) {
                return null;
            }
            t = t.replace("_", "");
        }
        String body = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
        if (body.isEmpty()) {
            return null;
        }
        if (body.length() > 1 && body.charAt(0) == '0' && (body.charAt(1) == 'x' || body.charAt(1) == 'X')) {
            // hex floats need a p exponent in Go (and in Java)
            if (body.indexOf('p') < 0 && body.indexOf('P') < 0) {
                return null;
            }
            try {
                return finite(Double.parseDouble(t));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        // decimal: digits [. digits] [e [sign] digits], at least one digit in the mantissa
        int i = 0;
        int digits = 0;
        while (i < body.length() && Character.isDigit(body.charAt(i)) && body.charAt(i) < 128) {
            i++;
            digits++;
        }
        if (i < body.length() && body.charAt(i) == '.') {
            i++;
            while (i < body.length() && body.charAt(i) >= '0' && body.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return null;
        }
        if (i < body.length() && (body.charAt(i) == 'e' || body.charAt(i) == 'E')) {
            i++;
            if (i < body.length() && (body.charAt(i) == '+' || body.charAt(i) == '-')) {
                i++;
            }
            int ed = 0;
            while (i < body.length() && body.charAt(i) >= '0' && body.charAt(i) <= '9') {
                i++;
                ed++;
            }
            if (ed == 0) {
                return null;
            }
        }
        if (i != body.length()) {
            return null;
        }
        return finite(Double.parseDouble(t));
    }

    /** Go reports a range error (and the callers a failure) for values beyond the float64 range. */
    private static Double finite(double d) {
        return Double.isInfinite(d) ? null : d;
    }

    // ---------------------------------------------------------------- float formatting

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

    /** The shortest decimal that reads back as v (what Go's shortest formatting picks). */
    private static Digits shortest(double v) {
        BigDecimal exact = new BigDecimal(v);
        for (int p = 1; p <= 17; p++) {
            BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == v) {
                return digitsOf(nearest);
            }
            // near a power of two the rounding interval is asymmetric: the other neighbour can
            // still read back even when the nearest one does not
            RoundingMode other = nearest.compareTo(exact) < 0 ? RoundingMode.CEILING : RoundingMode.FLOOR;
            BigDecimal alt = exact.round(new MathContext(p, other));
            if (alt.doubleValue() == v) {
                return digitsOf(alt);
            }
        }
        return digitsOf(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
    }

    /**
     * strconv.FormatFloat(v, fmt, prec, 64) for fmt in e, E, f, g, G ('F' is treated as 'f').
     * prec &lt; 0 asks for the shortest representation that reads back exactly.
     */
    static String formatFloat(double v, char fmt, int prec) {
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
                    eprec = 6;
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

    // ---------------------------------------------------------------- UTF-8 helpers

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Length in UTF-8 bytes, as Go's len(string). */
    static int utf8Length(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Decodes a byte range; a cut through a multi-byte sequence becomes U+FFFD (Go would keep the raw bytes). */
    static String fromUtf8(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    static String runeDescription(int r) {
        // Go's %#U: U+0041 'A' (the quoted form only when printable)
        String hex = Integer.toHexString(r).toUpperCase();
        StringBuilder sb = new StringBuilder("U+");
        for (int i = hex.length(); i < 4; i++) {
            sb.append('0');
        }
        sb.append(hex);
        if (isPrint(r)) {
            sb.append(" '").appendCodePoint(r).append('\'');
        }
        return sb.toString();
    }
}
