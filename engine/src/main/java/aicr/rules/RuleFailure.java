package aicr.rules;

/**
 * A rule whose condition threw while the session evaluated it: the cause of the session's
 * error. {@code rule} is null when Drools did not say which rule it was.
 */
public final class RuleFailure extends RuntimeException {
    private final transient RuleInfo rule;

    RuleFailure(RuleInfo rule, String message) {
        super(message, null, false, false);
        this.rule = rule;
    }

    public RuleInfo rule() {
        return rule;
    }
}
