package aicr.rules.facts;

/** What a rule decided about a constraint. */
public enum Outcome {
    /** The reading satisfies the constraint. */
    PASS,
    /** The reading does not satisfy it. */
    FAIL,
    /** It could not be evaluated (bad path, missing reading, bad expression, unparsable version). */
    ERROR
}
