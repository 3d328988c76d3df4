package aicr.bundle.template;

/**
 * Whether go-yaml v3 may write a string as a plain scalar: only when reading the plain form back
 * would give a string again, also under YAML 1.1 rules (so {@code "y"}, {@code "on"},
 * {@code "1:30"} are quoted too). Implemented by hand, without regular expressions, because it
 * runs for every string {@code toYaml} writes.
 */
final class YamlResolve {
    private YamlResolve() {
    }

    static boolean isPlainString(String s) {
        return resolvesToString(s) && !isBase60Float(s) && !isOldBool(s);
    }

    private static boolean resolvesToString(String in) {
        if (in.isEmpty()) {
            return false; // null
        }
        char h = in.charAt(0);
        char hint;
        if (h == '+' || h == '-') {
            hint = 'S';
        } else if (h >= '0' && h <= '9') {
            hint = 'D';
        } else if ("yYnNtTfFoO~".indexOf(h) >= 0) {
            hint = 'M';
        } else if (h == '.') {
            hint = '.';
        } else {
            return true;
        }
        if (inResolveMap(in)) {
            return false;
        }
        switch (hint) {
            case 'M':
                return true;
            case '.':
                return GoStrconv.parseFloat(in) == null;
            default:
                break;
        }
        if (isTimestamp(in)) {
            return false;
        }
        String plain = in.indexOf('_') >= 0 ? in.replace("_", "") : in;
        if (GoStrconv.parseInt(plain) != null || GoStrconv.parseUint(plain) != null) {
            return false;
        }
        if (isYamlStyleFloat(plain) && GoStrconv.parseFloat(plain) != null) {
            return false;
        }
        if (plain.startsWith("0b") && radixInt(plain.substring(2), 2)
                || plain.startsWith("-0b") && radixInt(plain.substring(3), 2)) {
            return false;
        }
        return !(plain.startsWith("0o") && radixInt(plain.substring(2), 8)
                || plain.startsWith("-0o") && radixInt(plain.substring(3), 8));
    }

    private static boolean radixInt(String digits, int radix) {
        if (digits.isEmpty()) {
            return false;
        }
        try {
            Long.parseLong(digits, radix);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean inResolveMap(String s) {
        switch (s) {
            case "true", "True", "TRUE", "false", "False", "FALSE", "~", "null", "Null", "NULL",
                    ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
                    "-.inf", "-.Inf", "-.INF":
                return true;
            default:
                return false;
        }
    }

    static boolean isOldBool(String s) {
        switch (s) {
            case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF":
                return true;
            default:
                return false;
        }
    }

    private static boolean isDigit(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    /** ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ */
    private static boolean isYamlStyleFloat(String s) {
        int i = 0;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            if (!isDigit(s, i)) {
                return false;
            }
            while (isDigit(s, i)) {
                i++;
            }
        } else {
            if (!isDigit(s, i)) {
                return false;
            }
            while (isDigit(s, i)) {
                i++;
            }
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                while (isDigit(s, i)) {
                    i++;
                }
            }
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            if (!isDigit(s, i)) {
                return false;
            }
            while (isDigit(s, i)) {
                i++;
            }
        }
        return i == s.length();
    }

    /** ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$ (YAML 1.1 sexagesimal numbers). */
    static boolean isBase60Float(String s) {
        int i = 0;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        if (!isDigit(s, i)) {
            return false;
        }
        i++;
        while (isDigit(s, i) || i < s.length() && s.charAt(i) == '_') {
            i++;
        }
        int groups = 0;
        while (i < s.length() && s.charAt(i) == ':') {
            i++;
            // [0-5]?[0-9]: one or two digits, a two-digit group starting with 0-5
            if (!isDigit(s, i)) {
                return false;
            }
            if (isDigit(s, i + 1) && s.charAt(i) <= '5') {
                i += 2;
            } else {
                i++;
            }
            groups++;
        }
        if (groups == 0) {
            return false;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (isDigit(s, i) || i < s.length() && s.charAt(i) == '_') {
                i++;
            }
        }
        return i == s.length();
    }

    // ---------------------------------------------------------------- timestamps

    /**
     * go-yaml's timestamp check: time.Parse with "2006-1-2T15:4:5.999999999Z07:00" (also with a
     * lower-case t), "2006-1-2 15:4:5.999999999" or "2006-1-2", including Go's range checks.
     */
    static boolean isTimestamp(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i != 4 || i == s.length() || s.charAt(i) != '-') {
            return false;
        }
        int[] p = {5};
        int year = Integer.parseInt(s.substring(0, 4));
        int month = num(s, p);
        if (month < 1 || month > 12 || !lit(s, p, '-')) {
            return false;
        }
        int day = num(s, p);
        if (day < 1 || day > daysIn(month, year)) {
            return false;
        }
        if (p[0] == s.length()) {
            return true; // date only
        }
        char sep = s.charAt(p[0]);
        if (sep != 'T' && sep != 't' && sep != ' ') {
            return false;
        }
        p[0]++;
        int hour = num(s, p);
        if (hour < 0 || hour >= 24 || !lit(s, p, ':')) {
            return false;
        }
        int min = num(s, p);
        if (min < 0 || min >= 60 || !lit(s, p, ':')) {
            return false;
        }
        int sec = num(s, p);
        if (sec < 0 || sec >= 60) {
            return false;
        }
        if (p[0] + 1 < s.length() && (s.charAt(p[0]) == '.' || s.charAt(p[0]) == ',') && isDigit(s, p[0] + 1)) {
            p[0]++;
            while (isDigit(s, p[0])) {
                p[0]++;
            }
        }
        if (sep == ' ') {
            return p[0] == s.length();
        }
        if (p[0] < s.length() && s.charAt(p[0]) == 'Z') {
            return p[0] + 1 == s.length();
        }
        // ±hh:mm
        int z = p[0];
        if (s.length() - z != 6 || (s.charAt(z) != '+' && s.charAt(z) != '-') || s.charAt(z + 3) != ':'
                || !isDigit(s, z + 1) || !isDigit(s, z + 2) || !isDigit(s, z + 4) || !isDigit(s, z + 5)) {
            return false;
        }
        int zh = Integer.parseInt(s.substring(z + 1, z + 3));
        int zm = Integer.parseInt(s.substring(z + 4, z + 6));
        return zh <= 24 && zm <= 60;
    }

    /** One or two digits, as Go's getnum(value, false); -1 when there is no digit. */
    private static int num(String s, int[] p) {
        if (!isDigit(s, p[0])) {
            return -1;
        }
        int v = s.charAt(p[0]++) - '0';
        if (isDigit(s, p[0])) {
            v = v * 10 + (s.charAt(p[0]++) - '0');
        }
        return v;
    }

    private static boolean lit(String s, int[] p, char c) {
        if (p[0] < s.length() && s.charAt(p[0]) == c) {
            p[0]++;
            return true;
        }
        return false;
    }

    private static int daysIn(int month, int year) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
