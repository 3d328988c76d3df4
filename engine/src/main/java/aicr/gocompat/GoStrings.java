package aicr.gocompat;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;

/**
 * Go's string rules that the reference's messages and flag values follow: {@code %q}
 * quoting (strconv.Quote and friends, with unicode.IsPrint), strings.TrimSpace,
 * strconv.ParseBool, and the {@code %T} names of value-model objects. Go strings are UTF-8 bytes while Java strings are
 * UTF-16, so everything here works on code points.
 */
public final class GoStrings {
    private GoStrings() {
    }

    private static final char[] LOWER_HEX = "0123456789abcdef".toCharArray();

    /** strconv.Quote. */
    public static String quote(String s) {
        return quoteWith(s, '"', false);
    }

    /** strconv.QuoteToASCII. */
    public static String quoteToASCII(String s) {
        return quoteWith(s, '"', true);
    }

    /** strconv.QuoteRune / QuoteRuneToASCII. */
    public static String quoteRune(int r, boolean asciiOnly) {
        if (!validRune(r)) {
            r = 0xFFFD;
        }
        StringBuilder sb = new StringBuilder().append('\'');
        appendEscapedRune(sb, r, '\'', asciiOnly);
        return sb.append('\'').toString();
    }

    public static String quoteWith(String s, char quote, boolean asciiOnly) {
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
    public static boolean canBackquote(String s) {
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

    public static boolean validRune(int r) {
        return r >= 0 && r <= 0x10FFFF && !(r >= 0xD800 && r <= 0xDFFF);
    }

    /**
     * strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. Latin-1
     * is special-cased exactly as Go does (U+00A0 and U+00AD are not printable).
     */
    public static boolean isPrint(int r) {
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

    /** strings.TrimSpace, whose notion of white space (unicode.IsSpace) differs from Java's strip() at the edges. */
    public static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** unicode.IsSpace (all such characters are in the BMP). */
    public static boolean isSpace(char c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> c >= 0x2000 && c <= 0x200A;
        };
    }

    /**
     * Go's strconv.ParseBool. The error reads like Go's, {@code strconv.ParseBool: parsing "x": invalid syntax}.
     */
    public static boolean parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "strconv.ParseBool: parsing " + quote(s) + ": invalid syntax");
        };
    }

    /** Go's {@code %T} of a value-model object, as the reference prints it in path errors. */
    public static String typeName(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return "int";
        }
        if (v instanceof java.math.BigInteger) {
            return "uint64";
        }
        if (v instanceof Double || v instanceof Float) {
            return "float64";
        }
        if (v instanceof Timestamp) {
            return "time.Time";
        }
        if (v instanceof java.util.List) {
            return "[]interface {}";
        }
        if (v instanceof java.util.Map) {
            return "map[string]interface {}";
        }
        return v.getClass().getSimpleName();
    }
}
