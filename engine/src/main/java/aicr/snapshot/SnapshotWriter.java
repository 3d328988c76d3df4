package aicr.snapshot;

import aicr.io.JsonWriter;
import aicr.io.Struct;
import aicr.io.TabWriter;
import aicr.io.YamlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a captured snapshot the way the reference does: YAML with every mapping's keys
 * sorted, JSON in declaration order (kind, apiVersion, metadata, fingerprint, measurements)
 * with HTML-safe escaping, or the flattened FIELD/VALUE table. The fingerprint is derived from
 * the measurements at write time.
 */
public final class SnapshotWriter {
    private SnapshotWriter() {
    }

    public static final List<String> FORMATS = List.of("yaml", "json", "table");

    public static String render(Snapshot s, String format) {
        return switch (format) {
            case "json" -> JsonWriter.write(toStruct(s, true), true);
            case "table" -> table(s);
            default -> YamlWriter.write(toStruct(s, false), true);
        };
    }

    /** The document tree; {@code json} selects the JSON encoder's omission rules for the fingerprint. */
    public static Struct toStruct(Snapshot s, boolean json) {
        Struct doc = new Struct();
        if (!s.kind().isEmpty()) {
            doc.with("kind", s.kind());
        }
        if (!s.apiVersion().isEmpty()) {
            doc.with("apiVersion", s.apiVersion());
        }
        if (!s.metadata().isEmpty()) {
            doc.with("metadata", new LinkedHashMap<String, Object>(s.metadata()));
        }
        doc.with("fingerprint", Fingerprint.of(s).toStruct(!json));
        List<Object> ms = new ArrayList<>();
        for (Measurement m : s.measurements()) {
            Struct mm = new Struct().with("type", m.type());
            if (!m.subtypes().isEmpty()) {
                List<Object> subs = new ArrayList<>();
                for (Subtype st : m.subtypes()) {
                    subs.add(subtype(st));
                }
                mm.with("subtypes", subs);
            }
            ms.add(mm);
        }
        doc.with("measurements", ms);
        return doc;
    }

    private static Struct subtype(Subtype st) {
        Struct s = new Struct();
        if (!st.name().isEmpty()) {
            s.with("subtype", st.name());
        }
        if (!st.data().isEmpty()) {
            s.with("data", data(st.data()));
        }
        if (!st.context().isEmpty()) {
            s.with("context", new LinkedHashMap<String, Object>(st.context()));
        }
        if (!st.items().isEmpty()) {
            s.with("items", items(st.items()));
        }
        return s;
    }

    private static List<Object> items(List<Item> items) {
        List<Object> out = new ArrayList<>();
        for (Item i : items) {
            Struct is = new Struct();
            if (!i.context().isEmpty()) {
                is.with("context", new LinkedHashMap<String, Object>(i.context()));
            }
            if (!i.data().isEmpty()) {
                is.with("data", data(i.data()));
            }
            out.add(is);
        }
        return out;
    }

    /** Readings as their native scalars; a reading the collector could not take is null. */
    private static Map<String, Object> data(Map<String, Reading> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        data.forEach((k, v) -> out.put(k, v == null ? null : v.value()));
        return out;
    }

    /**
     * The reference's generic table: every field of the Go structs flattened to a row named by
     * its field path ({@code Measurements.[0].Subtypes.[1].Data}), maps and scalar lists as
     * compact JSON, rows sorted by name.
     */
    static String table(Snapshot s) {
        Map<String, String> rows = new TreeMap<>();
        rows.put("Header.Kind", s.kind());
        rows.put("Header.APIVersion", s.apiVersion());
        rows.put("Header.Metadata", JsonWriter.write(new LinkedHashMap<String, Object>(s.metadata()), false));
        flattenStruct(rows, "Fingerprint", goFingerprint(Fingerprint.of(s).toStruct()));
        for (int i = 0; i < s.measurements().size(); i++) {
            Measurement m = s.measurements().get(i);
            String p = "Measurements.[" + i + "]";
            rows.put(p + ".Type", m.type());
            if (m.subtypes().isEmpty()) {
                rows.put(p + ".Subtypes", "[]");
            }
            for (int j = 0; j < m.subtypes().size(); j++) {
                Subtype st = m.subtypes().get(j);
                String q = p + ".Subtypes.[" + j + "]";
                rows.put(q + ".Name", leaf(st.name()));
                rows.put(q + ".Data", JsonWriter.write(data(st.data()), false));
                rows.put(q + ".Context", st.context().isEmpty() ? "null"
                        : JsonWriter.write(new LinkedHashMap<String, Object>(st.context()), false));
                rows.put(q + ".Items", st.items().isEmpty() ? "null" : JsonWriter.write(items(st.items()), false));
            }
        }
        List<String[]> table = new ArrayList<>();
        table.add(new String[]{"FIELD", "VALUE"});
        table.add(new String[]{"-----", "-----"});
        rows.forEach((k, v) -> table.add(new String[]{k, v}));
        return TabWriter.format(table);
    }

    /** The fingerprint with the Go field names and every field present (the table shows empty ones too). */
    private static Map<String, Object> goFingerprint(Struct fp) {
        Map<String, Object> out = new LinkedHashMap<>();
        String[][] names = {{"service", "Service"}, {"accelerator", "Accelerator"}, {"gpuModel", "GPUModel"},
            {"os", "OS"}, {"k8sVersion", "K8sVersion"}, {"region", "Region"}, {"nodeCount", "NodeCount"},
            {"gpuNodeCount", "GPUNodeCount"}};
        for (String[] n : names) {
            @SuppressWarnings("unchecked")
            Map<String, Object> d = (Map<String, Object>) fp.get(n[0]);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("Value", d.get("value"));
            if (n[0].equals("os")) {
                f.put("Version", d.getOrDefault("version", ""));
            }
            if (!n[0].endsWith("Count")) {
                if (!n[0].equals("os")) {
                    f.put("Note", d.getOrDefault("note", ""));
                }
            }
            f.put("Source", d.getOrDefault("source", ""));
            out.put(n[1], f);
        }
        return out;
    }

    private static void flattenStruct(Map<String, String> rows, String prefix, Map<String, Object> m) {
        m.forEach((k, v) -> {
            if (v instanceof Map<?, ?> sub) {
                @SuppressWarnings("unchecked")
                Map<String, Object> s = (Map<String, Object>) sub;
                flattenStruct(rows, prefix + "." + k, s);
            } else {
                rows.put(prefix + "." + k, leaf(String.valueOf(v)));
            }
        });
    }

    /** A scalar cell; text that would break the columns (newline, tab, CR) as a JSON string. */
    private static String leaf(String v) {
        return v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\t') >= 0 ? JsonWriter.write(v, false) : v;
    }
}
