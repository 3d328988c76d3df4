package aicr.rules;

/** A fact a rule inserted, with the rule that inserted it. */
public record Finding(RuleInfo rule, Object fact) {
}
