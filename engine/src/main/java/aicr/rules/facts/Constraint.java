package aicr.rules.facts;

/**
 * A readiness constraint after the steps Java performs before any rule runs (spec §4.5):
 * the name parsed as a path, the reading looked up, the expression split into operator
 * token and operand. The first step that failed is named in {@code failedStep}
 * ({@code path}, {@code lookup}, {@code expression}) with its rendered error; rules then
 * only decide what the operator means.
 *
 * @param seq        position in the recipe (constraints are reported in this order)
 * @param name       the constraint name exactly as written in the recipe
 * @param expression the constraint value exactly as written
 * @param operator   the operator token ({@code ""} for an exact match), null if not parsed
 * @param operand    the text after the operator, trimmed; null if not parsed
 * @param key        address of the reading the name resolves to, null if unresolved
 * @param failedStep null when every step succeeded
 * @param error      rendered error of the failed step, null when none failed
 */
public record Constraint(int seq, String name, String expression, String operator, String operand,
                         String key, String failedStep, String error) {

    public static final String STEP_PATH = "path";
    public static final String STEP_LOOKUP = "lookup";
    public static final String STEP_EXPRESSION = "expression";
}
