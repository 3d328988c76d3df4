package aicr.rules;

import aicr.io.Node;
import java.util.List;

/**
 * One rule file, checked against the schema (see docs/rules.md).
 *
 * @param path       how the file is named in messages and reports: {@code rules/constraints/x.yaml} for a
 *                   shipped file, the path relative to its {@code --rules} directory for a user file
 * @param id         the family id; a --rules file with the id of a shipped file replaces it
 * @param operators  the operator tokens this file gives meaning to (constraint kind)
 * @param implemented the registry check functions this file implements (bundle-check kind)
 * @param imports    extra DRL imports beyond the fact types and helpers
 * @param source     the file's text, for {@code aicr rules explain}
 */
public record RuleFile(String path, String id, RuleKind kind, String severity, String summary, String reference,
                       List<String> operators, List<String> implemented, List<String> imports, List<RuleDef> rules,
                       List<RuleCase> cases, String source) {

    public RuleFile {
        operators = List.copyOf(operators);
        implemented = List.copyOf(implemented);
        imports = List.copyOf(imports);
        rules = List.copyOf(rules);
        cases = List.copyOf(cases);
    }

    /**
     * One rule of a file.
     *
     * @param when     DRL-on-YAML patterns (a sequence node), or a scalar of plain DRL conditions
     * @param then     the consequence (Java statements)
     * @param salience null for the default
     * @param field    where the rule sits in its file ({@code rules[2]}), for messages
     * @param line     line of the rule in its file
     * @param whenLine line of the first line of the {@code when} text (scalar form), else of the list
     * @param thenLine line of the first line of the {@code then} text
     */
    public record RuleDef(String id, String severity, String summary, Integer salience, Node when, String then,
                          String field, int line, int whenLine, int thenLine) {
    }

    /**
     * An example case: facts given (kind-specific) and the expected outcome.
     *
     * @param expect   {@code pass}, {@code fail} or {@code error} (constraint kind), or what the kind defines
     * @param message  optional exact expected message
     * @param rule     optional id of the rule expected to decide
     * @param line     line of the case in its file
     */
    public record RuleCase(String name, Node.MapNode given, String expect, String message, String rule,
                           String field, int line) {
    }
}
