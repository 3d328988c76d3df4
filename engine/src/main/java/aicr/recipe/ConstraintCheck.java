package aicr.recipe;

import java.util.List;

/**
 * Evaluates overlay constraints against a snapshot during snapshot-mode resolution. The
 * recipe layer only asks; the rules layer answers (see aicr.validate.SnapshotConstraintCheck).
 */
@FunctionalInterface
public interface ConstraintCheck {

    /** One result per constraint, in order. */
    List<Result> evaluate(List<Constraint> constraints);

    /**
     * @param actual the reading's string form ("" when there is none)
     * @param error  the rendered error when the constraint could not be evaluated, else null
     */
    record Result(boolean passed, String actual, String error) {
    }
}
