package aicr.bundle.template;

import aicr.gocompat.GoNumbers;
import aicr.gocompat.GoStrconv;
import aicr.gocompat.GoStrings;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code fmt} printing for the template data model: {@code Sprint}, {@code Sprintln},
 * {@code Sprintf} and {@code %v}. Maps print as {@code map[k:v]} with sorted keys, lists as
 * {@code [a b]}, structs as {@code {a b}}, and wrong verbs or argument counts produce Go's
 * in-band markers ({@code %!d(string=x)}, {@code %!s(MISSING)}, {@code %!(EXTRA int=1)}).
 * One instance formats one call; it is not thread-safe.
 */
final class GoFmt {

    private final StringBuilder buf = new StringBuilder();

    // flags of the verb being formatted
    private boolean plus;
    private boolean minus;
    private boolean sharp;
    private boolean space;
    private boolean zero;
    private boolean plusV;
    private boolean sharpV;
    private boolean widPresent;
    private boolean precPresent;
    private int wid;
    private int prec;

    // doPrintf state
    private boolean reordered;
    private boolean goodArgNum;

    private GoFmt() {
    }

    private void clearFlags() {
        plus = minus = sharp = space = zero = plusV = sharpV = widPresent = precPresent = false;
        wid = prec = 0;
    }

    // ---------------------------------------------------------------- entry points

