package aicr.criteria;

import java.util.List;
import java.util.Map;

/** The five string dimensions of criteria, with their built-in values and aliases. */
public enum Dimension {
    SERVICE("service", List.of("aks", "bcm", "eks", "gke", "kind", "lke", "metal3", "ocp", "oke"),
            Map.of("self-managed", "any", "self", "any", "vanilla", "any", "openshift", "ocp")),
    ACCELERATOR("accelerator", List.of("a100", "b200", "gb200", "gb300", "h100", "h200", "l40", "l40s", "rtx-pro-6000"),
            Map.of()),
    INTENT("intent", List.of("inference", "training"), Map.of()),
    OS("os", List.of("amazonlinux", "cos", "ol", "rhel", "talos", "ubuntu"),
            Map.of("al2", "amazonlinux", "al2023", "amazonlinux")),
    PLATFORM("platform", List.of("dynamo", "kubeflow", "nim", "runai", "slurm"), Map.of());

    private final String key;
    private final List<String> staticValues;
    private final Map<String, String> aliases;

    Dimension(String key, List<String> staticValues, Map<String, String> aliases) {
        this.key = key;
        this.staticValues = staticValues;
        this.aliases = aliases;
    }

    /** The YAML/JSON key and the word used in messages ({@code invalid <key> type}). */
    public String key() {
        return key;
    }

    /** Built-in values in alphabetical order, as help text lists them. */
    public List<String> staticValues() {
        return staticValues;
    }

    /** The fast path of the parser: wildcard, alias or static value, else null. */
    String fastPath(String normalized) {
        if (normalized.isEmpty() || normalized.equals(Criteria.ANY)) {
            return Criteria.ANY;
        }
        String alias = aliases.get(normalized);
        if (alias != null) {
            return alias;
        }
        return staticValues.contains(normalized) ? normalized : null;
    }
}
