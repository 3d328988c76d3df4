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
        String f = format == null || format.isEmpty() ? "table" : format;
        List<RecipeStore.CatalogEntry> entries = entries(store, filter);
        switch (f) {
            case "json":
                return JsonWriter.write(structs(entries), true);
            case "yaml":
                return YamlWriter.write(structs(entries), true);
            case "table":
                return table(entries);
            default:
                throw new AicrException(ErrorCode.INVALID_REQUEST,
                        "unknown output format: \"" + format + "\", valid formats are: yaml, json, table");
        }
    }

    private static List<Object> structs(List<RecipeStore.CatalogEntry> entries) {
        List<Object> out = new ArrayList<>();
        for (RecipeStore.CatalogEntry e : entries) {
            Struct c = new Struct().with("Service", e.criteria().service()).with("Accelerator", e.criteria().accelerator())
                    .with("Intent", e.criteria().intent()).with("OS", e.criteria().os())
                    .with("Platform", e.criteria().platform()).with("Nodes", (long) e.criteria().nodes());
            out.add(new Struct().with("name", e.name()).with("criteria", c).with("is_leaf", e.leaf())
                    .with("source", e.source()));
        }
        return out;
    }

    private static String table(List<RecipeStore.CatalogEntry> entries) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"NAME", "SERVICE", "ACCELERATOR", "INTENT", "OS", "PLATFORM", "IS_LEAF", "SOURCE"});
        for (RecipeStore.CatalogEntry e : entries) {
            rows.add(new String[]{e.name(), orAny(e.criteria().service()), orAny(e.criteria().accelerator()),
                    orAny(e.criteria().intent()), orAny(e.criteria().os()), orAny(e.criteria().platform()),
                    String.valueOf(e.leaf()), e.source()});
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
