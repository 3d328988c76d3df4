package aicr.snapshot;

import aicr.criteria.Criteria;
import aicr.criteria.Dimension;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The criteria a snapshot implies (spec §1.8): service from the node's provider, accelerator
 * from the GPU product label (or a supported PCI model), OS from os-release, nodes from the
 * topology summary. Intent and platform are never derived. Values are raw; the caller parses
 * them against its criteria registry and drops what does not parse.
 */
public final class CriteriaDetector {
    private CriteriaDetector() {
    }

    private static final String GPU_PRODUCT = "nvidia.com/gpu.product";

    /** Token sequences of GPU product names, in the reference's priority order. */
    private static final List<Map.Entry<List<String>, String>> SKUS = List.of(
            Map.entry(List.of("GB300"), "gb300"), Map.entry(List.of("GB200"), "gb200"),
            Map.entry(List.of("B200"), "b200"), Map.entry(List.of("H100"), "h100"),
            Map.entry(List.of("H200"), "h200"), Map.entry(List.of("A100"), "a100"),
            Map.entry(List.of("RTX", "PRO", "6000"), "rtx-pro-6000"), Map.entry(List.of("L40S"), "l40s"),
            Map.entry(List.of("L40"), "l40"));

    /** Raw detected values; "" where nothing was detected, nodes 0 when unknown. */
    public static Criteria detect(Snapshot snap) {
        String service = "";
        String os = "";
        int nodes = 0;
        String accel = "";
        for (Measurement m : snap.measurements()) {
            switch (m.type()) {
                case "K8s" -> {
                    String p = string(m.subtype("node"), "provider");
                    if (!p.isEmpty()) {
                        service = normalizeProvider(p);
                    }
                }
                case "OS" -> {
                    String id = normalizeOs(string(m.subtype("release"), "ID"));
                    if (!id.isEmpty()) {
                        os = id;
                    }
                }
                case "NodeTopology" -> {
                    Subtype summary = m.subtype("summary");
                    if (summary != null && summary.data().get("node-count") != null
                            && summary.data().get("node-count").value() instanceof Long n) {
                        nodes = n.intValue();
                    }
                }
                default -> { }
            }
        }
        Measurement topo = snap.measurement("NodeTopology");
        boolean multiGpu = false;
        if (topo != null && topo.subtype("label") != null) {
            Subtype labels = topo.subtype("label");
            multiGpu = labels.data().keySet().stream().filter(k -> k.startsWith(GPU_PRODUCT + ".")).count() > 1;
            String raw = string(labels, GPU_PRODUCT);
            if (!multiGpu && !raw.isEmpty()) {
                int bar = raw.indexOf('|');
                accel = sku(bar >= 0 ? raw.substring(0, bar) : raw);
            }
        }
        Measurement gpu = snap.measurement("GPU");
        if (accel.isEmpty() && !multiGpu && gpu != null) {
            String model = string(gpu.subtype("hardware"), "model");
            if (Dimension.ACCELERATOR.staticValues().contains(model)) {
                accel = model;
            }
        }
        return new Criteria(service, accel, "", os, "", Math.max(nodes, 0));
    }

    private static String string(Subtype st, String key) {
        if (st == null) {
            return "";
        }
        Reading r = st.data().get(key);
        return r != null && r.value() instanceof String s ? s : "";
    }

    /** The recipe accelerator a GPU product name is (whole tokens: "L40S" is not "L40"), or "". */
    public static String sku(String product) {
        List<String> tokens = List.of(product.toUpperCase(Locale.ROOT).split("[\\s-]+"));
        for (Map.Entry<List<String>, String> e : SKUS) {
            if (java.util.Collections.indexOfSubList(tokens, e.getKey()) >= 0) {
                return e.getValue();
            }
        }
        return "";
    }

    /** A node provider (or provider id) as a recipe service: OCI is oke, Linode is lke. */
    public static String normalizeProvider(String v) {
        if (v.startsWith("ocid1.") || v.startsWith("oci://") || v.equals("oci")) {
            return "oke";
        }
        if (v.startsWith("linode://") || v.equals("linode")) {
            return "lke";
        }
        return v;
    }

    /** An os-release ID as a recipe OS, "" when it is none of them. */
    public static String normalizeOs(String id) {
        return switch (id.trim().toLowerCase(Locale.ROOT)) {
            case "ubuntu" -> "ubuntu";
            case "rhel", "redhatenterpriselinux", "redhat" -> "rhel";
            case "cos" -> "cos";
            case "amazonlinux", "amzn", "amazon", "al2", "al2023" -> "amazonlinux";
            case "ol" -> "ol";
            case "talos" -> "talos";
            default -> "";
        };
    }
}
