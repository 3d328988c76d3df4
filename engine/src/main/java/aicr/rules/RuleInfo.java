package aicr.rules;

/**
 * What a report or a listing says about one rule.
 *
 * @param file    the rule file: {@code rules/constraints/version-order.yaml} for a shipped file, the
 *                path relative to its {@code --rules} directory for a user file
 * @param line    the rule's line in its file
 * @param shipped whether the file is one of aicr's own (else it came from {@code --rules})
 */
public record RuleInfo(String id, String fileId, RuleKind kind, String severity, String summary, String file, int line,
                       boolean shipped) {
}
