package aicr.recipe;

import aicr.criteria.CriteriaFlags;
import aicr.criteria.Dimension;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.JsonWriter;
import aicr.io.TabWriter;
import aicr.io.Struct;
import aicr.io.YamlWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code aicr recipe list}: catalog entries filtered by exact criteria values, in three formats. */
public final class RecipeCatalog {
    private RecipeCatalog() {
    }

    public static List<RecipeStore.CatalogEntry> entries(RecipeStore store, CriteriaFlags filter) {
        String[] want = new String[Dimension.values().length];
        for (Dimension d : Dimension.values()) {
            String raw = filter.get(d);
            want[d.ordinal()] = raw == null || raw.isEmpty() ? null : store.criteriaRegistry().parse(d, raw);
        }
        List<RecipeStore.CatalogEntry> out = new ArrayList<>();
        for (RecipeStore.CatalogEntry e : store.list()) {
            boolean ok = true;
            for (Dimension d : Dimension.values()) {
                String w = want[d.ordinal()];
                if (w != null && !w.equals("any") && !w.equals(e.criteria().get(d))) {
                    ok = false;
                }
            }
            if (ok) {
                out.add(e);
            }
        }
        return out;
    }

    public static String render(RecipeStore store, CriteriaFlags filter, String format) {
        return render(store, filter, format, null);
    }

    /**
     * @param health per leaf overlay: its health block (json/yaml {@code health}) and the table's
     *               STATUS and COVERAGE cells; null leaves the health axis out ({@code --no-health})
     */
    public static String render(RecipeStore store, CriteriaFlags filter, String format,
                                java.util.function.Function<RecipeStore.CatalogEntry, Health> health) {
        String f = format == null || format.isEmpty() ? "table" : format;
        if (!f.equals("json") && !f.equals("yaml") && !f.equals("table")) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "unknown output format: \"" + format + "\", valid formats are: yaml, json, table");
        }
        List<RecipeStore.CatalogEntry> entries = entries(store, filter);
        java.util.Map<String, Health> byName = new java.util.HashMap<>();
        if (health != null) {
            entries.stream().filter(RecipeStore.CatalogEntry::leaf).forEach(e -> byName.put(e.name(), health.apply(e)));
        }
        switch (f) {
            case "json":
                return JsonWriter.write(structs(entries, byName), true);
            case "yaml":
                return YamlWriter.write(structs(entries, byName), true);
            case "table":
                return table(entries, health == null ? null : byName);
            default:
                throw new AicrException(ErrorCode.INVALID_REQUEST,
                        "unknown output format: \"" + format + "\", valid formats are: yaml, json, table");
        }
    }

    /** A leaf's health as the catalog listing shows it (computed by aicr.health). */
    public interface Health {
        Struct toStruct();

        String status();

        String compactCoverage();
    }

    private static List<Object> structs(List<RecipeStore.CatalogEntry> entries, java.util.Map<String, Health> health) {
        List<Object> out = new ArrayList<>();
        for (RecipeStore.CatalogEntry e : entries) {
            Struct c = new Struct().with("Service", e.criteria().service()).with("Accelerator", e.criteria().accelerator())
                    .with("Intent", e.criteria().intent()).with("OS", e.criteria().os())
                    .with("Platform", e.criteria().platform()).with("Nodes", (long) e.criteria().nodes());
            Struct entry = new Struct().with("name", e.name()).with("criteria", c).with("is_leaf", e.leaf())
                    .with("source", e.source());
            Health h = health.get(e.name());
            if (h != null) {
                entry.with("health", h.toStruct());
            }
            out.add(entry);
        }
        return out;
    }

    private static String table(List<RecipeStore.CatalogEntry> entries, java.util.Map<String, Health> health) {
        List<String[]> rows = new ArrayList<>();
        rows.add(health == null ? new String[]{"NAME", "SERVICE", "ACCELERATOR", "INTENT", "OS", "PLATFORM", "IS_LEAF", "SOURCE"}
                : new String[]{"NAME", "SERVICE", "ACCELERATOR", "INTENT", "OS", "PLATFORM", "IS_LEAF", "STATUS", "COVERAGE",
                    "SOURCE"});
        for (RecipeStore.CatalogEntry e : entries) {
            List<String> row = new ArrayList<>(List.of(e.name(), orAny(e.criteria().service()),
                    orAny(e.criteria().accelerator()), orAny(e.criteria().intent()), orAny(e.criteria().os()),
                    orAny(e.criteria().platform()), String.valueOf(e.leaf())));
            if (health != null) {
                Health h = health.get(e.name());
                row.add(h == null ? "-" : h.status());
                row.add(h == null ? "-" : h.compactCoverage());
            }
            row.add(e.source());
            rows.add(row.toArray(String[]::new));
        }
        StringBuilder sb = new StringBuilder(TabWriter.format(rows));
        sb.append(entries.isEmpty() ? "(no matching overlays)\n"
                : "\nany = wildcard (dimension unconstrained — matches any value)\n");
        return sb.toString();
    }

    private static String orAny(String v) {
        return v == null || v.isEmpty() ? "any" : v;
    }
}
