package aicr.evidence;

import aicr.io.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recipe-evidence v1 predicate (spec §7.3) as a value tree, with typed access to what
 * verification needs and the reference's field order for display. Statements carry it with
 * sorted keys; the verifier's JSON shows it in struct order.
 */
public record Predicate(Map<String, Object> tree) {

    /** One phase's summary. */
    public record Phase(long passed, long failed, long skipped, String ctrfDigest) {
    }

    public String schemaVersion() {
        return str(tree, "schemaVersion");
    }

    public String aicrVersion() {
        return str(tree, "aicrVersion");
    }

    public String attestedAt() {
        return str(tree, "attestedAt");
    }

    public String recipeName() {
        return str(map(tree, "recipe"), "name");
    }

    public String recipeDigest() {
        return str(map(tree, "recipe"), "digest");
    }

    public String manifestDigest() {
        return str(map(tree, "manifest"), "digest");
    }

    /** Phases by name, as recorded (unknown names included: verification reports them). */
    public Map<String, Phase> phases() {
        Map<String, Phase> out = new TreeMap<>();
        map(tree, "phases").forEach((k, v) -> {
            Map<String, Object> p = v instanceof Map<?, ?> m ? cast(m) : Map.of();
            out.put(k, new Phase(num(p.get("passed")), num(p.get("failed")), num(p.get("skipped")), str(p, "ctrfDigest")));
        });
        return out;
    }

    public boolean anyPhaseFailed() {
        return phases().values().stream().anyMatch(p -> p.failed() > 0);
    }

    public Map<String, Object> bom() {
        return map(tree, "bom");
    }

    public Map<String, Object> redaction() {
        return tree.get("redaction") instanceof Map<?, ?> m ? cast(m) : null;
    }

    public Map<String, Object> criteriaMatch() {
        return map(tree, "criteriaMatch");
    }

    // ---- display order ----

    private static final List<String> TOP = List.of("schemaVersion", "attestedAt", "aicrVersion", "validatorCatalogVersion",
            "validatorImages", "recipe", "fingerprint", "criteriaMatch", "phases", "bom", "manifest", "redaction");
    private static final Map<String, List<String>> NESTED = Map.ofEntries(
            Map.entry("validatorImages", List.of("image", "digest")),
            Map.entry("recipe", List.of("name", "digest")),
            Map.entry("fingerprint", List.of("service", "accelerator", "gpuModel", "os", "k8sVersion", "region", "nodeCount",
                    "gpuNodeCount")),
            Map.entry("fingerprint.*", List.of("value", "version", "source", "note")),
            Map.entry("criteriaMatch", List.of("matched", "perDimension")),
            Map.entry("perDimension", List.of("dimension", "recipeRequires", "fingerprintProvides", "match")),
            Map.entry("phases.*", List.of("passed", "failed", "skipped", "ctrfDigest")),
            Map.entry("bom", List.of("format", "version", "digest", "imageCount")),
            Map.entry("manifest", List.of("digest", "fileCount")),
            Map.entry("redaction", List.of("policy", "version", "applied")));

    /** The predicate with the reference's struct field order (phases by name), integers as integers. */
    public Struct toStruct() {
        return order(tree, TOP, "");
    }

    private static Struct order(Map<String, Object> m, List<String> keys, String path) {
        Struct s = new Struct();
        for (String k : keys) {
            if (m.containsKey(k)) {
                s.put(k, value(m.get(k), path.isEmpty() ? k : path + "." + k, k));
            }
        }
        new TreeMap<>(m).forEach((k, v) -> {
            if (!keys.contains(k)) {
                s.put(k, value(v, path + "." + k, k));
            }
        });
        return s;
    }

    private static Object value(Object v, String path, String key) {
        if (v instanceof Map<?, ?> m) {
            List<String> keys = NESTED.get(key);
            if (keys == null && path.contains(".")) {
                keys = NESTED.get(path.substring(0, path.indexOf('.')) + ".*");
            }
            if (key.equals("phases")) {
                Struct s = new Struct();
                new TreeMap<>(cast(m)).forEach((k, x) -> s.put(k, value(x, "phases." + k, "phases.*")));
                return s;
            }
            return order(cast(m), keys == null ? List.of() : keys, path);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) {
                out.add(value(x, path, key));
            }
            return out;
        }
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return d.longValue();
        }
        return v;
    }

    // ---- helpers ----

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    static Map<String, Object> map(Map<String, Object> m, String k) {
        return m != null && m.get(k) instanceof Map<?, ?> x ? cast(x) : Map.of();
    }

    static String str(Map<String, Object> m, String k) {
        return m != null && m.get(k) instanceof String s ? s : "";
    }

    static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
