package aicr.gocompat;


/**
 * Recognizes the plain scalars yaml.v3 resolves to timestamps (resolve.go parseTimestamp): text
 * starting with four digits and '-', accepted by Go's time.Parse with one of the layouts
 * {@code 2006-1-2T15:4:5.999999999Z07:00}, the same with a lower-case {@code t},
 * {@code 2006-1-2 15:4:5.999999999} (no zone) or {@code 2006-1-2}. Month, day, hour, minute and
 * second take one or two digits; the fraction is optional and may follow '.' or ',';
 * the day must exist in its month. Such strings must be quoted on output.
 */
public final class GoTimestamp {

    private GoTimestamp() {
    }

    public static boolean parses(String s) {
        return parse(s) != null;
    }

    /** The timestamp {@code s} stands for, or null when yaml.v3 would not read it as one. */
    public static Timestamp parse(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i != 4 || i == s.length() || s.charAt(i) != '-') {
            return null;
        }
        for (Cursor c : new Cursor[]{new Cursor(s), new Cursor(s), new Cursor(s), new Cursor(s)}) {
            boolean ok = switch (i++) {
                case 4 -> c.layout('T', true);
                case 5 -> c.layout('t', true);
                case 6 -> c.layout(' ', false);
                default -> c.dateOnly();
            };
            if (ok) {
                return c.value();
            }
        }
        return null;
    }

    /** One attempt of time.Parse over the input. */
    private static final class Cursor {
        private final String v;
        private int p;
        private int year;
        private int month;
        private int day;
        private int hour;
        private int min;
        private int sec;
        private int nanos;
        private int offset;
        private boolean utc = true;

        Cursor(String v) {
            this.v = v;
        }

        boolean dateOnly() {
            return date() && p == v.length() && dayValid();
        }

        boolean layout(char sep, boolean zone) {
            if (!date()) {
                return false;
            }
            if (sep == ' ') {
                // A layout space matches any run of spaces (Go's skip()).
                if (p < v.length() && v.charAt(p) != ' ') {
                    return false;
                }
                while (p < v.length() && v.charAt(p) == ' ') {
                    p++;
                }
            } else if (!lit(sep)) {
                return false;
            }
            hour = num();
            if (hour < 0 || hour >= 24 || !lit(':')) {
                return false;
            }
            min = num();
            if (min < 0 || min >= 60 || !lit(':')) {
                return false;
            }
            sec = num();
            if (sec < 0 || sec >= 60) {
                return false;
            }
            if (p + 1 < v.length() && (v.charAt(p) == '.' || v.charAt(p) == ',') && digit(p + 1)) {
                p++;
                int start = p;
                while (digit(p)) {
                    p++;
                }
                // Go keeps nanosecond precision: further digits are dropped
                String frac = (v.substring(start, Math.min(p, start + 9)) + "000000000").substring(0, 9);
                nanos = Integer.parseInt(frac);
            }
            if (zone && !zone()) {
                return false;
            }
            return p == v.length() && dayValid();
        }

        private boolean date() {
            year = Integer.parseInt(v.substring(0, 4));
            p = 4;
            if (!lit('-')) {
                return false;
            }
            month = num();
            if (month < 1 || month > 12 || !lit('-')) {
                return false;
            }
            day = num();
            return day >= 0 && day <= 31;
        }

        /** Go's ISO 8601 zone: {@code Z} or {@code ±hh:mm} (hour ≤ 24, minute ≤ 60 accepted). */
        private boolean zone() {
            if (p < v.length() && v.charAt(p) == 'Z') {
                p++;
                return true;
            }
            if (v.length() - p < 6 || v.charAt(p + 3) != ':') {
                return false;
            }
            char sign = v.charAt(p);
            if (!(digit(p + 1) && digit(p + 2) && digit(p + 4) && digit(p + 5))) {
                return false;
            }
            int hh = (v.charAt(p + 1) - '0') * 10 + (v.charAt(p + 2) - '0');
            int mm = (v.charAt(p + 4) - '0') * 10 + (v.charAt(p + 5) - '0');
            if (hh > 24 || mm > 60 || (sign != '+' && sign != '-')) {
                return false;
            }
            offset = (sign == '-' ? -1 : 1) * (hh * 3600 + mm * 60);
            utc = offset == 0;
            p += 6;
            return true;
        }

        Timestamp value() {
            long days = java.time.LocalDate.of(year, month, day).toEpochDay();
            long epoch = days * 86400L + hour * 3600L + min * 60L + sec - offset;
            return new Timestamp(epoch, nanos, offset, utc);
        }

        private boolean dayValid() {
            if (day < 1) {
                return false;
            }
            int max = switch (month) {
                case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
                case 4, 6, 9, 11 -> 30;
                default -> 31;
            };
            return day <= max;
        }

        /** Go getnum(value, false): one or two digits; -1 when no digit. */
        private int num() {
            if (!digit(p)) {
                return -1;
            }
            int n = v.charAt(p++) - '0';
            if (digit(p)) {
                n = n * 10 + (v.charAt(p++) - '0');
            }
            return n;
        }

        private boolean lit(char c) {
            if (p < v.length() && v.charAt(p) == c) {
                p++;
                return true;
            }
            return false;
        }

        private boolean digit(int i) {
            return i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9';
        }
    }
}
