package aicr.cli;

import aicr.io.Values;
import aicr.io.YamlReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The comparison of ../shared/tools/snapshot_compare.py, in Java so the suite runs without the
 * shared folder: header (timestamp and version ignored), fingerprint, and every measurement's
 * subtype list and every subtype's data and context, with measurement order ignored.
 */
final class SnapshotCompare {
    private SnapshotCompare() {
    }

    /** The differences, one line each; empty when the snapshots compare equal. */
    @SuppressWarnings("unchecked")
    static List<String> differences(String expectedYaml, String actualYaml) {
        Map<String, Object> e = (Map<String, Object>) Values.of(YamlReader.parse(expectedYaml));
        Map<String, Object> a = (Map<String, Object>) Values.of(YamlReader.parse(actualYaml));
        List<String> out = new ArrayList<>();
        check(out, "header", header(e), header(a));
        check(out, "fingerprint", e.get("fingerprint"), a.get("fingerprint"));
        Map<String, Object> ke = keyed(e);
        Map<String, Object> ka = keyed(a);
        for (String k : new java.util.TreeSet<>(union(ke, ka))) {
            if (!ka.containsKey(k)) {
                out.add("MISSING " + k);
            } else if (!ke.containsKey(k)) {
                out.add("EXTRA " + k);
            } else {
                check(out, k, ke.get(k), ka.get(k));
            }
        }
        return out;
    }

    private static java.util.Set<String> union(Map<String, Object> a, Map<String, Object> b) {
        java.util.Set<String> s = new java.util.HashSet<>(a.keySet());
        s.addAll(b.keySet());
        return s;
    }

    private static void check(List<String> out, String name, Object e, Object a) {
        if (!Objects.equals(e, a)) {
            out.add("DIFF " + name + ": expected " + e + ", got " + a);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> header(Map<String, Object> d) {
        Map<String, Object> meta = new TreeMap<>(d.get("metadata") == null ? Map.of() : (Map<String, Object>) d.get("metadata"));
        meta.remove("timestamp");
        meta.remove("version");
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("apiVersion", d.get("apiVersion"));
        h.put("kind", d.get("kind"));
        h.put("metadata", meta);
        return h;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> keyed(Map<String, Object> doc) {
        Map<String, Object> out = new TreeMap<>();
        List<Object> ms = doc.get("measurements") == null ? List.of() : (List<Object>) doc.get("measurements");
        for (Object o : ms) {
            Map<String, Object> m = (Map<String, Object>) o;
            List<Object> subs = m.get("subtypes") == null ? List.of() : (List<Object>) m.get("subtypes");
            List<String> names = new ArrayList<>();
            for (Object so : subs) {
                Map<String, Object> s = (Map<String, Object>) so;
                names.add(String.valueOf(s.get("subtype")));
                out.put(m.get("type") + "/" + s.get("subtype") + " data", s.get("data") == null ? Map.of() : s.get("data"));
                out.put(m.get("type") + "/" + s.get("subtype") + " context", s.get("context") == null ? Map.of() : s.get("context"));
            }
            names.sort(null);
            out.put(m.get("type") + " subtypes", names);
        }
        return out;
    }
}
