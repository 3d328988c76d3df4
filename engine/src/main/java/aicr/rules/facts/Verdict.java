package aicr.rules.facts;

/**
 * A rule's decision on one constraint; rules insert these, one per constraint. The deciding
 * rule is recorded by the session (from the insertion event), so rule bodies need not name
 * themselves. The {@link Outcome} becomes the report's test status: PASS {@code passed}, FAIL
 * {@code failed}, ERROR {@code other}; anything but PASS fails the readiness pre-flight (exit 2).
 *
 * <ul>
 *   <li>{@link #of} — PASS or FAIL against a reading: the report says {@code expected <constraint>, got <reading>};</li>
 *   <li>{@link #pass(Constraint)} and {@link #fail(Constraint, String)} — a decision that rests on no
 *       single reading (several readings, recipe facts, the absence of a reading): FAIL gives your
 *       message instead of {@code got <reading>};</li>
 *   <li>{@link #error} and {@link #evaluationError} — the constraint cannot be evaluated.</li>
 * </ul>
 *
 * @param actual  the reading's untrimmed string form, null when there was no reading
 * @param message for ERROR the full error chain, for a FAIL without a reading its reason; null otherwise
 */
public record Verdict(Constraint constraint, Outcome outcome, String actual, String message) {

    /** PASS or FAIL for {@code satisfied}, against reading {@code r}. */
    public static Verdict of(Constraint c, Reading r, boolean satisfied) {
        return new Verdict(c, satisfied ? Outcome.PASS : Outcome.FAIL, r.value(), null);
    }

    /** PASS without a reading (the decision rests on other facts). */
    public static Verdict pass(Constraint c) {
        return new Verdict(c, Outcome.PASS, null, null);
    }

    /** FAIL without a reading: {@code message} says why (it is the report's message and the pre-flight's reason). */
    public static Verdict fail(Constraint c, String message) {
        return new Verdict(c, Outcome.FAIL, null, message);
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
