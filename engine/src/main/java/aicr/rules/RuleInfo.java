package aicr.rules;

/**
 * What a report or a listing says about one rule.
 *
 * @param file path of the rule file ({@code rules/constraints/version-order.yaml})
 */
public record RuleInfo(String id, String fileId, RuleKind kind, String severity, String summary, String file) {
}
