package aicr.recipe;

import aicr.io.JsonWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code --format table} rendering of a recipe: every field flattened to a row named by
 * the reference's internal field path ({@code ComponentRefs.[0].Name}), rows sorted as plain
 * strings, collections of scalars and maps as compact JSON, absent pointers as {@code <nil>}.
 */
public final class RecipeTable {
    private RecipeTable() {
    }

    private static final Object NIL = new Object();

    public static String render(RecipeResult r) {
        Map<String, Object> rows = new TreeMap<>();
        rows.put("Kind", r.kind());
        rows.put("APIVersion", r.apiVersion());
        rows.put("Metadata.Version", r.metadata().version());
        rows.put("Metadata.AppliedOverlays", json(r.metadata().appliedOverlays()));
        structList(rows, "Metadata.ExcludedOverlays", r.metadata().excludedOverlays().size(), (p, i) -> {
            RecipeResult.Excluded e = r.metadata().excludedOverlays().get(i);
            rows.put(p + ".Name", e.name());
            rows.put(p + ".Reason", e.reason());
        });
        structList(rows, "Metadata.ConstraintWarnings", r.metadata().constraintWarnings().size(), (p, i) -> {
            RecipeResult.ConstraintWarning w = r.metadata().constraintWarnings().get(i);
            rows.put(p + ".Overlay", w.overlay());
            rows.put(p + ".Constraint", w.constraint());
            rows.put(p + ".Expected", w.expected());
            rows.put(p + ".Actual", w.actual());
            rows.put(p + ".Reason", w.reason());
        });
        if (r.criteria() == null) {
            rows.put("Criteria", NIL);
        } else {
            rows.put("Criteria.Service", r.criteria().service());
            rows.put("Criteria.Accelerator", r.criteria().accelerator());
            rows.put("Criteria.Intent", r.criteria().intent());
            rows.put("Criteria.OS", r.criteria().os());
            rows.put("Criteria.Platform", r.criteria().platform());
            rows.put("Criteria.Nodes", r.criteria().nodes());
        }
        constraints(rows, "Constraints", r.constraints());
        structList(rows, "ComponentRefs", r.componentRefs().size(), (p, i) -> ref(rows, p, r.componentRefs().get(i)));
        rows.put("DeploymentOrder", json(r.deploymentOrder()));
        if (r.validation() == null) {
            rows.put("Validation", NIL);
        } else {
            for (String phase : Validation.PHASES) {
                String p = "Validation." + Character.toUpperCase(phase.charAt(0)) + phase.substring(1);
                Phase ph = r.validation().phase(phase);
                if (ph == null) {
                    rows.put(p, NIL);
                    continue;
                }
                rows.put(p + ".Timeout", ph.timeout());
                constraints(rows, p + ".Constraints", ph.constraints());
                rows.put(p + ".Checks", json(ph.checks()));
                if (ph.nodeSelection() == null) {
                    rows.put(p + ".NodeSelection", NIL);
                } else {
                    rows.put(p + ".NodeSelection.Selector", json(ph.nodeSelection().selector()));
                    rows.put(p + ".NodeSelection.MaxNodes", ph.nodeSelection().maxNodes());
                    rows.put(p + ".NodeSelection.ExcludeNodes", json(ph.nodeSelection().excludeNodes()));
                }
                rows.put(p + ".Infrastructure", ph.infrastructure());
            }
        }
        List<String[]> table = new ArrayList<>();
        table.add(new String[]{"FIELD", "VALUE"});
        table.add(new String[]{"-----", "-----"});
        rows.forEach((k, v) -> table.add(new String[]{k, leaf(v)}));
        return aicr.io.TabWriter.format(table);
    }

    private static void ref(Map<String, Object> rows, String p, ComponentRef c) {
        rows.put(p + ".Name", c.name());
        rows.put(p + ".Namespace", c.namespace());
        rows.put(p + ".Chart", c.chart());
        rows.put(p + ".Type", c.type());
        rows.put(p + ".Source", c.source());
        rows.put(p + ".Version", c.version());
        rows.put(p + ".Tag", c.tag());
        rows.put(p + ".ValuesFile", c.valuesFile());
        rows.put(p + ".Overrides", json(c.overrides()));
        rows.put(p + ".Patches", json(c.patches()));
        rows.put(p + ".DependencyRefs", json(c.dependencyRefs()));
        rows.put(p + ".ManifestFiles", json(c.manifestFiles()));
        rows.put(p + ".PreManifestFiles", json(c.preManifestFiles()));
        rows.put(p + ".Path", c.path());
        rows.put(p + ".Cleanup", c.cleanup());
        List<ExpectedResource> er = c.expectedResources();
        if (er == null || er.isEmpty()) {
            rows.put(p + ".ExpectedResources", er == null ? "null" : "[]");
        } else {
            for (int i = 0; i < er.size(); i++) {
                String q = p + ".ExpectedResources.[" + i + "]";
                rows.put(q + ".Kind", er.get(i).kind());
                rows.put(q + ".Name", er.get(i).name());
                rows.put(q + ".Namespace", er.get(i).namespace());
            }
        }
        rows.put(p + ".HealthCheckAsserts", c.healthCheckAsserts());
        rows.put(p + ".HealthCheckSkip", c.healthCheckSkip());
    }

    private static void constraints(Map<String, Object> rows, String p, List<Constraint> cs) {
        if (cs == null || cs.isEmpty()) {
            rows.put(p, cs == null ? "null" : "[]");
            return;
        }
        for (int i = 0; i < cs.size(); i++) {
            String q = p + ".[" + i + "]";
            Constraint c = cs.get(i);
            rows.put(q + ".Name", c.name());
            rows.put(q + ".Value", c.value());
            rows.put(q + ".Severity", c.severity());
            rows.put(q + ".Remediation", c.remediation());
            rows.put(q + ".Unit", c.unit());
        }
    }

    private interface Element {
        void put(String prefix, int index);
    }

    private static void structList(Map<String, Object> rows, String p, int size, Element e) {
        if (size == 0) {
            rows.put(p, "null");
            return;
        }
        for (int i = 0; i < size; i++) {
            e.put(p + ".[" + i + "]", i);
        }
    }

    private static String json(Object v) {
        return v == null ? "null" : JsonWriter.write(v, false);
    }

    private static String leaf(Object v) {
        if (v == NIL) {
            return "<nil>";
        }
        if (v instanceof String s && (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\t') >= 0)) {
            return JsonWriter.write(s, false);
        }
        return String.valueOf(v);
    }
}
