package aicr.bundle.values;

import static aicr.gocompat.GoStrings.quote;

import aicr.bundle.checks.Notes;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import aicr.recipe.ComponentRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GPU allocation-policy keys (device plugin vs. DRA) are resolved from the recipe and verified
 * by validators, so they cannot be deferred to install time ({@code --dynamic} is an error) and
 * a bundle-time {@code --set} of them earns a deprecation note. Checked for the policy
 * components whether or not the recipe contains them, as the reference does.
 */
final class AllocationPolicy {
    private AllocationPolicy() {
    }

    private static final Map<String, List<String>> KEYS = new TreeMap<>(Map.of(
            "nvidia-dra-driver-gpu", List.of("resources.gpus.enabled", "gpuResourcesEnabledOverride", "enabled"),
            "gpu-operator", List.of("devicePlugin.enabled", "enabled"),
            "gpu-operator-ocp", List.of("devicePlugin.enabled", "enabled")));

    static void check(DynamicPaths dynamic, Overrides overrides, ComponentRegistry registry, Notes notes) {
        for (Map.Entry<String, List<String>> e : KEYS.entrySet()) {
            String component = e.getKey();
            for (String path : dynamic.of(component)) {
                String key = matching(path, e.getValue());
                if (key != null) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "--dynamic declaration " + component + ":" + path
                            + " targets the GPU allocation-policy key " + quote(key) + ": the allocation policy is resolved "
                            + "and verified from the recipe at validation time, so this value cannot be deferred to install "
                            + "time — set it in a recipe overlay instead (issue #1327)");
                }
            }
            List<String> staticPaths = new ArrayList<>();
            for (String path : overrides.scalarFor(component, registry).keySet()) {
                if (matching(path, e.getValue()) != null) {
                    staticPaths.add(path);
                }
            }
            for (String path : overrides.typedFor(component, registry).keySet()) {
                if (matching(path, e.getValue()) != null) {
                    staticPaths.add(path);
                }
            }
            if (!staticPaths.isEmpty()) {
                staticPaths.sort(null);
                String warning = "deprecated: bundle-time override of GPU allocation-policy key(s) "
                        + String.join(", ", staticPaths) + " on component " + quote(component) + " — the allocation "
                        + "policy validators verify is resolved from the recipe, so a bundle-time change will be reported "
                        + "as recipe/cluster drift; move the allocation mode to a recipe overlay (issue #1327)";
                Log.warn(warning);
                notes.plain(warning);
            }
        }
    }

    /** The policy key a path touches: equal, a parent of it, or inside it. */
    static String matching(String path, List<String> keys) {
        for (String key : keys) {
            if (path.equals(key) || key.startsWith(path + ".") || path.startsWith(key + ".")) {
                return key;
            }
        }
        return null;
    }
}
