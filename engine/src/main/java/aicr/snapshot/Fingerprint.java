package aicr.snapshot;

import aicr.criteria.Criteria;
import aicr.criteria.Dimension;
import aicr.io.Struct;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a snapshot says about the cluster, in recipe-criteria terms (spec snapshot-validate
 * §1.4), and how that compares with a recipe's criteria. Always derived from the full
 * snapshot, also when the evidence carries a minimized copy.
 */
public record Fingerprint(Dim service, Dim accelerator, Dim gpuModel, OsDim os, Dim k8sVersion, Dim region, Count nodeCount,
                          Count gpuNodeCount) {

    /** A string dimension: value, where it came from, and a note when it could not be decided. */
    public record Dim(String value, String source, String note) {
        static final Dim NONE = new Dim("", "", "");

        Struct toStruct() {
            Struct s = new Struct().with("value", value);
            opt(s, "source", source);
            opt(s, "note", note);
            return s;
        }
    }

    public record OsDim(String value, String version, String source) {
        Struct toStruct() {
            Struct s = new Struct().with("value", value);
            opt(s, "version", version);
            opt(s, "source", source);
            return s;
        }
    }

    public record Count(long value, String source) {
        Struct toStruct() {
            Struct s = new Struct().with("value", value);
            opt(s, "source", source);
            return s;
        }
    }

    private static void opt(Struct s, String k, String v) {
        if (v != null && !v.isEmpty()) {
            s.with(k, v);
        }
    }

    static final String GPU_LABEL = "nvidia.com/gpu.product";
    static final String REGION_LABEL = "topology.kubernetes.io/region";
    private static final String SRC_GPU_LABEL = "nodeTopology.label." + GPU_LABEL;
    private static final String SRC_PCI = "gpu.hardware.model";

    /** The Go struct order of the reference's fingerprint, as its JSON encoder writes it. */
    public Struct toStruct() {
        return toStruct(false);
    }

    /**
     * The document form; {@code yaml}: as the reference's YAML encoder writes it, which omits
     * an all-empty {@code gpuModel} and {@code region} (its JSON encoder cannot omit a struct).
     */
    public Struct toStruct(boolean yaml) {
        Struct s = new Struct().with("service", service.toStruct()).with("accelerator", accelerator.toStruct());
        if (!yaml || !gpuModel.equals(Dim.NONE)) {
            s.with("gpuModel", gpuModel.toStruct());
        }
        s.with("os", os.toStruct()).with("k8sVersion", k8sVersion.toStruct());
        if (!yaml || !region.equals(Dim.NONE)) {
            s.with("region", region.toStruct());
        }
        return s.with("nodeCount", nodeCount.toStruct()).with("gpuNodeCount", gpuNodeCount.toStruct());
    }

    public static Fingerprint of(Snapshot snap) {
        Dim service = Dim.NONE;
        Dim k8s = Dim.NONE;
        OsDim os = new OsDim("", "", "");
        Dim region = Dim.NONE;
        Count nodes = new Count(0, "");
        Count gpuNodes = new Count(0, "");
        Dim accelerator = Dim.NONE;
        Dim gpuModel = Dim.NONE;
        Subtype labels = null;
        Subtype hardware = null;
        for (Measurement m : snap.measurements()) {
            switch (m.type()) {
                case "K8s" -> {
                    String v = str(m.subtype("server"), "version");
                    if (!v.isEmpty()) {
                        k8s = new Dim(v.startsWith("v") ? v.substring(1) : v, "k8s.server.version", "");
                    }
                    String p = str(m.subtype("node"), "provider");
                    if (!p.isEmpty()) {
                        service = new Dim(CriteriaDetector.normalizeProvider(p), "k8s.node.provider", "");
                    }
                }
                case "OS" -> {
                    Subtype release = m.subtype("release");
                    String kind = CriteriaDetector.normalizeOs(str(release, "ID"));
                    if (!kind.isEmpty()) {
                        os = new OsDim(kind, str(release, "VERSION_ID"), "os.release");
                    }
                }
                case "GPU" -> hardware = m.subtype("hardware");
                case "NodeTopology" -> {
                    Subtype summary = m.subtype("summary");
                    Long count = integer(summary, "node-count");
                    if (count != null) {
                        nodes = new Count(count, "nodeTopology.summary.node-count");
                    }
                    Subtype label = m.subtype("label");
                    if (label != null) {
                        labels = label;
                        if (multi(label, REGION_LABEL)) {
                            region = new Dim("", "nodeTopology.label." + REGION_LABEL, "multi-region");
                        } else {
                            String r = labelValue(str(label, REGION_LABEL));
                            if (!r.isEmpty()) {
                                region = new Dim(r, "nodeTopology.label." + REGION_LABEL, "");
                            }
                        }
                        gpuNodes = new Count(gpuNodeCount(label), SRC_GPU_LABEL);
                    }
                }
                default -> {
                    // SystemD and NetworkTopology do not describe criteria
                }
            }
        }
        if (labels != null) {
            if (multi(labels, GPU_LABEL)) {
                accelerator = new Dim("", SRC_GPU_LABEL, "multi-gpu");
            } else {
                String product = labelValue(str(labels, GPU_LABEL));
                if (!product.isEmpty()) {
                    String sku = CriteriaDetector.sku(product);
                    accelerator = sku.isEmpty() ? new Dim("", SRC_GPU_LABEL, "unknown-sku") : new Dim(sku, SRC_GPU_LABEL, "");
                }
            }
        }
        String model = str(hardware, "model");
        if (!model.isEmpty()) {
            gpuModel = new Dim(model, SRC_PCI, "");
            if (accelerator.value().isEmpty() && !accelerator.note().equals("multi-gpu")) {
                if (Dimension.ACCELERATOR.staticValues().contains(model)) {
                    accelerator = new Dim(model, SRC_PCI, "");
                } else if (accelerator.note().isEmpty()) {
                    accelerator = new Dim("", SRC_PCI, "unknown-sku");
                }
            }
        }
        return new Fingerprint(service, accelerator, gpuModel, os, k8s, region, nodes, gpuNodes);
    }

    private static String str(Subtype st, String key) {
        if (st == null) {
            return "";
        }
        Reading r = st.data().get(key);
        return r == null ? "" : r.text();
    }

    private static Long integer(Subtype st, String key) {
        if (st == null || st.data().get(key) == null) {
            return null;
        }
        Object v = st.data().get(key).value();
        if (v instanceof Long l) {
            return l;
        }
        try {
            return Long.parseLong(st.data().get(key).text());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Several label values are recorded as {@code <label>.<value>} keys. */
    private static boolean multi(Subtype st, String label) {
        return st.data().keySet().stream().filter(k -> k.startsWith(label + ".")).count() > 1;
    }

    /** Label readings are {@code <value>|<node,node,...>}. */
    private static String labelValue(String raw) {
        int i = raw.indexOf('|');
        return i >= 0 ? raw.substring(0, i) : raw;
    }

    private static long gpuNodeCount(Subtype st) {
        Set<String> nodes = new LinkedHashSet<>();
        for (Map.Entry<String, Reading> e : st.data().entrySet()) {
            if (!e.getKey().equals(GPU_LABEL) && !e.getKey().startsWith(GPU_LABEL + ".")) {
                continue;
            }
            String raw = e.getValue().text();
            int i = raw.indexOf('|');
            if (i < 0) {
                continue;
            }
            for (String n : raw.substring(i + 1).split(",")) {
                if (!n.strip().isEmpty()) {
                    nodes.add(n.strip());
                }
            }
        }
        return nodes.size();
    }

    // ---- matching ----

    /** One dimension's comparison: {@code matched}, {@code mismatched} or {@code unknown}. */
    public record DimensionMatch(String dimension, String recipeRequires, String fingerprintProvides, String match) {
        Struct toStruct() {
            Struct s = new Struct().with("dimension", dimension);
            opt(s, "recipeRequires", recipeRequires);
            opt(s, "fingerprintProvides", fingerprintProvides);
            return s.with("match", match);
        }
    }

    public record Match(boolean matched, List<DimensionMatch> perDimension) {
        public Struct toStruct() {
            List<Object> dims = new ArrayList<>();
            perDimension.forEach(d -> dims.add(d.toStruct()));
            return new Struct().with("matched", matched).with("perDimension", dims);
        }
    }

    /**
     * Compares with the recipe's criteria: a generic recipe value matches anything; a value the
     * snapshot cannot show (intent, platform, or an absent signal) is unknown, which does not
     * spoil the overall match; only a different captured value is a mismatch.
     */
    public Match match(Criteria c) {
        Criteria cr = c == null ? Criteria.fresh() : c;
        String recipeNodes = cr.nodes() == 0 ? "" : Integer.toString(cr.nodes());
        String fpNodes = nodeCount.value() == 0 ? "" : Long.toString(nodeCount.value());
        List<DimensionMatch> dims = List.of(
                dim("service", cr.service(), service.value(), !any(service.value())),
                dim("accelerator", cr.accelerator(), accelerator.value(), !any(accelerator.value())),
                dim("os", cr.os(), os.value(), !any(os.value())),
                dim("intent", cr.intent(), "", false),
                dim("platform", cr.platform(), "", false),
                dim("nodes", recipeNodes, fpNodes, nodeCount.value() != 0));
        return new Match(dims.stream().noneMatch(d -> d.match().equals("mismatched")), dims);
    }

    private static DimensionMatch dim(String name, String requires, String provides, boolean captured) {
        String r = requires == null ? "" : requires;
        String outcome = any(r) ? "matched" : !captured ? "unknown" : r.equals(provides) ? "matched" : "mismatched";
        return new DimensionMatch(name, r, provides, outcome);
    }

    private static boolean any(String v) {
        return v == null || v.isEmpty() || v.equals(Criteria.ANY);
    }
}
