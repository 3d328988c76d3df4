package aicr.gocompat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Go's {@code strconv} unquoting (string literals and character constants, as the template
 * engine reads them) and the UTF-8 byte view of strings Go code sees ({@code len(s)}, byte
 * slicing, {@code %#U}). Quoting is {@link GoStrings}', numbers {@link GoNumbers}'. Go strings are
 * UTF-8 bytes while Java strings are UTF-16, so everything here works on code points and
 * converts to bytes only where Go's result depends on byte counts.
 */
public final class GoStrconv {
    private GoStrconv() {
    }

    // ---------------------------------------------------------------- unquoting

    /** Thrown where Go's strconv reports {@code invalid syntax}. */
    public static final class SyntaxError extends Exception {
        SyntaxError() {
            super("invalid syntax", null, false, false);
        }
    }

    /** strconv.Unquote for "..." and `...` literals. */
    public static String unquote(String s) throws SyntaxError {
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
    public static int unquoteCharConstant(String text) throws SyntaxError, MalformedCharException {
        String s = text.substring(1);
        int[] pos = {0};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int value = unquoteChar(s, pos, '\'', out);
        if (!s.substring(pos[0]).equals("'")) {
            throw new MalformedCharException();
        }
        return value;
    }

    public static final class MalformedCharException extends Exception {
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
                if (!GoStrings.validRune(v)) {
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

    // ---------------------------------------------------------------- UTF-8 helpers

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Length in UTF-8 bytes, as Go's len(string). */
    public static int utf8Length(CharSequence s) {
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
    public static String fromUtf8(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    public static String runeDescription(int r) {
        // Go's %#U: U+0041 'A' (the quoted form only when printable)
        String hex = Integer.toHexString(r).toUpperCase();
        StringBuilder sb = new StringBuilder("U+");
        for (int i = hex.length(); i < 4; i++) {
            sb.append('0');
        }
        sb.append(hex);
        if (GoStrings.isPrint(r)) {
            sb.append(" '").appendCodePoint(r).append('\'');
        }
        return sb.toString();
    }
}
