package aicr.rules.facts;

/**
 * A rule's decision on one constraint; rules insert these. The deciding rule is recorded by
 * the session (from the insertion event), so rule bodies need not name themselves.
 *
 * @param actual  the reading's untrimmed string form, null when there was no reading
 * @param message for ERROR the full error chain; null otherwise
 */
public record Verdict(Constraint constraint, Outcome outcome, String actual, String message) {

    /** PASS or FAIL for {@code satisfied}, against reading {@code r}. */
    public static Verdict of(Constraint c, Reading r, boolean satisfied) {
        return new Verdict(c, satisfied ? Outcome.PASS : Outcome.FAIL, r.value(), null);
    }

    /** ERROR with a message; {@code r} may be null when the reading was never found. */
    public static Verdict error(Constraint c, Reading r, String message) {
        return new Verdict(c, Outcome.ERROR, r == null ? null : r.value(), message);
    }

    /**
     * ERROR from a failed comparison: {@code [INTERNAL] evaluation failed: [INVALID_REQUEST] <what>: <cause>}
     * (the reference's wrapping of a version that does not parse).
     */
    public static Verdict evaluationError(Constraint c, Reading r, String what, String cause) {
        return error(c, r, "[INTERNAL] evaluation failed: [INVALID_REQUEST] " + what + ": " + cause);
    }
}
