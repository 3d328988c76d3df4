package aicr.recipe;

import aicr.io.Fields;
import aicr.io.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code registry.yaml}: per-component defaults and bundler hints. The raw
 * mapping is kept so that bundle-time consumers can read fields the resolver does not need.
 */
public record ComponentConfig(String name, String displayName, List<String> valueOverrideKeys,
                              Helm helm, Kustomize kustomize, String assertFile,
                              Scheduling system, Scheduling accelerated, List<String> nodeCountPaths,
                              List<String> workloadSelectorPaths, List<String> storageClassPaths,
                              List<ValidationSpec> validations, boolean gkeCriticalPriority,
                              boolean hasSelfRefCRDs, boolean manifestsUseChartCRDs, Node.MapNode raw) {

    public record Helm(String defaultRepository, String defaultChart, String defaultVersion, String defaultNamespace) {
    }

    public record Kustomize(String defaultSource, String defaultPath, String defaultTag) {
    }

    /** Value paths receiving node selectors, tolerations and taints for one node class. */
    public record Scheduling(List<String> nodeSelectorPaths, List<String> tolerationPaths,
                             List<String> taintPaths, List<String> taintStrPaths) {
        static Scheduling decode(Node.MapNode m) {
            return new Scheduling(list(m, "nodeSelectorPaths"), list(m, "tolerationPaths"),
                    list(m, "taintPaths"), list(m, "taintStrPaths"));
        }
    }

    /** A bundle-time check declared for the component. */
    public record ValidationSpec(String function, String severity, Map<String, List<String>> conditions, String message) {
    }

    static ComponentConfig decode(Node.MapNode m) {
        Node.MapNode helm = Fields.map(m, "helm");
        Node.MapNode kust = Fields.map(m, "kustomize");
        Node.MapNode hc = Fields.map(m, "healthCheck");
        Node.MapNode ns = Fields.map(m, "nodeScheduling");
        Node.MapNode ps = Fields.map(Fields.map(m, "podScheduling"), "workload");
        List<ValidationSpec> vals = new ArrayList<>();
        List<Node.MapNode> vl = Fields.mapList(m, "validations");
        if (vl != null) {
            for (Node.MapNode v : vl) {
                Map<String, List<String>> cond = new java.util.LinkedHashMap<>();
                Node.MapNode cm = Fields.map(v, "conditions");
                if (cm != null) {
                    for (String k : cm.entries().keySet()) {
                        cond.put(k, Fields.strList(cm, k));
                    }
                }
                vals.add(new ValidationSpec(Fields.str(v, "function"), Fields.str(v, "severity"), cond,
                        Fields.str(v, "message")));
            }
        }
        return new ComponentConfig(Fields.str(m, "name"), Fields.str(m, "displayName"), list(m, "valueOverrideKeys"),
                new Helm(Fields.str(helm, "defaultRepository"), Fields.str(helm, "defaultChart"),
                        Fields.str(helm, "defaultVersion"), Fields.str(helm, "defaultNamespace")),
                new Kustomize(Fields.str(kust, "defaultSource"), Fields.str(kust, "defaultPath"),
                        Fields.str(kust, "defaultTag")),
                Fields.str(hc, "assertFile"),
                Scheduling.decode(Fields.map(ns, "system")), Scheduling.decode(Fields.map(ns, "accelerated")),
                list(ns, "nodeCountPaths"), list(ps, "workloadSelectorPaths"), list(m, "storageClassPaths"),
                vals, Fields.bool(m, "gkeCriticalPriority"), Fields.bool(m, "hasSelfRefCRDs"),
                Fields.bool(m, "manifestsUseChartCRDs"), m);
    }

    private static List<String> list(Node.MapNode m, String key) {
        List<String> l = Fields.strList(m, key);
        return l == null ? List.of() : l;
    }

    /** {@code Kustomize} when a kustomize source is declared, else {@code Helm}. */
    public String type() {
        return kustomize.defaultSource().isEmpty() ? "Helm" : "Kustomize";
    }

    /** The chart name proper: the part of defaultChart after the last {@code /}. */
    public String chartName() {
        String c = helm.defaultChart();
        int i = c.lastIndexOf('/');
        return i < 0 ? c : c.substring(i + 1);
    }
}
