package aicr.bundle.values;

import static aicr.gocompat.GoStrings.quote;

import aicr.bundle.checks.Notes;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import aicr.recipe.ComponentConfig;
import aicr.recipe.ComponentRef;
import aicr.recipe.ComponentRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Value rules that look at the final values of the whole bundle, applied after every user
 * override so that {@code --set} cannot defeat them.
 */
final class BundleRules {
    private BundleRules() {
    }

    static final String DRA = "nvidia-dra-driver-gpu";
    static final String GPU_OPERATOR = "gpu-operator";
    static final String DRA_ANNOTATION = "aicr.run/gpu-operator-chart-version";
    static final String AGENTGATEWAY = "agentgateway";
    static final String SOURCE_RANGES = "allowedSourceRanges";
    static final List<String> PRIVATE_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");

    static void apply(List<ComponentRef> refs, Map<String, Map<String, Object>> values, ComponentRegistry registry,
                      Notes notes) {
        draChartVersion(refs, values);
        pvcStorageClass(refs, values, registry, notes);
        agentgatewayExposure(values, notes);
    }

    /**
     * The DRA kubelet plugin must restart when gpu-operator's chart changes (it holds an NVML
     * handle the driver upgrade invalidates); an annotation carrying gpu-operator's version makes
     * every chart bump change the DRA pod templates.
     */
    @SuppressWarnings("unchecked")
    static void draChartVersion(List<ComponentRef> refs, Map<String, Map<String, Object>> values) {
        ComponentRef gpuOp = find(refs, GPU_OPERATOR);
        if (find(refs, DRA) == null || gpuOp == null) {
            return;
        }
        if (gpuOp.version().isEmpty()) {
            Log.warn("gpu-operator enabled with empty Version, skipping DRA chart-version annotation injection",
                    "component", GPU_OPERATOR, "draComponent", DRA);
            return;
        }
        Map<String, Object> dra = values.computeIfAbsent(DRA, k -> new LinkedHashMap<>());
        for (String section : List.of("controller", "kubeletPlugin")) {
            if (!(dra.get(section) instanceof Map<?, ?>)) {
                dra.put(section, new LinkedHashMap<String, Object>());
            }
            Map<String, Object> s = (Map<String, Object>) dra.get(section);
            if (!(s.get("podAnnotations") instanceof Map<?, ?>)) {
                s.put("podAnnotations", new LinkedHashMap<String, Object>());
            }
            ((Map<String, Object>) s.get("podAnnotations")).put(DRA_ANNOTATION, gpuOp.version());
        }
    }

    /** A PVC template without a storage class silently depends on the cluster's default StorageClass. */
    static void pvcStorageClass(List<ComponentRef> refs, Map<String, Map<String, Object>> values,
                                ComponentRegistry registry, Notes notes) {
        for (ComponentRef ref : refs) {
            ComponentConfig c = registry.get(ref.name());
            Map<String, Object> v = values.get(ref.name());
            if (c == null || v == null) {
                continue;
            }
            for (String path : c.storageClassPaths()) {
                int dot = path.lastIndexOf('.');
                if (dot <= 0 || !(ValuePaths.get(v, path.substring(0, dot)).value() instanceof Map<?, ?>)) {
                    continue;
                }
                ValuePaths.Lookup sc = ValuePaths.get(v, path);
                boolean set = sc.found() && sc.value() != null
                        && !(sc.value() instanceof String s && s.isBlank());
                if (set) {
                    continue;
                }
                notes.warn(ref.name() + " renders a PVC without storageClassName at " + path + "; set --storage-class "
                        + "<name> or --set " + ref.name() + ":" + path + "=<name> to avoid relying on the cluster default "
                        + "StorageClass");
                Log.warn("component PVC storageClassName is unset", "component", ref.name(), "path", path);
            }
        }
    }

    /**
     * Kubernetes reads an empty loadBalancerSourceRanges as "allow all", so the inference gateway
     * gets private ranges unless the user chose some; an explicit any-source range is allowed but
     * announced.
     */
    static void agentgatewayExposure(Map<String, Map<String, Object>> values, Notes notes) {
        Map<String, Object> v = values.get(AGENTGATEWAY);
        if (v == null) {
            return;
        }
        ValuePaths.Lookup l = ValuePaths.get(v, SOURCE_RANGES);
        List<String> ranges = new ArrayList<>();
        if (l.found() && l.value() != null) {
            if (!(l.value() instanceof List<?> list)) {
                throw invalid("got " + goListType(l.value()) + ", not a list");
            }
            for (Object e : list) {
                if (!(e instanceof String s)) {
                    throw invalid("entry " + goValue(e) + " is not a string");
                }
                ranges.add(s);
            }
        }
        if (ranges.isEmpty()) {
            v.put(SOURCE_RANGES, new ArrayList<Object>(PRIVATE_RANGES));
            notes.warn(AGENTGATEWAY + ": " + SOURCE_RANGES + " was not set; defaulting the inference-gateway to private "
                    + "ranges (" + String.join(", ", PRIVATE_RANGES) + ") so it is not exposed to the public internet. To "
                    + "allow specific public clients (e.g. a corporate VPN), set --set-json " + AGENTGATEWAY + ":"
                    + SOURCE_RANGES + "='[\"<cidr>\"]'; to expose it publicly, use [\"0.0.0.0/0\"]. See "
                    + "docs/user/component-catalog.md.");
            Log.info("defaulting agentgateway inference-gateway to private source ranges (allowedSourceRanges unset)",
                    "component", AGENTGATEWAY, "path", SOURCE_RANGES, "ranges", "[" + String.join(" ", PRIVATE_RANGES) + "]");
            return;
        }
        boolean open = false;
        for (String r : ranges) {
            if (!Cidr.isValid(r)) {
                throw invalid(quote(r) + " is not a valid CIDR");
            }
            open |= Cidr.isAnySource(r);
        }
        if (open) {
            notes.warn(AGENTGATEWAY + ": inference-gateway is explicitly opened to the entire internet (" + SOURCE_RANGES
                    + " includes an any-source CIDR such as 0.0.0.0/0). This is a deliberate opt-in; scope it to trusted "
                    + "networks unless public exposure is intended.");
            Log.warn("agentgateway inference-gateway is explicitly opened via an any-source CIDR (deliberate public opt-in)",
                    "component", AGENTGATEWAY, "path", SOURCE_RANGES);
        }
    }

    private static AicrException invalid(String detail) {
        return new AicrException(ErrorCode.INVALID_REQUEST, AGENTGATEWAY + ": " + SOURCE_RANGES
                + " must be a list of CIDR strings (" + detail + "); set it via --set-json " + AGENTGATEWAY + ":"
                + SOURCE_RANGES + "='[\"<cidr>\"]' — a bare --set value renders an invalid Service");
    }

    private static String goListType(Object v) {
        return aicr.gocompat.GoStrings.typeName(v);
    }

    private static String goValue(Object v) {
        return v instanceof Map<?, ?> ? "map[...]" : String.valueOf(v);
    }

    private static ComponentRef find(List<ComponentRef> refs, String name) {
        for (ComponentRef r : refs) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }
}
