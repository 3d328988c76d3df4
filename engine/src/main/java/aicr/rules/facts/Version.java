package aicr.rules.facts;

/**
 * A parsed version as the reference understands it (spec §4.4): up to three numeric
 * components, a precision (how many were written) and ignored extras ({@code -eks-3025e55}).
 */
public record Version(long major, long minor, long patch, int precision, String extras) {

    /**
     * Orders two versions over the smaller of the two precisions only, so that
     * {@code 1.33} and {@code 1.33.5} compare equal (the reference's truncation).
     */
    public int compareTo(Version other) {
        int p = Math.min(precision, other.precision);
        int c = Long.compare(major, other.major);
        if (c != 0 || p == 1) {
            return c;
        }
        c = Long.compare(minor, other.minor);
        if (c != 0 || p == 2) {
            return c;
        }
        return Long.compare(patch, other.patch);
    }

    /** Equality ignores precision and extras: {@code 24.4} equals {@code 24.04}, {@code 1.33} differs from {@code 1.33.5}. */
    public boolean sameAs(Version other) {
        return major == other.major && minor == other.minor && patch == other.patch;
    }
}
