package aicr.rules.facts;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.gocompat.GoStrings;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a constraint expression into operator token and operand (spec §4.3). Which tokens
 * exist is decided by the rule files (each declares the tokens it gives meaning to); the
 * longest declared token that prefixes the trimmed expression wins, which with the shipped
 * tokens is exactly the reference's fixed order {@code >= <= != == > <}. Text that starts
 * with no declared token is an exact-match operand, as in the reference ({@code ~1.33}).
 */
public final class Expressions {
    private Expressions() {
    }

    /** An expression split into token ({@code ""} for exact match) and trimmed operand. */
    public record Split(String operator, String operand) {
    }

    /** Tokens ordered longest first (ties by text, for determinism). */
    public static List<String> order(Collection<String> tokens) {
        return tokens.stream().filter(t -> !t.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    /** @param tokensLongestFirst as returned by {@link #order} */
    public static Split split(String expression, List<String> tokensLongestFirst) {
        String expr = GoStrings.trimSpace(expression);
        if (expr.isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "constraint expression cannot be empty");
        }
        String op = "";
        String operand = expr;
        for (String t : tokensLongestFirst) {
            if (expr.startsWith(t)) {
                op = t;
                operand = GoStrings.trimSpace(expr.substring(t.length()));
                break;
            }
        }
        if (operand.isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "constraint value cannot be empty after operator");
        }
        return new Split(op, operand);
    }
}
