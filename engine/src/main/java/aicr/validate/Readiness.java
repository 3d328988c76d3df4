package aicr.validate;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.rules.facts.Outcome;
import java.util.List;

/**
 * The readiness pre-flight's verdict on the constraint results (spec §5.4): the first
 * result, in recipe order, that did not pass decides, with the reference's wording. The
 * reference stops evaluating there; aicr-j evaluates every constraint (the report lists them
 * all) but fails in exactly the same way.
 */
public final class Readiness {
    private Readiness() {
    }

    /** The pre-flight failure for the first non-passing result, or null when all passed. */
    public static AicrException failure(List<ConstraintResult> results) {
        for (ConstraintResult r : results) {
            if (r.outcome() != Outcome.PASS) {
                return failure(r);
            }
        }
        return null;
    }

    public static AicrException failure(ConstraintResult r) {
        return switch (r.outcome()) {
            case PASS -> null;
            case FAIL -> new AicrException(ErrorCode.INVALID_REQUEST, "readiness check failed: " + r.name()
                    + (r.actual() == null && r.message() != null ? ": " + r.message()
                    : " expected " + r.expected() + ", got " + r.actual()));
            case ERROR -> new AicrException(ErrorCode.INVALID_REQUEST, "readiness check could not evaluate: "
                    + r.name() + ": " + r.message());
        };
    }
}
