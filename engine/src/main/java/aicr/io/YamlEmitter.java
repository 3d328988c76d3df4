package aicr.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The low-level YAML emitter: tracks indentation, column and "just wrote whitespace" state the way
 * yaml.v3's emitter (emitterc.go, derived from libyaml) does, analyses each scalar to decide which
 * styles are allowed, and writes it. Only what the value model needs is supported: block mappings
 * and sequences, empty flow collections, untagged scalars, no line folding.
 */
final class YamlEmitter {

    /** yaml.v3 SetIndent(n): the step of block indentation (2..9). */
    private final int bestIndent;

    /** Longest simple key (in UTF-8 bytes) before the emitter switches to {@code ? key}. */
    private static final int MAX_SIMPLE_KEY_BYTES = 128;

    enum Style {
        PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL
    }

    /** A scalar and the style the encoder asks for (the emitter may pick a safer one). */
    record Scalar(String value, Style requested) {
        static Scalar plain(String value) {
            return new Scalar(value, Style.PLAIN);
        }
    }

    private final StringBuilder out = new StringBuilder();
    private final Deque<Integer> indents = new ArrayDeque<>();
    private int indent = -1;
    private int column;
    /** The last thing written was whitespace (so an indicator needs no separating space). */
    private boolean whitespace = true;
    /** Only indentation has been written on the current line. */
    private boolean indention = true;

    YamlEmitter(int indent) {
        if (indent < 2 || indent > 9) {
            throw new IllegalArgumentException("yaml: indent must be between 2 and 9: " + indent);
        }
        this.bestIndent = indent;
    }

    String output() {
        return out.toString();
    }

    // ---- structure -----------------------------------------------------------------------

    void startBlock(YamlWriter.Parent parent) {
        increaseIndent(false, parent == YamlWriter.Parent.SEQUENCE_ITEM);
    }

    void endBlock() {
        indent = indents.pop();
    }

    void sequenceItemIndicator() {
        writeIndent();
        writeIndicator("-", true, false, true);
    }

    boolean isSimpleKey(Scalar key) {
        Analysis a = Analysis.of(key.value());
        return !a.multiline && key.value().getBytes(StandardCharsets.UTF_8).length <= MAX_SIMPLE_KEY_BYTES;
    }

    void simpleKey(Scalar key) {
        writeIndent();
        emitScalar(key, true, false);
        writeIndicator(":", false, false, false);
    }

    /** A key too long or multi-line for the simple form: {@code ? key} then {@code : value}. */
    void complexKey(Scalar key) {
        writeIndent();
        writeIndicator("?", true, false, true);
        emitScalar(key, false, false);
        writeIndent();
        writeIndicator(":", true, false, true);
    }

    void scalar(Scalar s, YamlWriter.Parent parent) {
        emitScalar(s, false, parent == YamlWriter.Parent.SEQUENCE_ITEM);
    }

    /** An empty sequence or mapping, always written in flow style: {@code []}, {@code {}}. */
    void emptyFlow(char open, char close) {
        writeIndicator(String.valueOf(open), true, true, false);
        writeIndicator(String.valueOf(close), false, false, false);
    }

    /** The implicit document end: terminates the last line, writes no {@code ...}. */
    void endDocument() {
        writeIndent();
    }

    // ---- indentation and low-level writes ---------------------------------------------------

    /**
     * yaml.v3's increase_indent: the root block starts at column 0 (a root scalar at the indent);
     * inside a sequence item the content starts right after "- " (always +2); everywhere else it
     * moves to the next multiple of the indent.
     */
    private void increaseIndent(boolean flow, boolean inSequenceItem) {
        indents.push(indent);
        if (indent < 0) {
            indent = flow ? bestIndent : 0;
        } else if (inSequenceItem) {
            indent += 2;
        } else {
            indent = bestIndent * ((indent + bestIndent) / bestIndent);
        }
    }

    private void writeIndent() {
        int ind = Math.max(indent, 0);
        if (!indention || column > ind || (column == ind && !whitespace)) {
            putBreak();
        }
        while (column < ind) {
            put(' ');
        }
        whitespace = true;
    }

    private void writeIndicator(String indicator, boolean needWhitespace, boolean isWhitespace,
                                boolean isIndention) {
        if (needWhitespace && !whitespace) {
            put(' ');
        }
        out.append(indicator);
        column += indicator.length();
        whitespace = isWhitespace;
        indention = indention && isIndention;
    }

    private void put(char c) {
        out.append(c);
        column++;
    }

    private void putBreak() {
        out.append('\n');
        column = 0;
        indention = true;
    }

    private void write(int cp) {
        out.appendCodePoint(cp);
        column++;
    }

    /** A line break taken from the value: LF is normalized, other breaks are copied. */
    private void writeBreak(int cp) {
        if (cp == '\n') {
            putBreak();
        } else {
            write(cp);
            column = 0;
            indention = true;
        }
    }

