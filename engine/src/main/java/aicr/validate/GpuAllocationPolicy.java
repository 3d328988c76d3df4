package aicr.validate;

import aicr.data.DataSource;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import aicr.recipe.ComponentRef;
import aicr.recipe.RecipeResult;
import aicr.recipe.ValuesHydrator;
import java.util.List;
import java.util.Map;

/**
 * Which mechanism advertises whole GPUs, resolved from the recipe's hydrated component
 * values (spec §5.5). The reference resolves it before the readiness pre-flight and refuses
 * to validate an incoherent recipe, even offline; so does aicr-j, with the same messages.
 */
public final class GpuAllocationPolicy {
    private GpuAllocationPolicy() {
    }

    public static final String DEVICE_PLUGIN = "device-plugin-extended-resource";
    public static final String DRA_RESOURCE_CLAIM = "dra-resource-claim";

    private static final String DRA = "nvidia-dra-driver-gpu";
    private static final String OPERATOR = "gpu-operator";
    private static final String OPERATOR_OCP = "gpu-operator-ocp";
    private static final String GPUS_ENABLED = "resources.gpus.enabled";
    private static final String OVERRIDE = "gpuResourcesEnabledOverride";
    private static final String DEVICE_PLUGIN_ENABLED = "devicePlugin.enabled";

    public static String resolve(RecipeResult r, DataSource data) {
        boolean gpusEnabled = false;
        boolean waiver = false;
        ComponentRef dra = enabled(r, DRA);
        if (dra != null) {
            Map<String, Object> values = ValuesHydrator.hydrate(data, dra);
            Boolean set = lookup(values, dra.name(), GPUS_ENABLED);
            if (set == null) {
                throw invalid("invalid GPU allocation configuration: component \"" + dra.name() + "\" is enabled but \""
                        + GPUS_ENABLED + "\" is not set — the upstream chart's declared default (true) would diverge "
                        + "from the resolved allocation policy at deploy time; pin the value explicitly in the recipe (issue #1327)");
            }
            gpusEnabled = set;
            Boolean w = lookup(values, dra.name(), OVERRIDE);
            waiver = w != null && w;
        }
        boolean devicePlugin = false;
        String operatorName = OPERATOR;
        ComponentRef op = enabled(r, OPERATOR);
        ComponentRef ocp = enabled(r, OPERATOR_OCP);
        if (ocp != null) {
            if (op != null) {
                Log.warn("both gpu-operator and gpu-operator-ocp are enabled in the recipe; resolving devicePlugin.enabled from gpu-operator",
                        "preferred", OPERATOR, "ignored", OPERATOR_OCP);
            } else {
                op = ocp;
                operatorName = OPERATOR_OCP;
            }
        }
        if (op != null) {
            Boolean dp = lookup(ValuesHydrator.hydrate(data, op), op.name(), DEVICE_PLUGIN_ENABLED);
            devicePlugin = dp == null || dp;
        }
        if (gpusEnabled) {
            if (!waiver) {
                throw invalid("invalid GPU allocation configuration: " + DRA + " " + GPUS_ENABLED + "=true requires "
                        + OVERRIDE + "=true — the upstream chart install guard rejects this combination; set both in "
                        + "the recipe overlay (issue #1327)");
            }
            if (devicePlugin) {
                throw invalid("invalid GPU allocation configuration: dual advertisement — " + DRA + " " + GPUS_ENABLED
                        + "=true and " + operatorName + " " + DEVICE_PLUGIN_ENABLED + "=true both advertise whole GPUs, "
                        + "risking GPU over-admission; exactly one advertiser is required. For the production default set "
                        + GPUS_ENABLED + "=false (with " + OVERRIDE + "=false); for the experimental DRA opt-in flip all "
                        + "three values together: " + GPUS_ENABLED + "=true, " + OVERRIDE + "=true, and " + operatorName
                        + " " + DEVICE_PLUGIN_ENABLED + "=false (issue #1327)");
            }
            return DRA_RESOURCE_CLAIM;
        }
        if (!devicePlugin) {
            throw invalid("invalid GPU allocation configuration: no whole-GPU advertiser — " + DRA + " " + GPUS_ENABLED
                    + " is false/absent, and the device plugin is unavailable (" + OPERATOR + "/" + OPERATOR_OCP
                    + " absent or disabled in the recipe, or " + DEVICE_PLUGIN_ENABLED + "=false); enable exactly one "
                    + "mechanism in the recipe overlay (issue #1327)");
        }
        if (dra != null && waiver) {
            throw invalid("invalid GPU allocation configuration: " + DRA + " " + OVERRIDE + "=true with " + GPUS_ENABLED
                    + "=false is an inert waiver that disarms the upstream chart's install-guard tripwire protecting the "
                    + "device-plugin default; set " + OVERRIDE + "=false for the production default, or — for the "
                    + "experimental DRA opt-in — flip all three values together: " + GPUS_ENABLED + "=true, " + OVERRIDE
                    + "=true, and " + operatorName + " " + DEVICE_PLUGIN_ENABLED + "=false (issue #1327)");
        }
        return DEVICE_PLUGIN;
    }

    private static ComponentRef enabled(RecipeResult r, String name) {
        ComponentRef ref = r.component(name);
        return ref == null || !ref.enabled() ? null : ref;
    }

    /** The boolean at a dotted path; null when absent or null. Non-map segments and non-booleans are errors. */
    @SuppressWarnings("unchecked")
    static Boolean lookup(Map<String, Object> values, String component, String path) {
        String[] parts = path.split("\\.");
        Object current = values;
        for (int i = 0; i < parts.length; i++) {
            if (!(current instanceof Map<?, ?> m)) {
                throw invalid("component \"" + component + "\" value \"" + path + "\": segment \""
                        + String.join(".", List.of(parts).subList(0, i)) + "\" is not a map — cannot resolve the GPU "
                        + "allocation policy from a malformed value");
            }
            Object v = ((Map<String, Object>) m).get(parts[i]);
            if (v == null) {
                return null;
            }
            current = v;
        }
        if (!(current instanceof Boolean b)) {
            throw invalid("component \"" + component + "\" value \"" + path + "\" must be a boolean, got "
                    + aicr.gocompat.GoStrings.typeName(current) + " — cannot resolve the GPU allocation policy from a malformed value");
        }
        return b;
    }

    private static AicrException invalid(String msg) {
        return new AicrException(ErrorCode.INVALID_REQUEST, msg);
    }

}
