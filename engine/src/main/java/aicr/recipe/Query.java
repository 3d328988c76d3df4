package aicr.recipe;

import aicr.data.DataSource;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code aicr query}: the resolved recipe as a plain document with every component's values
 * hydrated, and a dot-path selector into it.
 */
public final class Query {
    private Query() {
    }

    /**
     * The hydrated document. {@code forJson} decides how absent metadata lists come out: the
     * reference prints {@code []} in YAML and {@code null} in JSON for them.
     */
    public static Map<String, Object> hydrate(RecipeResult r, DataSource data, boolean forJson) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", r.kind());
        doc.put("apiVersion", r.apiVersion());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("version", r.metadata().version());
        meta.put("appliedOverlays", listOrAbsent(r.metadata().appliedOverlays(), forJson));
        List<Object> excluded = new ArrayList<>();
        r.metadata().excludedOverlays().forEach(e -> excluded.add(Map.of("name", e.name(), "reason", e.reason())));
        meta.put("excludedOverlays", listOrAbsent(excluded, forJson));
        List<Object> warnings = new ArrayList<>();
        r.metadata().constraintWarnings().forEach(w -> warnings.add(new LinkedHashMap<>(Map.of("overlay", w.overlay(),
                "constraint", w.constraint(), "expected", w.expected(), "actual", w.actual(), "reason", w.reason()))));
        meta.put("constraintWarnings", listOrAbsent(warnings, forJson));
        doc.put("metadata", meta);
        Map<String, Object> crit = new LinkedHashMap<>();
        crit.put("service", r.criteria().service());
        crit.put("accelerator", r.criteria().accelerator());
        crit.put("intent", r.criteria().intent());
        crit.put("os", r.criteria().os());
        crit.put("platform", r.criteria().platform());
        crit.put("nodes", (long) r.criteria().nodes());
        doc.put("criteria", crit);
        doc.put("deploymentOrder", r.deploymentOrder());
        if (!r.constraints().isEmpty()) {
            List<Object> cs = new ArrayList<>();
            r.constraints().forEach(c -> cs.add(new LinkedHashMap<>(c.toStruct())));
            doc.put("constraints", cs);
        }
        Map<String, Object> components = new LinkedHashMap<>();
        for (ComponentRef ref : r.componentRefs()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", ref.name());
            c.put("type", ref.type());
            c.put("source", ref.source());
            putIf(c, "namespace", ref.namespace());
            String chart = ref.chart();
            if (chart.isEmpty() && ref.type().equals("Helm") && !ref.source().isEmpty()) {
                chart = ref.name();
            }
            putIf(c, "chart", chart);
            putIf(c, "version", ref.version());
            putIf(c, "tag", ref.tag());
            putIf(c, "path", ref.path());
            if (ref.dependencyRefs() != null && !ref.dependencyRefs().isEmpty()) {
                c.put("dependencyRefs", ref.dependencyRefs());
            }
            Map<String, Object> values = ValuesHydrator.hydrate(data, ref);
            if (!values.isEmpty()) {
                c.put("values", values);
            }
            components.put(ref.name(), c);
        }
        doc.put("components", components);
        return doc;
    }

    private static Object listOrAbsent(List<?> l, boolean forJson) {
        return l.isEmpty() && forJson ? null : l;
    }

    private static void putIf(Map<String, Object> m, String k, String v) {
        if (!v.isEmpty()) {
            m.put(k, v);
        }
    }

    /** Walks {@code selector} (dot-separated keys, one leading dot allowed) through the document. */
    @SuppressWarnings("unchecked")
    public static Object select(Object doc, String selector) {
        String sel = selector.startsWith(".") ? selector.substring(1) : selector;
        if (sel.isEmpty()) {
            return doc;
        }
        Object cur = doc;
        for (String part : sel.split("\\.", -1)) {
            if (!(cur instanceof Map<?, ?> m)) {
                throw new AicrException(ErrorCode.NOT_FOUND,
                        "selector \"" + selector + "\": cannot descend into non-map value at \"" + part + "\"");
            }
            if (!m.containsKey(part)) {
                throw new AicrException(ErrorCode.NOT_FOUND, "selector \"" + selector + "\": key \"" + part
                        + "\" not found, available keys: " + String.join(", ", new TreeSet<>(((Map<String, Object>) m).keySet())));
            }
            cur = m.get(part);
        }
        return cur;
    }
}