    // ---- scalars ----------------------------------------------------------------------------

    private void emitScalar(Scalar s, boolean simpleKeyContext, boolean inSequenceItem) {
        Analysis a = Analysis.of(s.value());
        Style style = selectStyle(s, a, simpleKeyContext);
        increaseIndent(true, inSequenceItem);
        int[] cps = s.value().codePoints().toArray();
        switch (style) {
            case PLAIN -> writePlain(cps);
            case SINGLE_QUOTED -> writeSingleQuoted(cps);
            case DOUBLE_QUOTED -> writeDoubleQuoted(cps);
            case LITERAL -> writeLiteral(cps);
        }
        indent = indents.pop();
    }

    /** yaml_emitter_select_scalar_style for block context and untagged, implicit scalars. */
    private static Style selectStyle(Scalar s, Analysis a, boolean simpleKeyContext) {
        Style style = s.requested();
        if (simpleKeyContext && a.multiline) {
            style = Style.DOUBLE_QUOTED;
        }
        if (style == Style.PLAIN) {
            if (!a.blockPlainAllowed || (s.value().isEmpty() && simpleKeyContext)) {
                style = Style.SINGLE_QUOTED;
            }
        }
        if (style == Style.SINGLE_QUOTED && !a.singleQuotedAllowed) {
            style = Style.DOUBLE_QUOTED;
        }
        if (style == Style.LITERAL && (!a.blockAllowed || simpleKeyContext)) {
            style = Style.DOUBLE_QUOTED;
        }
        return style;
    }

    private void writePlain(int[] v) {
        if (v.length > 0 && !whitespace) {
            put(' ');
        }
        boolean breaks = false;
        for (int cp : v) {
            if (isBreak(cp)) {
                // Unreachable for block context (line breaks forbid plain) but kept faithful.
                if (!breaks && cp == '\n') {
                    putBreak();
                }
                writeBreak(cp);
                breaks = true;
            } else {
                if (breaks) {
                    writeIndent();
                }
                write(cp);
                indention = false;
                breaks = false;
            }
        }
        if (v.length > 0) {
            whitespace = false;
        }
        indention = false;
    }

    private void writeSingleQuoted(int[] v) {
        writeIndicator("'", true, false, false);
        boolean breaks = false;
        for (int cp : v) {
            if (cp == ' ') {
                write(cp);
            } else if (isBreak(cp)) {
                if (!breaks && cp == '\n') {
                    putBreak();
                }
                writeBreak(cp);
                breaks = true;
            } else {
                if (breaks) {
                    writeIndent();
                }
                if (cp == '\'') {
                    put('\'');
                }
                write(cp);
                indention = false;
                breaks = false;
            }
        }
        writeIndicator("'", false, false, false);
        whitespace = false;
        indention = false;
    }

    private void writeDoubleQuoted(int[] v) {
        writeIndicator("\"", true, false, false);
        // yaml.v3 tests for a BOM at the start of the value for every character, so a value that
        // starts with U+FEFF gets all of its characters escaped.
        boolean bomStart = v.length > 0 && v[0] == 0xFEFF;
        for (int cp : v) {
            if (!isPrintable(cp) || bomStart || isBreak(cp) || cp == '"' || cp == '\\') {
                put('\\');
                String esc = switch (cp) {
                    case 0x00 -> "0";
                    case 0x07 -> "a";
                    case 0x08 -> "b";
                    case 0x09 -> "t";
                    case 0x0A -> "n";
                    case 0x0B -> "v";
                    case 0x0C -> "f";
                    case 0x0D -> "r";
                    case 0x1B -> "e";
                    case 0x22 -> "\"";
                    case 0x5C -> "\\";
                    case 0x85 -> "N";
                    case 0xA0 -> "_";
                    case 0x2028 -> "L";
                    case 0x2029 -> "P";
                    default -> hexEscape(cp);
                };
                out.append(esc);
                column += esc.length();
            } else {
                write(cp);
            }
        }
        writeIndicator("\"", false, false, false);
        whitespace = false;
        indention = false;
    }

    private static String hexEscape(int cp) {
        String prefix;
        int width;
        if (cp <= 0xFF) {
            prefix = "x";
            width = 2;
        } else if (cp <= 0xFFFF) {
            prefix = "u";
            width = 4;
        } else {
            prefix = "U";
            width = 8;
        }
        String hex = Integer.toHexString(cp).toUpperCase();
        return prefix + "0".repeat(width - hex.length()) + hex;
    }

    private void writeLiteral(int[] v) {
        writeIndicator("|", true, false, false);
        writeBlockHints(v);
        whitespace = true;
        boolean breaks = true;
        for (int cp : v) {
            if (isBreak(cp)) {
                writeBreak(cp);
                breaks = true;
            } else {
                if (breaks) {
                    writeIndent();
                }
                write(cp);
                indention = false;
                breaks = false;
            }
        }
    }