    /** fmt.Sprint: a space only between two operands when neither is a string. */
    static String sprint(List<?> args) {
        GoFmt p = new GoFmt();
        boolean prevString = false;
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            boolean isString = arg instanceof String;
            if (i > 0 && !isString && !prevString) {
                p.buf.append(' ');
            }
            p.printArg(arg, 'v');
            prevString = isString;
        }
        return p.buf.toString();
    }

    /** fmt.Sprintln: spaces between all operands and a final newline. */
    static String sprintln(List<?> args) {
        GoFmt p = new GoFmt();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                p.buf.append(' ');
            }
            p.printArg(args.get(i), 'v');
        }
        return p.buf.append('\n').toString();
    }

    /** fmt.Sprint of one value, i.e. {@code %v} (a string prints as itself). */
    static String sprintValue(Object v) {
        if (v instanceof String s) {
            return s;
        }
        GoFmt p = new GoFmt();
        p.printArg(v, 'v');
        return p.buf.toString();
    }

    static String sprintf(String format, List<?> a) {
        GoFmt p = new GoFmt();
        p.doPrintf(format, a);
        return p.buf.toString();
    }

    // ---------------------------------------------------------------- type names

    /** The Go type the reference would have for a data-model value (used in markers and errors). */
    static String typeName(Object v) {
        if (v instanceof GoStruct s) {
            return s.typeName();
        }
        if (v instanceof Exec.Iface) {
            return "interface {}";
        }
        return aicr.gocompat.GoStrings.typeName(v);
    }

    static boolean isInt(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
    }

    // ---------------------------------------------------------------- Printf

    private void doPrintf(String format, List<?> a) {
        int end = format.length();
        int argNum = 0;
        boolean afterIndex;
        reordered = false;
        for (int i = 0; i < end; ) {
            goodArgNum = true;
            int lasti = i;
            while (i < end && format.charAt(i) != '%') {
                i++;
            }
            if (i > lasti) {
                buf.append(format, lasti, i);
            }
            if (i >= end) {
                break;
            }
            i++; // the %
            clearFlags();
            flags:
            for (; i < end; i++) {
                switch (format.charAt(i)) {
                    case '#' -> sharp = true;
                    case '0' -> zero = !minus; // only pad with zeros to the left
                    case '+' -> plus = true;
                    case '-' -> {
                        minus = true;
                        zero = false;
                    }
                    case ' ' -> space = true;
                    default -> {
                        break flags;
                    }
                }
            }
            // argument index, then width
            int[] r = argNumber(argNum, format, i, a.size());
            argNum = r[0];
            i = r[1];
            afterIndex = r[2] != 0;
            if (i < end && format.charAt(i) == '*') {
                i++;
                int[] w = intFromArg(a, argNum);
                wid = w[0];
                widPresent = w[1] != 0;
                argNum = w[2];
                if (!widPresent) {
                    buf.append("%!(BADWIDTH)");
                }
                if (wid < 0) {
                    wid = -wid;
                    minus = true;
                    zero = false;
                }
                afterIndex = false;
            } else {
                int[] n = parseNum(format, i, end);
                wid = n[0];
                widPresent = n[1] != 0;
                i = n[2];
                if (afterIndex && widPresent) {
                    goodArgNum = false; // "%[3]2d"
                }
            }
            // precision
            if (i < end && format.charAt(i) == '.') {
                i++;
                if (afterIndex) {
                    goodArgNum = false; // "%[3].2d"
                }
                r = argNumber(argNum, format, i, a.size());
                argNum = r[0];
                i = r[1];
                afterIndex = r[2] != 0;
                if (i < end && format.charAt(i) == '*') {
                    i++;
                    int[] w = intFromArg(a, argNum);
                    prec = w[0];
                    precPresent = w[1] != 0;
                    argNum = w[2];
                    if (prec < 0) {
                        prec = 0;
                        precPresent = false;
                    }
                    if (!precPresent) {
                        buf.append("%!(BADPREC)");
                    }
                    afterIndex = false;
                } else {
                    int[] n = parseNum(format, i, end);
                    prec = n[0];
                    precPresent = n[1] != 0;
                    i = n[2];
                    if (!precPresent) {
                        prec = 0;
                        precPresent = true;
                    }
                }
            }
            if (!afterIndex) {
                r = argNumber(argNum, format, i, a.size());
                argNum = r[0];
                i = r[1];
            }
            if (i >= end) {
                buf.append("%!(NOVERB)");
                break;
            }
            int verb = format.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                buf.append('%'); // absorbs no operand, ignores width and precision
            } else if (!goodArgNum) {
                buf.append("%!").appendCodePoint(verb).append("(BADINDEX)");
            } else if (argNum >= a.size()) {
                buf.append("%!").appendCodePoint(verb).append("(MISSING)");
            } else {
                if (verb == 'v') {
                    sharpV = sharp;
                    sharp = false;
                    plusV = plus;
                    plus = false;
                }
                printArg(a.get(argNum), verb);
                argNum++;
            }
        }
        if (!reordered && argNum < a.size()) {
            clearFlags();
            buf.append("%!(EXTRA ");
            for (int k = argNum; k < a.size(); k++) {
                if (k > argNum) {
                    buf.append(", ");
                }
                Object arg = a.get(k);
                if (arg == null) {
                    buf.append("<nil>");
                } else {
                    buf.append(typeName(arg)).append('=');
                    printArg(arg, 'v');
                }
            }
            buf.append(')');
        }
    }

    private static boolean tooLarge(int x) {
        return x > 1_000_000 || x < -1_000_000;
    }

    /** {num, isnum, newi} */
    private static int[] parseNum(String s, int start, int end) {
        if (start >= end) {
            return new int[] {0, 0, end};
        }
        int num = 0;
        boolean isnum = false;
        int i = start;
        for (; i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            if (tooLarge(num)) {
                return new int[] {0, 0, end};
            }
            num = num * 10 + (s.charAt(i) - '0');
            isnum = true;
        }
        return new int[] {num, isnum ? 1 : 0, i};
    }

    /** {argNum, newi, found} for an explicit [n] index. */
    private int[] argNumber(int argNum, String format, int i, int numArgs) {
        if (format.length() <= i || format.charAt(i) != '[') {
            return new int[] {argNum, i, 0};
        }
        reordered = true;
        int index = 0;
        int width = 1;
        boolean ok = false;
        String f = format.substring(i);
        if (f.length() >= 3) {
            for (int k = 1; k < f.length(); k++) {
                if (f.charAt(k) == ']') {
                    int[] n = parseNum(f, 1, k);
                    if (n[1] == 0 || n[2] != k) {
                        width = k + 1;
                    } else {
                        index = n[0] - 1;
                        width = k + 1;
                        ok = true;
                    }
                    break;
                }
            }
        }
        if (ok && index >= 0 && index < numArgs) {
            return new int[] {index, i + width, 1};
        }
        goodArgNum = false;
        return new int[] {argNum, i + width, ok ? 1 : 0};
    }

    /** {num, isInt, newArgNum} for a * width or precision. */
    private static int[] intFromArg(List<?> a, int argNum) {
        int num = 0;
        boolean isInt = false;
        int newArgNum = argNum;
        if (argNum < a.size()) {
            Object v = a.get(argNum);
            if (isInt(v)) {
                long n = ((Number) v).longValue();
                if ((int) n == n) {
                    num = (int) n;
                    isInt = true;
                }
            } else if (v instanceof BigInteger b && b.bitLength() < 32) {
                num = b.intValue();
                isInt = true;
            }
            newArgNum = argNum + 1;
            if (tooLarge(num)) {
                num = 0;
                isInt = false;
            }
        }
        return new int[] {num, isInt ? 1 : 0, newArgNum};
    }

    // ---------------------------------------------------------------- values

    private void printArg(Object arg, int verb) {
        if (arg instanceof Exec.Iface i) {
            arg = i.value();
        }
        if (arg == null) {
            if (verb == 'T' || verb == 'v') {
                padString("<nil>");
            } else {
                badVerb(verb, null);
            }
            return;
        }
        if (verb == 'T') {
            fmtS(typeName(arg));
            return;
        }
        printValue(arg, verb, 0);
    }

    private void printValue(Object v, int verb, int depth) {
        if (v instanceof Exec.Iface i) {
            v = i.value();
        }
        if (v == null) {
            // a nil element of a map or list
            if (sharpV) {
                buf.append("interface {}(nil)");
            } else {
                padString("<nil>");
            }
            return;
        }
        if (verb == 'p') {
            badVerb(verb, v);
            return;
        }
        if (v instanceof Boolean b) {
            if (verb == 't' || verb == 'v') {
                padString(b ? "true" : "false");
            } else {
                badVerb(verb, v);
            }
        } else if (isInt(v)) {
            BigInteger n = BigInteger.valueOf(((Number) v).longValue());
            fmtInteger(n, true, verb, v);
        } else if (v instanceof BigInteger b) {
            fmtInteger(b, false, verb, v);
        } else if (v instanceof Double || v instanceof Float) {
            fmtFloat(((Number) v).doubleValue(), verb, v);
        } else if (v instanceof String s) {
            fmtString(s, verb, v);
        } else if (v instanceof Map<?, ?> m) {
            printMap(m, verb, depth);
        } else if (v instanceof List<?> l) {
            if (sharpV) {
                buf.append("[]interface {}{");
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        buf.append(", ");
                    }
                    printValue(l.get(i), verb, depth + 1);
                }
                buf.append('}');
                return;
            }
            buf.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    buf.append(' ');
                }
                printValue(l.get(i), verb, depth + 1);
            }
            buf.append(']');
        } else if (v instanceof GoStruct s) {
            if (sharpV) {
                buf.append(s.typeName());
            }
            buf.append('{');
            int i = 0;
            for (Map.Entry<String, Object> e : s.fields().entrySet()) {
                if (i++ > 0) {
                    buf.append(sharpV ? ", " : " ");
                }
                if (plusV || sharpV) {
                    buf.append(e.getKey()).append(':');
                }
                printValue(e.getValue(), verb, depth + 1);
            }
            buf.append('}');
        } else {
            padString(String.valueOf(v));
        }
    }

    private void printMap(Map<?, ?> m, int verb, int depth) {
        List<String> keys = Exec.sortedKeys(m);
        if (sharpV) {
            buf.append("map[string]interface {}{");
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    buf.append(", ");
                }
                printValue(keys.get(i), verb, depth + 1);
                buf.append(':');
                printValue(m.get(keys.get(i)), verb, depth + 1);
            }
            buf.append('}');
            return;
        }
        buf.append("map[");
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                buf.append(' ');
            }
            printValue(keys.get(i), verb, depth + 1);
            buf.append(':');
            printValue(m.get(keys.get(i)), verb, depth + 1);
        }
        buf.append(']');
    }

    private void badVerb(int verb, Object arg) {
        buf.append("%!").appendCodePoint(verb).append('(');
        if (arg != null) {
            buf.append(typeName(arg)).append('=');
            printArg(arg, 'v');
        } else {
            buf.append("<nil>");
        }
        buf.append(')');
    }

    // ---------------------------------------------------------------- padding

    private void writePadding(int n) {
        if (n <= 0) {
            return;
        }
        char c = zero && !minus ? '0' : ' ';
        for (int i = 0; i < n; i++) {
            buf.append(c);
        }
    }

    private void pad(String s) {
        if (!widPresent || wid == 0) {
            buf.append(s);
            return;
        }
        int width = wid - s.codePointCount(0, s.length());
        if (!minus) {
            writePadding(width);
            buf.append(s);
        } else {
            buf.append(s);
            writePadding(width);
        }
    }

    private void padString(String s) {
        pad(s);
    }

    // ---------------------------------------------------------------- integers

    private static final String LDIGITS = "0123456789abcdefx";
    private static final String UDIGITS = "0123456789ABCDEFX";

    private void fmtInteger(BigInteger value, boolean signed, int verb, Object arg) {
        boolean negative = value.signum() < 0;
        BigInteger mag = value.abs();
        switch (verb) {
            case 'v' -> {
                if (sharpV && !signed) {
                    fmt0x64(mag);
                } else {
                    fmtIntegerBase(negative, mag, 10, verb, LDIGITS);
                }
            }
            case 'd' -> fmtIntegerBase(negative, mag, 10, verb, LDIGITS);
            case 'b' -> fmtIntegerBase(negative, mag, 2, verb, LDIGITS);
            case 'o', 'O' -> fmtIntegerBase(negative, mag, 8, verb, LDIGITS);
            case 'x' -> fmtIntegerBase(negative, mag, 16, verb, LDIGITS);
            case 'X' -> fmtIntegerBase(negative, mag, 16, verb, UDIGITS);
            case 'c' -> pad(runeString(value));
            case 'q' -> pad(GoStrings.quoteRune(runeOf(value), plus));
            case 'U' -> fmtUnicode(value);
            default -> badVerb(verb, arg);
        }
    }

    private static int runeOf(BigInteger v) {
        if (v.signum() < 0 || v.bitLength() > 31) {
            return 0xFFFD;
        }
        int r = v.intValue();
        return GoStrings.validRune(r) ? r : 0xFFFD;
    }

    private static String runeString(BigInteger v) {
        return new String(Character.toChars(runeOf(v)));
    }

    private void fmt0x64(BigInteger mag) {
        boolean s = sharp;
        sharp = true;
        fmtIntegerBase(false, mag, 16, 'v', LDIGITS);
        sharp = s;
    }

    private void fmtUnicode(BigInteger value) {
        String hex = value.toString(16).toUpperCase();
        if (value.signum() < 0) {
            hex = value.add(BigInteger.ONE.shiftLeft(64)).toString(16).toUpperCase();
        }
        int p = 4;
        if (precPresent && prec > 4) {
            p = prec;
        }
        StringBuilder sb = new StringBuilder("U+");
        for (int i = hex.length(); i < p; i++) {
            sb.append('0');
        }
        sb.append(hex);
        if (sharp && value.signum() >= 0 && value.bitLength() <= 31 && GoStrings.isPrint(value.intValue())) {
            sb.append(" '").appendCodePoint(value.intValue()).append('\'');
        }
        boolean z = zero;
        zero = false;
        pad(sb.toString());
        zero = z;
    }

    private void fmtIntegerBase(boolean negative, BigInteger mag, int base, int verb, String digits) {
        if (precPresent && prec == 0 && mag.signum() == 0) {
            // precision 0 and value 0 print nothing but padding
            boolean z = zero;
            zero = false;
            writePadding(wid);
            zero = z;
            return;
        }
        int p = 0;
        if (precPresent) {
            p = prec;
        } else if (zero && !minus && widPresent) {
            p = wid;
            if (negative || plus || space) {
                p--; // leave room for the sign
            }
        }
        String d = mag.toString(base);
        if (digits == UDIGITS) {
            d = d.toUpperCase();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = d.length(); i < p; i++) {
            sb.append('0');
        }
        sb.append(d);
        if (sharp) {
            switch (base) {
                case 2 -> sb.insert(0, "0b");
                case 8 -> {
                    if (sb.charAt(0) != '0') {
                        sb.insert(0, '0');
                    }
                }
                case 16 -> sb.insert(0, digits.charAt(16)).insert(0, '0');
                default -> {
                }
            }
        }
        if (verb == 'O') {
            sb.insert(0, "0o");
        }
        if (negative) {
            sb.insert(0, '-');
        } else if (plus) {
            sb.insert(0, '+');
        } else if (space) {
            sb.insert(0, ' ');
        }
        boolean z = zero;
        zero = false; // the zero padding was done through the precision
        pad(sb.toString());
        zero = z;
    }

    // ---------------------------------------------------------------- floats

    private void fmtFloat(double v, int verb, Object arg) {
        switch (verb) {
            case 'v' -> fmtFloatCore(v, 'g', -1);
            case 'g', 'G' -> fmtFloatCore(v, (char) verb, -1);
            case 'f', 'F', 'e', 'E' -> fmtFloatCore(v, (char) verb, 6);
            case 'b' -> fmtFloatRaw(binaryFloat(v));
            case 'x', 'X' -> fmtFloatRaw(hexFloat(v, verb == 'X'));
            default -> badVerb(verb, arg);
        }
    }

    private void fmtFloatCore(double v, char verb, int defaultPrec) {
        int p = precPresent ? prec : defaultPrec;
        fmtFloatRaw(GoNumbers.formatFloat(v, verb, p));
    }

    /** fmt's sign and padding rules around a formatted number. */
    private void fmtFloatRaw(String formatted) {
        String num = formatted.startsWith("-") || formatted.startsWith("+") ? formatted : "+" + formatted;
        if (space && num.charAt(0) == '+' && !plus) {
            num = " " + num.substring(1);
        }
        if (num.charAt(1) == 'I' || num.charAt(1) == 'N') {
            // infinities and NaN are not padded with zeros
            boolean z = zero;
            zero = false;
            if (num.charAt(1) == 'N' && !space && !plus) {
                num = num.substring(1);
            }
            pad(num);
            zero = z;
            return;
        }
        if (plus || num.charAt(0) != '+') {
            if (zero && !minus && widPresent && wid > num.length()) {
                buf.append(num.charAt(0));
                writePadding(wid - num.length());
                buf.append(num, 1, num.length());
                return;
            }
            pad(num);
            return;
        }
        pad(num.substring(1));
    }

    /** strconv 'b' format: decimal mantissa and binary exponent. */
    private static String binaryFloat(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return GoNumbers.formatFloat(v, 'g', -1);
        }
        long bits = Double.doubleToRawLongBits(v);
        boolean neg = bits < 0;
        int exp = (int) ((bits >>> 52) & 0x7FF);
        long mant = bits & ((1L << 52) - 1);
        if (exp == 0) {
            exp = 1;
        } else {
            mant |= 1L << 52;
        }
        exp -= 1075;
        return (neg ? "-" : "") + mant + "p" + (exp >= 0 ? "+" : "") + exp;
    }

    /** strconv 'x' format with the shortest mantissa: 0x1.8p+01. */
    private static String hexFloat(double v, boolean upper) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return GoNumbers.formatFloat(v, 'g', -1);
        }
        long bits = Double.doubleToRawLongBits(v);
        boolean neg = bits < 0;
        int exp = (int) ((bits >>> 52) & 0x7FF);
        long mant = bits & ((1L << 52) - 1);
        StringBuilder sb = new StringBuilder();
        if (neg) {
            sb.append('-');
        }
        if (exp == 0 && mant == 0) {
            sb.append("0x0p+00");
        } else {
            if (exp == 0) {
                // subnormal: normalise
                exp = 1;
                while ((mant & (1L << 52)) == 0) {
                    mant <<= 1;
                    exp--;
                }
                mant &= (1L << 52) - 1;
            }
            exp -= 1023;
            String frac = String.format("%013x", mant);
            int end = frac.length();
            while (end > 0 && frac.charAt(end - 1) == '0') {
                end--;
            }
            sb.append("0x1");
            if (end > 0) {
                sb.append('.').append(frac, 0, end);
            }
            sb.append('p').append(exp >= 0 ? '+' : '-');
            int e = Math.abs(exp);
            if (e < 10) {
                sb.append('0');
            }
            sb.append(e);
        }
        String s = sb.toString();
        return upper ? s.toUpperCase() : s;
    }

    // ---------------------------------------------------------------- strings

    private void fmtString(String s, int verb, Object arg) {
        switch (verb) {
            case 'v' -> {
                if (sharpV) {
                    fmtQ(s);
                } else {
                    fmtS(s);
                }
            }
            case 's' -> fmtS(s);
            case 'x' -> fmtSx(s, LDIGITS);
            case 'X' -> fmtSx(s, UDIGITS);
            case 'q' -> fmtQ(s);
            default -> badVerb(verb, arg);
        }
    }

    private String truncate(String s) {
        if (precPresent) {
            int n = prec;
            for (int i = 0; i < s.length(); ) {
                n--;
                if (n < 0) {
                    return s.substring(0, i);
                }
                i += Character.charCount(s.codePointAt(i));
            }
        }
        return s;
    }

    private void fmtS(String s) {
        padString(truncate(s));
    }

    private void fmtQ(String s) {
        s = truncate(s);
        if (sharp && GoStrings.canBackquote(s)) {
            padString("`" + s + "`");
        } else if (plus) {
            padString(GoStrings.quoteToASCII(s));
        } else {
            padString(GoStrings.quote(s));
        }
    }

    private void fmtSx(String s, String digits) {
        byte[] b = GoStrconv.utf8(s);
        int length = b.length;
        if (precPresent && prec < length) {
            length = prec;
        }
        int width = 2 * length;
        if (width > 0) {
            if (space) {
                if (sharp) {
                    width *= 2;
                }
                width += length - 1;
            } else if (sharp) {
                width += 2;
            }
        } else {
            if (widPresent) {
                writePadding(wid);
            }
            return;
        }
        if (widPresent && wid > width && !minus) {
            writePadding(wid - width);
        }
        if (sharp) {
            buf.append('0').append(digits.charAt(16));
        }
        for (int i = 0; i < length; i++) {
            if (space && i > 0) {
                buf.append(' '); // separate bytes, each with its own 0x under #
                if (sharp) {
                    buf.append('0').append(digits.charAt(16));
                }
            }
            int c = b[i] & 0xFF;
            buf.append(digits.charAt(c >> 4)).append(digits.charAt(c & 0xF));
        }
        if (widPresent && wid > width && minus) {
            writePadding(wid - width);
        }
    }
}
