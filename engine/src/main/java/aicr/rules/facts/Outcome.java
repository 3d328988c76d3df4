package aicr.rules.facts;

/**
 * What a rule decided about a constraint (see {@link Verdict}). In the CTRF report PASS is a
 * {@code passed} test, FAIL {@code failed} and ERROR {@code other}; FAIL and ERROR both fail the
 * readiness pre-flight (exit 2), as a failed or unevaluable constraint does in the reference.
 */
public enum Outcome {
    /** The reading satisfies the constraint. */
    PASS,
    /** The reading does not satisfy it. */
    FAIL,
    /** It could not be evaluated (bad path, missing reading, bad expression, unparsable version). */
    ERROR
}
