package aicr.snapshot;

import aicr.criteria.Dimension;
import aicr.io.Struct;
import java.util.HashSet;
import java.util.Set;

/**
 * The advisory {@code fingerprint} of a captured snapshot (spec §1.4), derived from its
 * measurements. Consumers never trust it: recipe and validate recompute what they need.
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    private static final String GPU_PRODUCT = "nvidia.com/gpu.product";
    private static final String REGION = "topology.kubernetes.io/region";

    /** A {value, source, note} dimension; empty fields are left out of the document. */
    private record Dim(String value, String source, String note) {
        static final Dim ZERO = new Dim("", "", "");

        Struct struct() {
            Struct s = new Struct().with("value", value);
            if (!source.isEmpty()) {
                s.with("source", source);
            }
            if (!note.isEmpty()) {
                s.with("note", note);
            }
            return s;
        }
    }

    /**
     * The fingerprint in document form. In YAML the reference omits the all-empty
     * {@code gpuModel} and {@code region}; its JSON encoder cannot omit a struct, so JSON keeps them.
     */
    public static Struct of(java.util.List<Measurement> measurements, boolean json) {
        Dim service = Dim.ZERO;
        Dim accelerator = Dim.ZERO;
        Dim gpuModel = Dim.ZERO;
        Dim k8s = Dim.ZERO;
        Dim region = Dim.ZERO;
        String osValue = "";
        String osVersion = "";
        String osSource = "";
        long nodeCount = 0;
        String nodeCountSource = "";
        long gpuNodes = 0;
        String gpuNodesSource = "";
        Measurement topo = null;
        Measurement gpu = null;
        for (Measurement m : measurements) {
            switch (m.type()) {
                case "K8s" -> {
                    String v = string(m.subtype("server"), "version");
                    if (!v.isEmpty()) {
                        k8s = new Dim(v.startsWith("v") ? v.substring(1) : v, "k8s.server.version", "");
                    }
                    String p = string(m.subtype("node"), "provider");
                    if (!p.isEmpty()) {
                        service = new Dim(CriteriaDetector.normalizeProvider(p), "k8s.node.provider", "");
                    }
                }
                case "GPU" -> gpu = m;
                case "OS" -> {
                    Subtype rel = m.subtype("release");
                    String kind = rel == null ? "" : CriteriaDetector.normalizeOs(string(rel, "ID"));
                    if (!kind.isEmpty()) {
                        osValue = kind;
                        osVersion = string(rel, "VERSION_ID");
                        osSource = "os.release";
                    }
                }
                case "NodeTopology" -> {
                    topo = m;
                    Subtype summary = m.subtype("summary");
                    if (summary != null && summary.data().get("node-count") != null
                            && summary.data().get("node-count").value() instanceof Long n) {
                        nodeCount = n;
                        nodeCountSource = "nodeTopology.summary.node-count";
                    }
                    Subtype labels = m.subtype("label");
                    if (labels != null) {
                        if (multiValued(labels, REGION)) {
                            region = new Dim("", "nodeTopology.label." + REGION, "multi-region");
                        } else {
                            String raw = string(labels, REGION);
                            if (!raw.isEmpty()) {
                                region = new Dim(beforeBar(raw), "nodeTopology.label." + REGION, "");
                            }
                        }
                        gpuNodes = gpuNodeCount(labels);
                        gpuNodesSource = "nodeTopology.label." + GPU_PRODUCT;
                    }
                }
                default -> { }
            }
        }
        if (topo != null && topo.subtype("label") != null) {
            Subtype labels = topo.subtype("label");
            if (multiValued(labels, GPU_PRODUCT)) {
                accelerator = new Dim("", "nodeTopology.label." + GPU_PRODUCT, "multi-gpu");
            } else if (accelerator.value().isEmpty()) {
                String raw = string(labels, GPU_PRODUCT);
                if (!raw.isEmpty()) {
                    String sku = CriteriaDetector.sku(beforeBar(raw));
                    accelerator = sku.isEmpty() ? new Dim("", "nodeTopology.label." + GPU_PRODUCT, "unknown-sku")
                            : new Dim(sku, "nodeTopology.label." + GPU_PRODUCT, "");
                }
            }
        }
        if (gpu != null) {
            String sku = string(gpu.subtype("hardware"), "model");
            if (!sku.isEmpty()) {
                gpuModel = new Dim(sku, "gpu.hardware.model", "");
                if (accelerator.value().isEmpty() && !accelerator.note().equals("multi-gpu")) {
                    if (Dimension.ACCELERATOR.staticValues().contains(sku)) {
                        accelerator = new Dim(sku, "gpu.hardware.model", "");
                    } else if (accelerator.note().isEmpty()) {
                        accelerator = new Dim("", "gpu.hardware.model", "unknown-sku");
                    }
                }
            }
        }
        Struct fp = new Struct().with("service", service.struct()).with("accelerator", accelerator.struct());
        if (json || !gpuModel.equals(Dim.ZERO)) {
            fp.with("gpuModel", gpuModel.struct());
        }
        Struct os = new Struct().with("value", osValue);
        if (!osVersion.isEmpty()) {
            os.with("version", osVersion);
        }
        if (!osSource.isEmpty()) {
            os.with("source", osSource);
        }
        fp.with("os", os).with("k8sVersion", k8s.struct());
        if (json || !region.equals(Dim.ZERO)) {
            fp.with("region", region.struct());
        }
        fp.with("nodeCount", count(nodeCount, nodeCountSource)).with("gpuNodeCount", count(gpuNodes, gpuNodesSource));
        return fp;
    }

    private static Struct count(long value, String source) {
        Struct s = new Struct().with("value", value);
        if (!source.isEmpty()) {
            s.with("source", source);
        }
        return s;
    }

    private static boolean multiValued(Subtype labels, String key) {
        return labels.data().keySet().stream().filter(k -> k.startsWith(key + ".")).count() > 1;
    }

    /** Distinct node names listed by any GPU-product label entry. */
    private static long gpuNodeCount(Subtype labels) {
        Set<String> nodes = new HashSet<>();
        labels.data().forEach((k, v) -> {
            if (v == null || !(k.equals(GPU_PRODUCT) || k.startsWith(GPU_PRODUCT + "."))) {
                return;
            }
            String raw = v.text();
            int bar = raw.indexOf('|');
            if (bar < 0) {
                return;
            }
            for (String n : raw.substring(bar + 1).split(",")) {
                if (!n.trim().isEmpty()) {
                    nodes.add(n.trim());
                }
            }
        });
        return nodes.size();
    }

    private static String beforeBar(String raw) {
        int bar = raw.indexOf('|');
        return bar >= 0 ? raw.substring(0, bar) : raw;
    }

    private static String string(Subtype st, String key) {
        if (st == null) {
            return "";
        }
        Reading r = st.data().get(key);
        return r != null && r.value() instanceof String s ? s : "";
    }
}
