package aicr.bundle.template;

import aicr.gocompat.GoStrconv;
import aicr.gocompat.GoStrings;

/**
 * Tokenizer for Go text/template with the default {@code {{ }}} delimiters. It is pulled one item
 * at a time by the parser, like Go's lexer, so that an error token is only seen once the parser
 * gets there (Go reports the first error in reading order, and its line number depends on how far
 * parsing got). Positions are char offsets into the input; line numbers are 1-based.
 */
final class Lexer {

    enum Type {
        ERROR, BOOL, CHAR, CHAR_CONSTANT, COMPLEX, ASSIGN, DECLARE, EOF, FIELD, IDENTIFIER,
        LEFT_DELIM, LEFT_PAREN, NUMBER, PIPE, RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, SPACE, STRING,
        TEXT, VARIABLE,
        // keywords (printed as <word> in error messages)
        BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, NIL, RANGE, TEMPLATE, WITH;

        boolean isKeyword() {
            return ordinal() >= BLOCK.ordinal();
        }
    }

    record Item(Type type, int pos, String val, int line) {
        /** Go's item.String(), used in "unexpected ..." parse errors. */
        @Override
        public String toString() {
            if (type == Type.EOF) {
                return "EOF";
            }
            if (type == Type.ERROR) {
                return val;
            }
            if (type.isKeyword()) {
                return "<" + val + ">";
            }
            if (GoStrconv.utf8Length(val) > 10) {
                // %.10q: the first ten runes, quoted
                int end = 0;
                for (int n = 0; n < 10 && end < val.length(); n++) {
                    end += Character.charCount(val.codePointAt(end));
                }
                return GoStrings.quote(val.substring(0, end)) + "...";
            }
            return GoStrings.quote(val);
        }
    }

    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";
    private static final int TRIM_MARKER_LEN = 2;

    private final String input;
    private final int[] lineStarts;
    private int pos;
    private int width; // chars taken by the last next(); 0 after reading EOF
    private int start;
    private int parenDepth;
    private boolean insideAction;
    private boolean done;

    Lexer(String input) {
        this.input = input;
        int n = 1;
        for (int i = 0; i < input.length(); i++) {
            if (input.charAt(i) == '\n') {
                n++;
            }
        }
        lineStarts = new int[n];
        int k = 1;
        for (int i = 0; i < input.length(); i++) {
            if (input.charAt(i) == '\n') {
                lineStarts[k++] = i + 1;
            }
        }
    }

