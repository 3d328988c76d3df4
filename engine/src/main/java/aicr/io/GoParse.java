package aicr.io;

import java.math.BigDecimal;

/** Number parsing with Go's strconv rules where they differ from Java's. */
final class GoParse {
    private GoParse() {
    }

    /**
     * Go's ParseFloat(s, 64) for decimal input: optional sign, digits with optional fraction and
     * exponent, {@code _} only between digits. Returns null on syntax error or overflow (Go
     * reports ErrRange there and the reference then keeps the text as a string).
     */
    static Double parseFloat(String s) {
        if (s.isEmpty()) {
            return null;
        }
        String t = s;
        int i = 0;
        if (t.charAt(0) == '+' || t.charAt(0) == '-') {
            i = 1;
        }
        boolean digits = false;
        boolean dot = false;
        boolean exp = false;
        char prev = '^';
        for (int k = i; k < t.length(); k++) {
            char c = t.charAt(k);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c == '_') {
                if (!(prev >= '0' && prev <= '9')) {
                    return null;
                }
            } else if (c == '.' && !dot && !exp) {
                dot = true;
            } else if ((c == 'e' || c == 'E') && digits && !exp) {
                exp = true;
                if (k + 1 < t.length() && (t.charAt(k + 1) == '+' || t.charAt(k + 1) == '-')) {
                    k++;
                    c = t.charAt(k);
                }
                if (k + 1 >= t.length()) {
                    return null;
                }
            } else {
                return null;
            }
            prev = c;
        }
        if (!digits || prev == '_') {
            return null;
        }
        String clean = t.replace("_", "");
        try {
            double d = Double.parseDouble(clean);
            if (Double.isInfinite(d)) {
                return null;
            }
            if (d == 0.0 && new BigDecimal(clean).signum() != 0) {
                return clean.startsWith("-") ? -0.0 : 0.0; // underflow rounds to zero in Go too
            }
            return d;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
