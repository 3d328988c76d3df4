package aicr.validate;

import aicr.rules.RuleInfo;
import aicr.rules.facts.Outcome;

/**
 * The decision on one recipe constraint and the rule that made it.
 *
 * @param actual  the reading's untrimmed string form; null when no reading was found
 * @param message the error chain for ERROR, null otherwise
 */
public record ConstraintResult(int seq, String name, String expected, Outcome outcome, String actual, String message,
                               RuleInfo rule) {
}
