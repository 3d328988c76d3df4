package aicr.rules;

/**
 * Runs the example cases of one rule kind: turns a case's {@code given} into facts, runs a
 * session of the rule base and compares the outcome with {@code expect}. Each kind's facts
 * live with the code that builds them (constraints: aicr.validate), hence the interface.
 */
public interface CaseAdapter {
    /** Returns null when the case holds, else what differed (one line). */
    String run(RuleBase base, RuleFile file, RuleFile.RuleCase c);
}
