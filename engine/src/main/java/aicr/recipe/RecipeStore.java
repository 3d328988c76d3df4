package aicr.recipe;

import aicr.criteria.Criteria;
import aicr.criteria.CriteriaRegistry;
import aicr.data.DataSource;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Fields;
import aicr.io.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The loaded catalog of one data source: base, overlays by name, mixins by name, the
 * criteria registry they seed, and (lazily) the component registry. Immutable after
 * {@link #load}; every resolution works on copies, so one store can serve many threads.
 */
public final class RecipeStore {
    private final DataSource data;
    private final Overlay base;
    private final Map<String, Overlay> overlays;
    private final Map<String, Mixin> mixins;
    private final CriteriaRegistry criteriaRegistry;
    private volatile ComponentRegistry componentRegistry;

    private RecipeStore(DataSource data, Overlay base, Map<String, Overlay> overlays, Map<String, Mixin> mixins,
                        CriteriaRegistry criteriaRegistry) {
        this.data = data;
        this.base = base;
        this.overlays = overlays;
        this.mixins = mixins;
        this.criteriaRegistry = criteriaRegistry;
    }

    private static volatile RecipeStore embedded;

    /** The store of the embedded catalog, built once per process. */
    public static RecipeStore embedded() {
        RecipeStore s = embedded;
        if (s == null) {
            synchronized (RecipeStore.class) {
                s = embedded;
                if (s == null) {
                    s = load(DataSource.embedded(), CriteriaRegistry.strictFromEnv());
                    embedded = s;
                }
            }
        }
        return s;
    }

    /** Walks the data source as the reference does and builds the catalog. */
    public static RecipeStore load(DataSource data, boolean strict) {
        Overlay base = null;
        Map<String, Overlay> overlays = new LinkedHashMap<>();
        Map<String, Mixin> mixins = new LinkedHashMap<>();
        CriteriaRegistry.Builder reg = CriteriaRegistry.builder();
        List<Overlay> seeds = new ArrayList<>();
        for (String path : data.walkOrder()) {
            boolean external = data.isExternal(path);
            try {
                Object loaded = loadFile(data, path, external, mixins);
                if (loaded instanceof Overlay o) {
                    if (isBaseFile(path)) {
                        base = o;
                    } else {
                        overlays.put(o.name(), o);
                        seeds.add(o);
                    }
                }
            } catch (AicrException e) {
                if (external) {
                    throw AicrException.wrap(ErrorCode.INTERNAL, "failed to walk external directory tree", e);
                }
                throw e;
            }
        }
        if (base == null) {
            throw new AicrException(ErrorCode.INTERNAL, "base.yaml not found");
        }
        try {
            Dependencies.validate(base.spec().componentRefs() == null ? List.of() : base.spec().componentRefs());
        } catch (AicrException e) {
            throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "base recipe validation failed", e);
        }
        rejectInheritanceCycles(overlays);
        for (Overlay o : seeds) {
            if (o.criteria() != null) {
                reg.add(o.criteria(), o.external() ? CriteriaRegistry.Origin.EXTERNAL : CriteriaRegistry.Origin.EMBEDDED);
            }
        }
        return new RecipeStore(data, base, Collections.unmodifiableMap(overlays), Collections.unmodifiableMap(mixins),
                reg.build(strict));
    }

    /**
     * Deliberate difference from the reference, which silently drops the members of an
     * inheritance cycle from every result: a cycle is broken data, so loading fails and names it.
     */
    private static void rejectInheritanceCycles(Map<String, Overlay> overlays) {
        for (String start : new java.util.TreeSet<>(overlays.keySet())) {
            List<String> path = new ArrayList<>();
            String cur = start;
            while (cur != null && !cur.isEmpty() && !cur.equals("base") && overlays.containsKey(cur)) {
                int at = path.indexOf(cur);
                if (at >= 0) {
                    List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
                    cycle.add(cur);
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "overlay inheritance cycle: "
                            + String.join(" -> ", cycle) + " (" + overlays.get(cur).path() + ")");
                }
                path.add(cur);
                cur = overlays.get(cur).base();
            }
        }
    }

    private static boolean isBaseFile(String path) {
        return basename(path).equals("base.yaml") && path.contains("overlays/");
    }

    private static String basename(String path) {
        int i = path.lastIndexOf('/');
        return i < 0 ? path : path.substring(i + 1);
    }

    /** Classifies one file of the walk; returns an Overlay for recipe metadata, else null. */
    private static Object loadFile(DataSource data, String path, boolean external, Map<String, Mixin> mixins) {
        String name = basename(path);
        if (path.contains("checks/")) {
            return null;
        }
        if (path.startsWith("mixins/")) {
            if (!name.endsWith(".yaml")) {
                return null;
            }
            Mixin m;
            Node.MapNode doc;
            try {
                doc = Fields.map(data.readNode(path), "");
                m = Mixin.decode(doc == null ? new Node.MapNode(Map.of(), 0) : doc, path);
            } catch (AicrException e) {
                throw AicrException.wrap(ErrorCode.INTERNAL, "failed to read mixin " + path, e);
            } catch (RuntimeException e) {
                throw new AicrException(ErrorCode.INVALID_REQUEST,
                        "failed to parse mixin " + path + " (unknown fields are not allowed)", e);
            }
            String kind = Fields.str(doc, "kind");
            if (!kind.equals("RecipeMixin")) {
                throw new AicrException(ErrorCode.INVALID_REQUEST,
                        "mixin file " + path + " has wrong kind \"" + kind + "\", expected \"RecipeMixin\"");
            }
            if (mixins.containsKey(m.name())) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "duplicate mixin name \"" + m.name() + "\" in " + path);
            }
            mixins.put(m.name(), m);
            return null;
        }
        if (path.contains("components/") || !name.endsWith(".yaml")
                || name.equals("data-v1.yaml") || name.equals("registry.yaml")) {
            return null;
        }
        Node.MapNode doc;
        Overlay o;
        try {
            Node n = data.readNode(path);
            doc = Fields.map(n, "");
            if (doc == null) {
                doc = new Node.MapNode(Map.of(), 0);
            }
            String kind = Fields.str(doc, "kind");
            if (!kind.isEmpty() && !kind.equals("RecipeMetadata")) {
                return null;
            }
            o = Overlay.decode(doc, external, path);
        } catch (AicrException e) {
            throw AicrException.wrap(ErrorCode.INTERNAL, "failed to read " + path, e);
        } catch (RuntimeException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "failed to parse " + path, e);
        }
        return o;
    }

    /** The same catalog with criteria strict mode switched on or off. */
    RecipeStore withStrict(boolean strict) {
        return new RecipeStore(data, base, overlays, mixins, criteriaRegistry.strict(strict));
    }

    public DataSource data() {
        return data;
    }

    public CriteriaRegistry criteriaRegistry() {
        return criteriaRegistry;
    }

    Overlay base() {
        return base;
    }

    public Map<String, Overlay> overlays() {
        return overlays;
    }

    Mixin mixin(String name) {
        return mixins.get(name);
    }

    /** The component registry (loaded on first use: a broken registry fails resolution, not loading). */
    public ComponentRegistry componentRegistry() {
        ComponentRegistry r = componentRegistry;
        if (r == null) {
            synchronized (this) {
                r = componentRegistry;
                if (r == null) {
                    r = ComponentRegistry.load(data);
                    componentRegistry = r;
                }
            }
        }
        return r;
    }

    /** Overlays with criteria, by name, with leaf flags: what {@code aicr recipe list} shows. */
    public List<CatalogEntry> list() {
        java.util.Set<String> parents = new java.util.HashSet<>();
        overlays.values().forEach(o -> parents.add(o.base()));
        List<CatalogEntry> out = new ArrayList<>();
        new TreeMap<>(overlays).forEach((n, o) -> {
            if (o.criteria() != null) {
                out.add(new CatalogEntry(n, o.criteria(), !parents.contains(n), o.external() ? "external" : "embedded"));
            }
        });
        return out;
    }

    /** One row of the catalog listing. */
    public record CatalogEntry(String name, Criteria criteria, boolean leaf, String source) {
    }
}
