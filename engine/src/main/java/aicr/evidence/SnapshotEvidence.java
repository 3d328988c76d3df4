package aicr.evidence;

import aicr.io.Values;
import aicr.io.YamlWriter;
import aicr.snapshot.Item;
import aicr.snapshot.Measurement;
import aicr.snapshot.Reading;
import aicr.snapshot.Snapshot;
import aicr.snapshot.Subtype;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The snapshot an evidence bundle ships: by default minimized to an allowlist ("minimal"
 * policy v1: header timestamp and version; K8s server/node versions and runtime; GPU presence,
 * count and model; OS release; node-topology counts), or complete with {@code --full}.
 * Written as sorted-key YAML.
 */
public final class SnapshotEvidence {
    private SnapshotEvidence() {
    }

    public static final List<String> RULES = List.of("snapshot.header.allowlist", "snapshot.measurements.allowlist");
    private static final Set<String> HEADER = Set.of("timestamp", "version");
    private static final Map<String, Map<String, Set<String>>> ALLOW = Map.of(
            "K8s", Map.of("server", Set.of("version", "platform", "goVersion"),
                    "node", Set.of("provider", "kubelet-version", "kernel-version", "operating-system", "os-image",
                            "container-runtime-name", "container-runtime-version")),
            "GPU", Map.of("hardware", Set.of("gpu-present", "gpu-count", "driver-loaded", "detection-source", "model")),
            "OS", Map.of("release", Set.of("ID", "ID_LIKE", "NAME", "PRETTY_NAME", "VERSION", "VERSION_ID", "VERSION_CODENAME")),
            "NodeTopology", Map.of("summary", Set.of("node-count", "taint-count", "label-count")));

    public static byte[] yaml(Snapshot s, boolean full) {
        return YamlWriter.write(tree(full ? s : minimize(s)), true).getBytes(StandardCharsets.UTF_8);
    }

    static Snapshot minimize(Snapshot s) {
        Map<String, String> header = new LinkedHashMap<>();
        s.metadata().forEach((k, v) -> {
            if (HEADER.contains(k)) {
                header.put(k, v);
            }
        });
        List<Measurement> ms = new ArrayList<>();
        for (Measurement m : s.measurements()) {
            Map<String, Set<String>> policy = ALLOW.get(m.type());
            if (policy == null) {
                continue;
            }
            List<Subtype> kept = new ArrayList<>();
            for (Subtype st : m.subtypes()) {
                Set<String> keys = policy.get(st.name());
                if (keys == null) {
                    continue;
                }
                Map<String, Reading> data = new LinkedHashMap<>();
                st.data().forEach((k, v) -> {
                    if (keys.contains(k)) {
                        data.put(k, v);
                    }
                });
                if (!data.isEmpty()) {
                    kept.add(new Subtype(st.name(), data, Map.of(), List.of()));
                }
            }
            if (!kept.isEmpty()) {
                ms.add(new Measurement(m.type(), kept));
            }
        }
        return new Snapshot(s.kind(), s.apiVersion(), header, s.fingerprint(), ms);
    }

    /** The snapshot document as a value tree, empty fields left out. */
    static Map<String, Object> tree(Snapshot s) {
        Map<String, Object> doc = new LinkedHashMap<>();
        if (!s.kind().isEmpty()) {
            doc.put("kind", s.kind());
        }
        if (!s.apiVersion().isEmpty()) {
            doc.put("apiVersion", s.apiVersion());
        }
        if (!s.metadata().isEmpty()) {
            doc.put("metadata", new LinkedHashMap<>(s.metadata()));
        }
        if (s.fingerprint() != null) {
            doc.put("fingerprint", Values.of(s.fingerprint()));
        }
        List<Object> ms = new ArrayList<>();
        for (Measurement m : s.measurements()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("type", m.type());
            List<Object> sts = new ArrayList<>();
            for (Subtype st : m.subtypes()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                if (!st.name().isEmpty()) {
                    sm.put("subtype", st.name());
                }
                if (!st.data().isEmpty()) {
                    sm.put("data", readings(st.data()));
                }
                if (!st.context().isEmpty()) {
                    sm.put("context", new LinkedHashMap<>(st.context()));
                }
                if (!st.items().isEmpty()) {
                    List<Object> items = new ArrayList<>();
                    for (Item it : st.items()) {
                        Map<String, Object> im = new LinkedHashMap<>();
                        if (!it.context().isEmpty()) {
                            im.put("context", new LinkedHashMap<>(it.context()));
                        }
                        if (!it.data().isEmpty()) {
                            im.put("data", readings(it.data()));
                        }
                        items.add(im);
                    }
                    sm.put("items", items);
                }
                sts.add(sm);
            }
            if (!sts.isEmpty()) {
                mm.put("subtypes", sts);
            }
            ms.add(mm);
        }
        doc.put("measurements", ms);
        return doc;
    }

    private static Map<String, Object> readings(Map<String, Reading> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        data.forEach((k, v) -> out.put(k, v.value()));
        return out;
    }
}