    /** 1 + the number of newlines before offset. */
    int lineAt(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    private Item item(Type t) {
        Item i = new Item(t, start, input.substring(start, pos), lineAt(start));
        start = pos;
        return i;
    }

    private Item error(String msg) {
        Item i = new Item(Type.ERROR, start, msg, lineAt(start));
        done = true; // like Go, the lexer stops after an error and then only says EOF
        return i;
    }

    private int next() {
        if (pos >= input.length()) {
            width = 0;
            return -1;
        }
        int r = input.codePointAt(pos);
        width = Character.charCount(r);
        pos += width;
        return r;
    }

    private int peek() {
        return pos >= input.length() ? -1 : input.codePointAt(pos);
    }

    /** Steps back over the last rune read by next(); a no-op after reading EOF. */
    private void backup() {
        pos -= width;
        width = 0;
    }

    private void ignore() {
        start = pos;
    }

    static boolean isSpace(int r) {
        return r == ' ' || r == '\t' || r == '\r' || r == '\n';
    }

    static boolean isAlphaNumeric(int r) {
        return r == '_' || Character.isLetter(r) || Character.isDigit(r);
    }

    private boolean hasLeftTrimMarker(int at) {
        return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
    }

    private boolean hasRightTrimMarker(int at) {
        return at + 1 < input.length() && isSpace(input.charAt(at)) && input.charAt(at + 1) == '-';
    }

    /** 0 = not at a right delimiter, 1 = at "}}", 2 = at " -}}". */
    private int atRightDelim() {
        if (input.startsWith(RIGHT, pos)) {
            return 1;
        }
        if (hasRightTrimMarker(pos) && input.startsWith(RIGHT, pos + TRIM_MARKER_LEN)) {
            return 2;
        }
        return 0;
    }

    Item nextItem() {
        if (done) {
            return new Item(Type.EOF, pos, "EOF", lineAt(pos));
        }
        return insideAction ? lexInsideAction() : lexText();
    }

    private Item lexText() {
        while (true) {
            int x = input.indexOf(LEFT, pos);
            if (x < 0) {
                pos = input.length();
                if (pos > start) {
                    return item(Type.TEXT);
                }
                done = true;
                return item(Type.EOF);
            }
            if (x > pos) {
                pos = x;
                int trim = 0;
                if (hasLeftTrimMarker(pos + LEFT.length())) {
                    int j = pos;
                    while (j > start && isSpace(input.charAt(j - 1))) {
                        j--;
                    }
                    trim = pos - j;
                }
                pos -= trim;
                Item text = item(Type.TEXT);
                pos += trim;
                ignore();
                if (!text.val().isEmpty()) {
                    return text;
                }
            }
            Item delim = lexLeftDelim();
            if (delim != null) {
                return delim;
            }
            // a comment was skipped: keep scanning text
        }
    }

    /** Returns the left delimiter item, or null after skipping a comment (or an error item). */
    private Item lexLeftDelim() {
        pos += LEFT.length();
        boolean trim = hasLeftTrimMarker(pos);
        int after = trim ? TRIM_MARKER_LEN : 0;
        if (input.startsWith("/*", pos + after)) {
            pos += after;
            ignore();
            return lexComment();
        }
        Item i = item(Type.LEFT_DELIM);
        insideAction = true;
        pos += after;
        ignore();
        parenDepth = 0;
        return i;
    }

    private Item lexComment() {
        pos += 2;
        int x = input.indexOf("*/", pos);
        if (x < 0) {
            return error("unclosed comment");
        }
        pos = x + 2;
        int delim = atRightDelim();
        if (delim == 0) {
            return error("comment ends before closing delimiter");
        }
        if (delim == 2) {
            pos += TRIM_MARKER_LEN;
        }
        pos += RIGHT.length();
        if (delim == 2) {
            while (pos < input.length() && isSpace(input.charAt(pos))) {
                pos++;
            }
        }
        ignore();
        return null;
    }

    private Item lexRightDelim() {
        boolean trim = atRightDelim() == 2;
        if (trim) {
            pos += TRIM_MARKER_LEN;
            ignore();
        }
        pos += RIGHT.length();
        Item i = item(Type.RIGHT_DELIM);
        if (trim) {
            while (pos < input.length() && isSpace(input.charAt(pos))) {
                pos++;
            }
            ignore();
        }
        insideAction = false;
        return i;
    }

    private Item lexInsideAction() {
        if (atRightDelim() != 0) {
            if (parenDepth == 0) {
                return lexRightDelim();
            }
            return error("unclosed left paren");
        }
        int r = next();
        if (r < 0) {
            return error("unclosed action");
        }
        if (isSpace(r)) {
            backup();
            return lexSpace();
        }
        switch (r) {
            case '=':
                return item(Type.ASSIGN);
            case ':':
                if (next() != '=') {
                    return error("expected :=");
                }
                return item(Type.DECLARE);
            case '|':
                return item(Type.PIPE);
            case '"':
                return lexQuoted('"', Type.STRING, "unterminated quoted string");
            case '`':
                return lexRawQuote();
            case '$':
                return lexVariable();
            case '\'':
                return lexQuoted('\'', Type.CHAR_CONSTANT, "unterminated character constant");
            case '(':
                parenDepth++;
                return item(Type.LEFT_PAREN);
            case ')':
                parenDepth--;
                if (parenDepth < 0) {
                    return error("unexpected right paren");
                }
                return item(Type.RIGHT_PAREN);
            default:
                break;
        }
        if (r == '.') {
            if (pos < input.length()) {
                char c = input.charAt(pos);
                if (c < '0' || c > '9') {
                    return lexFieldOrVariable(Type.FIELD);
                }
            }
            backup();
            return lexNumber();
        }
        if (r == '+' || r == '-' || (r >= '0' && r <= '9')) {
            backup();
            return lexNumber();
        }
        if (isAlphaNumeric(r)) {
            backup();
            return lexIdentifier();
        }
        if (r <= 0x7F && r >= 0x20 && r != 0x7F) {
            return item(Type.CHAR);
        }
        return error("unrecognized character in action: " + GoStrconv.runeDescription(r));
    }

    private Item lexSpace() {
        int numSpaces = 0;
        while (isSpace(peek())) {
            next();
            numSpaces++;
        }
        // " -}}": leave the space before the trim marker to the right delimiter
        if (hasRightTrimMarker(pos - 1) && input.startsWith(RIGHT, pos - 1 + TRIM_MARKER_LEN)) {
            backup();
            if (numSpaces == 1) {
                return lexRightDelim();
            }
        }
        return item(Type.SPACE);
    }

    private Item lexIdentifier() {
        while (true) {
            int r = next();
            if (isAlphaNumeric(r)) {
                continue;
            }
            backup();
            String word = input.substring(start, pos);
            if (!atTerminator()) {
                return error("bad character " + GoStrconv.runeDescription(r));
            }
            Type kw = keyword(word);
            if (kw != null) {
                return item(kw);
            }
            if (word.equals("true") || word.equals("false")) {
                return item(Type.BOOL);
            }
            return item(Type.IDENTIFIER);
        }
    }

    private static Type keyword(String word) {
        return switch (word) {
            case "block" -> Type.BLOCK;
            case "break" -> Type.BREAK;
            case "continue" -> Type.CONTINUE;
            case "define" -> Type.DEFINE;
            case "else" -> Type.ELSE;
            case "end" -> Type.END;
            case "if" -> Type.IF;
            case "range" -> Type.RANGE;
            case "nil" -> Type.NIL;
            case "template" -> Type.TEMPLATE;
            case "with" -> Type.WITH;
            default -> null;
        };
    }

    private Item lexVariable() {
        if (atTerminator()) {
            return item(Type.VARIABLE); // "$" alone
        }
        return lexFieldOrVariable(Type.VARIABLE);
    }

    private Item lexFieldOrVariable(Type type) {
        if (atTerminator()) {
            return item(type == Type.VARIABLE ? Type.VARIABLE : Type.DOT);
        }
        int r;
        while (true) {
            r = next();
            if (!isAlphaNumeric(r)) {
                backup();
                break;
            }
        }
        if (!atTerminator()) {
            return error("bad character " + GoStrconv.runeDescription(r));
        }
        return item(type);
    }

    /** Whether the next rune may follow an identifier (it splits .X.Y into two fields). */
    private boolean atTerminator() {
        int r = peek();
        if (isSpace(r)) {
            return true;
        }
        switch (r) {
            case -1, '.', ',', '|', ':', ')', '(':
                return true;
            default:
                return input.startsWith(RIGHT, pos);
        }
    }

    /** A character constant or an interpreted string: escapes skip a character, a newline ends it badly. */
    private Item lexQuoted(char close, Type type, String unterminated) {
        while (true) {
            int r = next();
            if (r == '\\') {
                int e = next();
                if (e != -1 && e != '\n') {
                    continue;
                }
                return error(unterminated);
            }
            if (r == -1 || r == '\n') {
                return error(unterminated);
            }
            if (r == close) {
                return item(type);
            }
        }
    }

    private Item lexRawQuote() {
        while (true) {
            int r = next();
            if (r == -1) {
                return error("unterminated raw quoted string");
            }
            if (r == '`') {
                return item(Type.RAW_STRING);
            }
        }
    }

    private Item lexNumber() {
        if (!scanNumber()) {
            return error("bad number syntax: " + GoStrings.quote(input.substring(start, pos)));
        }
        int sign = peek();
        if (sign == '+' || sign == '-') {
            // complex constant such as 1+2i: no spaces, must end in 'i'
            if (!scanNumber() || input.charAt(pos - 1) != 'i') {
                return error("bad number syntax: " + GoStrings.quote(input.substring(start, pos)));
            }
            return item(Type.COMPLEX);
        }
        return item(Type.NUMBER);
    }

    private boolean accept(String valid) {
        int r = next();
        if (r >= 0 && valid.indexOf(r) >= 0) {
            return true;
        }
        backup();
        return false;
    }

    private void acceptRun(String valid) {
        while (true) {
            int r = next();
            if (r < 0) {
                return;
            }
            if (valid.indexOf(r) < 0) {
                backup();
                return;
            }
        }
    }

    private boolean scanNumber() {
        accept("+-");
        String digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
            } else if (accept("oO")) {
                digits = "01234567_";
            } else if (accept("bB")) {
                digits = "01_";
            }
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (digits.length() == 11 && accept("eE")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (digits.length() == 23 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        accept("i");
        if (isAlphaNumeric(peek())) {
            next();
            return false;
        }
        return true;
    }
}
