package aicr.bundle;

import aicr.bundle.values.Overrides;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import aicr.recipe.ComponentConfig;
import aicr.recipe.ComponentRef;
import aicr.recipe.ComponentRegistry;
import aicr.recipe.RecipeResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Registry-declared bundle-time checks ({@code validations} of a component): each names a
 * check function, a severity and criteria conditions. Severity {@code error} fails the bundle
 * with the first finding, {@code info} only logs, anything else becomes a warning note.
 */
final class ComponentChecks {
    private ComponentChecks() {
    }

    static void run(RecipeResult recipe, ComponentRegistry registry, BundleSettings s, Overrides overrides, Notes notes) {
        for (ComponentRef ref : recipe.componentRefs) {
            ComponentConfig c = registry.get(ref.name);
            if (c == null || c.validations().isEmpty()) {
                continue;
            }
            for (ComponentConfig.ValidationSpec v : c.validations()) {
                List<String> findings = CheckFunctions.evaluate(v.function(), ref.name, recipe, s, overrides, v.conditions());
                String severity = v.severity().toLowerCase(Locale.ROOT);
                for (String f : findings) {
                    String msg = v.message().isEmpty() ? f : f + ". " + v.message();
                    switch (severity) {
                        case "error" -> throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "component validation failed",
                                new AicrException(ErrorCode.INVALID_REQUEST, msg));
                        case "info" -> Log.info(msg, "component", ref.name);
                        default -> notes.warn(msg);
                    }
                }
            }
        }
    }

    /** Temporary home of the check functions until they move to rule files. */
    static final class CheckFunctions {
        private CheckFunctions() {
        }

        static List<String> evaluate(String function, String component, RecipeResult recipe, BundleSettings s,
                                     Overrides overrides, Map<String, List<String>> conditions) {
            return switch (function) {
                case "CheckWorkloadSelectorMissing" -> conditionsHold(recipe, conditions)
                        && s.scheduling().workloadSelector().isEmpty()
                        ? List.of(component + " is enabled but --workload-selector is not set") : List.of();
                case "CheckAcceleratedSelectorMissing" -> conditionsHold(recipe, conditions)
                        && s.scheduling().acceleratedNodeSelector().isEmpty()
                        ? List.of(component + " is enabled but --accelerated-node-selector is not set") : List.of();
                case "CheckHostMofedWithoutNetworkOperator" -> {
                    if (!conditionsHold(recipe, conditions)) {
                        yield List.of();
                    }
                    Map<String, String> net = overrides.scalarUnder("networkoperator");
                    if (!"false".equals(net.get("enabled"))) {
                        yield List.of();
                    }
                    if ("false".equals(overrides.scalarUnder("gpuoperator").get("driver.rdma.useHostMofed"))) {
                        yield List.of();
                    }
                    yield List.of(component + ": network-operator is disabled but driver.rdma.useHostMofed is not set to "
                            + "false — add --set gpuoperator:driver.rdma.useHostMofed=false to avoid MOFED-related errors");
                }
                default -> throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "component validation failed",
                        new AicrException(ErrorCode.INVALID_REQUEST, "unknown validation function"));
            };
        }

        /** A generic recipe value matches every condition; a specific one needs the same specific value. */
        static boolean matches(String actual, String expected) {
            if (actual.isEmpty() || actual.equals("any")) {
                return true;
            }
            return !expected.isEmpty() && !expected.equals("any") && actual.equals(expected);
        }

        static boolean conditionsHold(RecipeResult recipe, Map<String, List<String>> conditions) {
            if (conditions.isEmpty()) {
                return true;
            }
            if (recipe.criteria == null) {
                return false;
            }
            for (Map.Entry<String, List<String>> e : conditions.entrySet()) {
                String actual = switch (e.getKey()) {
                    case "intent" -> recipe.criteria.intent();
                    case "service" -> recipe.criteria.service();
                    case "accelerator" -> recipe.criteria.accelerator();
                    case "os" -> recipe.criteria.os();
                    case "platform" -> recipe.criteria.platform();
                    default -> null;
                };
                if (actual == null) {
                    continue;
                }
                boolean found = false;
                for (String expected : e.getValue() == null ? List.<String>of() : e.getValue()) {
                    if (matches(actual, expected)) {
                        found = true;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }
    }
}
