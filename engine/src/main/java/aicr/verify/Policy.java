package aicr.verify;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.gocompat.GoStrings;
import aicr.rules.facts.Expressions;
import aicr.rules.facts.Versions;
import java.util.List;

/**
 * What a caller requires of a verified bundle: a trust level ({@code max}: the highest this
 * bundle can reach), a creator, a tool version. The first unmet requirement is the failure.
 */
public record Policy(String minTrustLevel, String requireCreator, String versionConstraint) {
    public static final String MAX = "max";
    private static final List<String> OPERATORS = List.of(">=", "<=", "!=", "==", ">", "<");

    /** The failure message, or null when the result meets the policy; INVALID_REQUEST for bad policy input. */
    public String check(VerifyResult r) {
        String min = minTrustLevel == null || minTrustLevel.isEmpty() ? MAX : minTrustLevel;
        if (min.equals(MAX)) {
            if (!r.trustLevel().meets(r.maxAchievable())) {
                return "trust level " + GoStrings.quote(r.trustLevel().id()) + " does not meet maximum achievable "
                        + GoStrings.quote(r.maxAchievable().id()) + " for this bundle";
            }
        } else {
            TrustLevel level = TrustLevel.parse(min);
            if (!r.trustLevel().meets(level)) {
                return "trust level " + GoStrings.quote(r.trustLevel().id()) + " does not meet minimum "
                        + GoStrings.quote(level.id());
            }
        }
        if (requireCreator != null && !requireCreator.isEmpty() && !requireCreator.equals(r.bundleCreator())) {
            return "bundle creator " + GoStrings.quote(r.bundleCreator()) + " does not match required "
                    + GoStrings.quote(requireCreator);
        }
        if (versionConstraint != null && !versionConstraint.isEmpty()) {
            if (r.toolVersion().isEmpty()) {
                return "tool version not available in attestation (bundle may be unattested)";
            }
            String expr = versionConstraint.strip();
            if (OPERATORS.stream().noneMatch(expr::startsWith)) {
                expr = ">= " + expr;
            }
            Expressions.Split split = splitConstraint(expr);
            if (!satisfies(r.toolVersion(), split)) {
                String shown = split.operator().isEmpty() ? split.operand() : split.operator() + " " + split.operand();
                return "tool version " + GoStrings.quote(r.toolVersion()) + " does not satisfy constraint "
                        + GoStrings.quote(shown);
            }
        }
        return null;
    }

    private static Expressions.Split splitConstraint(String expr) {
        try {
            return Expressions.split(expr, OPERATORS);
        } catch (AicrException e) {
            throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "invalid tool version constraint", e);
        }
    }

    private static boolean satisfies(String version, Expressions.Split c) {
        try {
            return switch (c.operator()) {
                case ">=" -> Versions.compare(version, c.operand()) >= 0;
                case "<=" -> Versions.compare(version, c.operand()) <= 0;
                case ">" -> Versions.compare(version, c.operand()) > 0;
                case "<" -> Versions.compare(version, c.operand()) < 0;
                case "==", "!=" -> {
                    boolean eq = Versions.looksLikeVersion(c.operand())
                            ? Versions.parse(version).sameAs(Versions.parse(c.operand())) : version.equals(c.operand());
                    yield c.operator().equals("==") == eq;
                }
                default -> version.equals(c.operand());
            };
        } catch (AicrException e) {
            throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "tool version evaluation failed", e);
        }
    }
}
