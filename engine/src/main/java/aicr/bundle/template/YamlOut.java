package aicr.bundle.template;

import aicr.bundle.template.Exec.Iface;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code toYaml}: the YAML the reference produces with go-yaml v3 at indent 2 (keys in go-yaml's
 * natural order, block sequences indented under their key, empty collections as {@code {}} and
 * {@code []}, final newline removed). Scalar styles follow go-yaml's encoder and libyaml's
 * emitter analysis: strings that would read back as another type are double-quoted, strings
 * unsafe as plain scalars are single-quoted, multi-line strings are literal blocks, and anything
 * with characters that cannot appear raw is double-quoted with escapes. Lines are never folded.
 */
final class YamlOut {
    private YamlOut() {
    }

    private static final int INDENT = 2;

    static String toYaml(Object v) {
        try {
            return marshal(v);
        } catch (StackOverflowError e) {
            return ""; // a cyclic structure: the reference returns "" when marshalling fails
        }
    }

    private static String marshal(Object v) {
        StringBuilder sb = new StringBuilder();
        v = unwrap(v);
        if (v instanceof GoStruct s) {
            v = structAsMap(s);
        }
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            writeMap(sb, m, 0, false);
        } else if (v instanceof List<?> l && !l.isEmpty()) {
            writeSeq(sb, l, 0, false);
        } else {
            writeScalarValue(sb, v, INDENT);
            sb.append('\n');
        }
        // the reference strips exactly one trailing newline
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\n') {
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }

    private static Object unwrap(Object v) {
        return v instanceof Iface i ? i.value() : v;
    }

    /** go-yaml marshals a struct as a mapping of its lower-cased field names, in declaration order. */
    private static GoStructMap structAsMap(GoStruct s) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Object> e : s.fields().entrySet()) {
            m.put(e.getKey().toLowerCase(), e.getValue());
        }
        return new GoStructMap(m);
    }

    private static void indent(StringBuilder sb, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(' ');
        }
    }

    /**
     * Writes a block mapping whose keys sit at column {@code ind}. When {@code inline} the first
     * key continues the current line (after "- ").
     */
    private static void writeMap(StringBuilder sb, Map<?, ?> m, int ind, boolean inline) {
        List<String> keys = new ArrayList<>(m.size());
        for (Object k : m.keySet()) {
            keys.add(String.valueOf(k));
        }
        boolean sortable = !(m instanceof GoStructMap);
        if (sortable) {
            keys.sort(YamlOut::naturalLess);
        }
        boolean first = true;
        for (String k : keys) {
            if (!(first && inline)) {
                indent(sb, ind);
            }
            first = false;
            writeKey(sb, k);
            sb.append(':');
            writeValue(sb, m.get(k), ind);
        }
    }

    /** The value after "key:", the key sitting at column ind. */
    private static void writeValue(StringBuilder sb, Object v, int ind) {
        v = unwrap(v);
        if (v instanceof GoStruct s) {
            v = structAsMap(s);
        }
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            sb.append('\n');
            writeMap(sb, m, ind + INDENT, false);
        } else if (v instanceof List<?> l && !l.isEmpty()) {
            sb.append('\n');
            writeSeq(sb, l, ind + INDENT, false);
        } else {
            sb.append(' ');
            writeScalarValue(sb, v, ind + INDENT);
            sb.append('\n');
        }
    }

    private static void writeSeq(StringBuilder sb, List<?> l, int ind, boolean inline) {
        boolean first = true;
        for (Object item : l) {
            if (!(first && inline)) {
                indent(sb, ind);
            }
            first = false;
            sb.append("- ");
            Object v = unwrap(item);
            if (v instanceof GoStruct s) {
                v = structAsMap(s);
            }
            if (v instanceof Map<?, ?> m && !m.isEmpty()) {
                writeMap(sb, m, ind + INDENT, true);
            } else if (v instanceof List<?> inner && !inner.isEmpty()) {
                writeSeq(sb, inner, ind + INDENT, true);
            } else {
                writeScalarValue(sb, v, ind + INDENT);
                sb.append('\n');
            }
        }
    }

    /** A struct's fields keep declaration order instead of being sorted. */
    private static final class GoStructMap extends java.util.LinkedHashMap<String, Object> {
        GoStructMap(Map<String, Object> m) {
            super(m);
        }
    }

    // ---------------------------------------------------------------- scalars

    /** A scalar (or empty collection); block scalar content goes at column contentIndent. */
    private static void writeScalarValue(StringBuilder sb, Object v, int contentIndent) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (GoFmt.isInt(v) || v instanceof BigInteger) {
            sb.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            String s = GoStrconv.formatFloat(d, 'g', -1);
            switch (s) {
                case "+Inf" -> s = ".inf";
                case "-Inf" -> s = "-.inf";
                case "NaN" -> s = ".nan";
                default -> {
                }
            }
            sb.append(s);
        } else if (v instanceof Map) {
            sb.append("{}");
        } else if (v instanceof List) {
            sb.append("[]");
        } else {
            writeString(sb, String.valueOf(v), contentIndent, false);
        }
    }

    private static void writeKey(StringBuilder sb, String k) {
        writeString(sb, k, 0, true);
    }

    private enum Style {
        PLAIN, SINGLE, DOUBLE, LITERAL
    }

    private static void writeString(StringBuilder sb, String s, int contentIndent, boolean simpleKey) {
        // go-yaml's encoder: plain unless the plain form would resolve to another type
        Style style;
        if (s.indexOf('\n') >= 0) {
            style = Style.LITERAL;
        } else if (YamlResolve.isPlainString(s)) {
            style = Style.PLAIN;
        } else {
            style = Style.DOUBLE;
        }
        // libyaml's emitter: downgrade the style when the analysis forbids it
        Analysis a = analyze(s);
        if (simpleKey && a.multiline) {
            style = Style.DOUBLE;
        }
        if (style == Style.PLAIN) {
            if (!a.blockPlainAllowed || s.isEmpty() && simpleKey) {
                style = Style.SINGLE;
            }
        }
        if (style == Style.SINGLE && !a.singleQuotedAllowed) {
            style = Style.DOUBLE;
        }
        if (style == Style.LITERAL && (!a.blockAllowed || simpleKey)) {
            style = Style.DOUBLE;
        }
        switch (style) {
            case PLAIN -> sb.append(s);
            case SINGLE -> sb.append('\'').append(s.replace("'", "''")).append('\'');
            case DOUBLE -> writeDoubleQuoted(sb, s);
            case LITERAL -> writeLiteral(sb, s, contentIndent);
            default -> throw new IllegalStateException();
        }
    }

    private record Analysis(boolean blockPlainAllowed, boolean singleQuotedAllowed, boolean blockAllowed,
                            boolean multiline) {
    }

    private static boolean isBreak(int c) {
        return c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    private static boolean isBlankz(String s, int i) {
        if (i >= s.length()) {
            return true;
        }
        int c = s.codePointAt(i);
        return c == ' ' || c == '\t' || c == 0 || isBreak(c);
    }

    /** libyaml's is_printable (4-byte UTF-8 sequences are not considered printable). */
    private static boolean isPrintable(int c) {
        return c == 0x0A || c >= 0x20 && c <= 0x7E || c >= 0xA0 && c <= 0xD7FF
                || c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF;
    }

    /** yaml_emitter_analyze_scalar, restricted to block context. */
    private static Analysis analyze(String s) {
        if (s.isEmpty()) {
            return new Analysis(true, true, false, false);
        }
        boolean blockIndicators = false;
        boolean leadingSpace = false;
        boolean leadingBreak = false;
        boolean trailingSpace = false;
        boolean trailingBreak = false;
        boolean breakSpace = false;
        boolean spaceBreak = false;
        boolean previousSpace = false;
        boolean previousBreak = false;
        boolean lineBreaks = false;
        boolean special = false;
        boolean tabs = false;
        if (s.startsWith("---") || s.startsWith("...")) {
            blockIndicators = true;
        }
        boolean precededByWhitespace = true;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            int w = Character.charCount(c);
            // only a space, a tab or the end counts as whitespace after the character
            boolean followedByWhitespace = i + w >= s.length() || s.charAt(i + w) == ' ' || s.charAt(i + w) == '\t';
            if (i == 0) {
                switch (c) {
                    case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' ->
                            blockIndicators = true;
                    case '?', ':' -> {
                        if (followedByWhitespace) {
                            blockIndicators = true;
                        }
                    }
                    case '-' -> {
                        if (followedByWhitespace) {
                            blockIndicators = true;
                        }
                    }
                    default -> {
                    }
                }
            } else {
                if (c == ':' && followedByWhitespace) {
                    blockIndicators = true;
                }
                if (c == '#' && precededByWhitespace) {
                    blockIndicators = true;
                }
            }
            if (c == '\t') {
                tabs = true; // forbids plain and single-quoted styles, but not a literal block
            } else if (!isPrintable(c) || Character.isSurrogate((char) c)) {
                special = true;
            }
            if (c == ' ') {
                if (i == 0) {
                    leadingSpace = true;
                }
                if (i + w == s.length()) {
                    trailingSpace = true;
                }
                if (previousBreak) {
                    breakSpace = true;
                }
                previousSpace = true;
                previousBreak = false;
            } else if (isBreak(c)) {
                lineBreaks = true;
                if (i == 0) {
                    leadingBreak = true;
                }
                if (i + w == s.length()) {
                    trailingBreak = true;
                }
                if (previousSpace) {
                    spaceBreak = true;
                }
                previousSpace = false;
                previousBreak = true;
            } else {
                previousSpace = false;
                previousBreak = false;
            }
            precededByWhitespace = isBlankz(s, i);
            i += w;
        }
        boolean blockPlain = true;
        boolean single = true;
        boolean block = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
            blockPlain = false;
        }
        if (trailingSpace) {
            block = false;
        }
        if (breakSpace) {
            blockPlain = false;
            single = false;
        }
        if (spaceBreak || tabs || special) {
            blockPlain = false;
            single = false;
        }
        if (spaceBreak || special) {
            block = false;
        }
        if (lineBreaks) {
            blockPlain = false;
        }
        if (blockIndicators) {
            blockPlain = false;
        }
        return new Analysis(blockPlain, single, block, lineBreaks);
    }

    private static void writeDoubleQuoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            boolean escape = !isPrintable(c) || c == 0xFEFF || isBreak(c) || c == '"' || c == '\\'
                    || Character.isSurrogate((char) c);
            if (!escape) {
                sb.appendCodePoint(c);
                continue;
            }
            sb.append('\\');
            switch (c) {
                case 0 -> sb.append('0');
                case 7 -> sb.append('a');
                case '\b' -> sb.append('b');
                case '\t' -> sb.append('t');
                case '\n' -> sb.append('n');
                case 0x0B -> sb.append('v');
                case '\f' -> sb.append('f');
                case '\r' -> sb.append('r');
                case 0x1B -> sb.append('e');
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case 0x85 -> sb.append('N');
                case 0xA0 -> sb.append('_');
                case 0x2028 -> sb.append('L');
                case 0x2029 -> sb.append('P');
                default -> {
                    int digits;
                    if (c <= 0xFF) {
                        sb.append('x');
                        digits = 2;
                    } else if (c <= 0xFFFF) {
                        sb.append('u');
                        digits = 4;
                    } else {
                        sb.append('U');
                        digits = 8;
                    }
                    for (int k = (digits - 1) * 4; k >= 0; k -= 4) {
                        sb.append("0123456789ABCDEF".charAt((c >> k) & 0xF));
                    }
                }
            }
        }
        sb.append('"');
    }

    /** A literal block: "|" with indentation and chomping indicators, content at contentIndent. */
    private static void writeLiteral(StringBuilder sb, String s, int contentIndent) {
        sb.append('|');
        if (s.charAt(0) == ' ' || s.charAt(0) == '\n') {
            sb.append((char) ('0' + INDENT));
        }
        int last = s.length() - 1;
        if (s.charAt(last) != '\n') {
            sb.append('-');
        } else if (last == 0 || s.charAt(last - 1) == '\n') {
            sb.append('+');
        }
        // The header line is closed by the first line break: go-yaml writes none of its own when the
        // value starts with a newline, so a leading empty line is lost (reproduced as is).
        boolean headerOpen = true;
        boolean atLineStart = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                sb.append('\n');
                headerOpen = false;
                atLineStart = true;
            } else {
                if (headerOpen) {
                    sb.append('\n');
                    headerOpen = false;
                    atLineStart = true;
                }
                if (atLineStart) {
                    indent(sb, contentIndent);
                    atLineStart = false;
                }
                sb.append(c);
            }
        }
        // the caller ends the last line; a final newline of the value is that line end
        if (s.charAt(last) == '\n') {
            sb.setLength(sb.length() - 1);
        }
    }

    // ---------------------------------------------------------------- key order

    /** go-yaml v3's key order: runs of digits compare as numbers, letters sort before other characters only after digits. */
    static int naturalLess(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        return less(a, b) ? -1 : less(b, a) ? 1 : 0;
    }

    private static boolean less(String as, String bs) {
        int[] ar = as.codePoints().toArray();
        int[] br = bs.codePoints().toArray();
        boolean digits = false;
        for (int i = 0; i < ar.length && i < br.length; i++) {
            if (ar[i] == br[i]) {
                digits = Character.isDigit(ar[i]);
                continue;
            }
            boolean al = Character.isLetter(ar[i]);
            boolean bl = Character.isLetter(br[i]);
            if (al && bl) {
                return ar[i] < br[i];
            }
            if (al || bl) {
                if (digits) {
                    return al;
                }
                return bl;
            }
            long an = 0;
            long bn = 0;
            if (ar[i] == '0' || br[i] == '0') {
                for (int j = i - 1; j >= 0 && Character.isDigit(ar[j]); j--) {
                    if (ar[j] != '0') {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            int ai = i;
            for (; ai < ar.length && Character.isDigit(ar[ai]); ai++) {
                an = an * 10 + (ar[ai] - '0');
            }
            int bi = i;
            for (; bi < br.length && Character.isDigit(br[bi]); bi++) {
                bn = bn * 10 + (br[bi] - '0');
            }
            if (an != bn) {
                return an < bn;
            }
            if (ai != bi) {
                return ai < bi;
            }
            return ar[i] < br[i];
        }
        return ar.length < br.length;
    }
}
