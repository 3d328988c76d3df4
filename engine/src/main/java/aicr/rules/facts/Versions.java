package aicr.rules.facts;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.gocompat.GoStrings;

/**
 * Version parsing and comparison shared by every rule that compares versions (spec §4.4).
 * Pure functions; the error texts are the reference's, because they reach the user.
 */
public final class Versions {
    private Versions() {
    }

    /** Parses {@code s} or throws an INVALID_REQUEST error worded like the reference. */
    public static Version parse(String s) {
        Object r = attempt(s);
        if (r instanceof Failure f) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, f.message(), new PlainError(f.cause()));
        }
        return (Version) r;
    }

    /** The parsed version, or null when {@code s} is not one (or is null). */
    public static Version tryParse(String s) {
        return s != null && attempt(s) instanceof Version v ? v : null;
    }

    public static boolean parses(String s) {
        return tryParse(s) != null;
    }

    /** The rendered parse error of {@code s}, or null when it parses. */
    public static String problem(String s) {
        if (s == null) {
            return "[INVALID_REQUEST] no version";
        }
        return attempt(s) instanceof Failure f ? "[INVALID_REQUEST] " + f.message() + ": " + f.cause() : null;
    }

    /** A parse failure: the reference's message and the text of its sentinel cause. */
    private record Failure(String message, String cause) {
    }

    /**
     * The parse itself, returning a {@link Version} or a {@link Failure}. No exceptions here:
     * rule conditions test every reading of a snapshot, most of which are not versions, and
     * an exception per reading would dominate the session time.
     */
    private static Object attempt(String s) {
        if (s.isEmpty()) {
            return new Failure("empty version string", "version string is empty");
        }
        // Only one lowercase 'v' is dropped; 'V1.2' stays non-numeric on purpose.
        if (s.startsWith("v")) {
            s = s.substring(1);
        }
        String main = s;
        String extras = "";
        // Extras start at the first '-' or '+' that directly follows a digit, so that
        // "-1" stays a (negative) number while "1.33.5-eks-x" loses its suffix.
        for (int i = 1; i < s.length(); i++) {
            char ch = s.charAt(i);
            char prev = s.charAt(i - 1);
            if ((ch == '-' || ch == '+') && prev >= '0' && prev <= '9') {
                main = s.substring(0, i);
                extras = s.substring(i);
                break;
            }
        }
        String[] parts = main.split("\\.", -1);
        if (parts.length > 3) {
            return new Failure("too many version components", "version has more than 3 components");
        }
        long[] nums = new long[3];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                return new Failure("empty component", "version component is not numeric");
            }
            Long n = atoi(part);
            if (n == null) {
                return new Failure("non-numeric component: " + GoStrings.quote(part), "version component is not numeric");
            }
            if (n < 0) {
                return new Failure("negative component: " + n, "version component cannot be negative");
            }
            nums[i] = n;
        }
        return new Version(nums[0], nums[1], nums[2], parts.length, extras);
    }

    /** {@code actual} compared with {@code expected} (both must parse; see {@link Version#compareTo}). */
    public static int compare(String actual, String expected) {
        return parse(actual).compareTo(parse(expected));
    }

    /**
     * The reference's "looks like a version" test for == and !=: after one leading 'v'
     * the text contains a digit and a dot.
     */
    public static boolean looksLikeVersion(String s) {
        if (s.startsWith("v")) {
            s = s.substring(1);
        }
        boolean digit = false;
        boolean dot = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            digit |= c >= '0' && c <= '9';
            dot |= c == '.';
        }
        return digit && dot;
    }

    /**
     * Go's strconv.Atoi on a 64-bit platform: optional sign, ASCII decimal digits, must fit
     * in a signed 64-bit integer. Returns null otherwise (Long.parseLong would also accept
     * non-ASCII digits, which Go does not).
     */
    static Long atoi(String s) {
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            i = 1;
        }
        if (i == s.length()) {
            return null;
        }
        for (int j = i; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
