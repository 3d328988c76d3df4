package aicr.bundle.checks;

import java.util.List;
import java.util.Map;

/**
 * Fact: one registry-declared check of an enabled component ({@code validations} entry of
 * registry.yaml). Which checks apply to which component is the registry's decision; what a
 * function means is decided by the rule files of {@code rules/bundle-checks/}.
 *
 * @param seq        position in evaluation order (components in recipe order, then declaration order)
 * @param severity   as declared ("" behaves as warning)
 * @param conditions criteria field → accepted values; all must hold for the check to apply
 */
public record BundleCheck(int seq, String component, String function, String severity, String message,
                          Map<String, List<String>> conditions) {
}