    /**
     * Indentation indicator when the text starts with a space or break (yaml.v3 always writes the
     * configured indent), then chomping: {@code -} without a final break, {@code +} when the
     * text ends with two breaks or is a single break, nothing for exactly one final break.
     */
    private void writeBlockHints(int[] v) {
        if (v.length > 0 && (v[0] == ' ' || isBreak(v[0]))) {
            writeIndicator(String.valueOf(bestIndent), false, false, false);
        }
        String chomp = null;
        int last = v.length - 1;
        if (v.length == 0 || !isBreak(v[last])) {
            chomp = "-";
        } else if (last == 0 || isBreak(v[last - 1])) {
            chomp = "+";
        }
        if (chomp != null) {
            writeIndicator(chomp, false, false, false);
        }
    }

    // ---- character classes (yamlprivateh.go, on code points) ---------------------------------

    static boolean isBreak(int cp) {
        return cp == '\r' || cp == '\n' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
    }

    static boolean isBlank(int cp) {
        return cp == ' ' || cp == '\t';
    }

    /**
     * Characters the emitter may write unescaped: LF, printable ASCII, and the BMP from U+00A0
     * except surrogates, U+FEFF, U+FFFE and U+FFFF. Tabs, C1 controls, DEL and characters beyond
     * the BMP (emoji) are not: yaml.v3 escapes them in double quotes.
     */
    static boolean isPrintable(int cp) {
        return cp == 0x0A
                || (cp >= 0x20 && cp <= 0x7E)
                || (cp >= 0xA0 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF);
    }

    /** Replaces unpaired surrogates (not representable in UTF-8) by U+FFFD. */
    static String wellFormed(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
                if (!bad) {
                    if (b != null) {
                        b.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                bad = Character.isLowSurrogate(c);
            }
            if (bad && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (b != null) {
                b.append(bad ? '\uFFFD' : c);
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * yaml_emitter_analyze_scalar: which styles can represent the value. Plain text must not start
     * with an indicator, contain ": " or " #", start/end with spaces or contain breaks, tabs or
     * unprintable characters; single quotes cannot hold unprintable characters, tabs or a space
     * next to a line break; a literal block cannot end with a space, hold a space before a break,
     * or unprintable characters.
     */
    static final class Analysis {
        boolean multiline;
        boolean blockPlainAllowed;
        boolean singleQuotedAllowed;
        boolean blockAllowed;

        static Analysis of(String value) {
            Analysis a = new Analysis();
            int[] v = value.codePoints().toArray();
            if (v.length == 0) {
                a.multiline = false;
                a.blockPlainAllowed = true;
                a.singleQuotedAllowed = true;
                a.blockAllowed = false;
                return a;
            }
            boolean blockIndicators = value.startsWith("---") || value.startsWith("...");
            boolean lineBreaks = false;
            boolean specialCharacters = false;
            boolean tabCharacters = false;
            boolean leadingSpace = false;
            boolean leadingBreak = false;
            boolean trailingSpace = false;
            boolean trailingBreak = false;
            boolean breakSpace = false;
            boolean spaceBreak = false;
            boolean precededByWhitespace = true;
            boolean previousSpace = false;
            boolean previousBreak = false;

            for (int i = 0; i < v.length; i++) {
                int c = v[i];
                boolean followedByWhitespace = i + 1 >= v.length || isBlank(v[i + 1]);
                if (i == 0) {
                    switch (c) {
                        case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' ->
                                blockIndicators = true;
                        case '?', ':', '-' -> {
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
                    } else if (c == '#' && precededByWhitespace) {
                        blockIndicators = true;
                    }
                }
                if (c == '\t') {
                    tabCharacters = true;
                } else if (!isPrintable(c)) {
                    specialCharacters = true;
                }
                if (c == ' ') {
                    if (i == 0) {
                        leadingSpace = true;
                    }
                    if (i == v.length - 1) {
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
                    if (i == v.length - 1) {
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
                precededByWhitespace = isBlank(c) || isBreak(c) || c == 0;
            }

            a.multiline = lineBreaks;
            a.blockPlainAllowed = true;
            a.singleQuotedAllowed = true;
            a.blockAllowed = true;
            if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
                a.blockPlainAllowed = false;
            }
            if (trailingSpace) {
                a.blockAllowed = false;
            }
            if (breakSpace) {
                a.blockPlainAllowed = false;
                a.singleQuotedAllowed = false;
            }
            if (spaceBreak || tabCharacters || specialCharacters) {
                a.blockPlainAllowed = false;
                a.singleQuotedAllowed = false;
            }
            if (spaceBreak || specialCharacters) {
                a.blockAllowed = false;
            }
            if (lineBreaks || blockIndicators) {
                a.blockPlainAllowed = false;
            }
            return a;
        }
    }
}
