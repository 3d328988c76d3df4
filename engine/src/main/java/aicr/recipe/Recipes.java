package aicr.recipe;

import aicr.config.AicrConfig;
import aicr.criteria.Criteria;
import aicr.criteria.CriteriaFile;
import aicr.criteria.CriteriaFlags;
import aicr.criteria.Dimension;
import aicr.data.DataSource;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.JsonWriter;
import aicr.io.YamlWriter;
import aicr.log.Log;
import aicr.snapshot.CriteriaDetector;
import aicr.snapshot.Snapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Entry points of the recipe and query commands, so that the CLI only parses and prints. */
public final class Recipes {
    private Recipes() {
    }

    public static final List<String> FORMATS = AicrConfig.RECIPE_FORMATS;

    /** The catalog for {@code --data DIR} (embedded when null), strict mode applied. */
    public static RecipeStore store(Path dataDir, boolean strictFlag) {
        return store(dataDir, strictFlag, AicrConfig.empty());
    }

    /** As {@link #store(Path, boolean)}, with {@code spec.recipe.data}/{@code criteriaStrict} from the config. */
    public static RecipeStore store(Path dataDir, boolean strictFlag, AicrConfig config) {
        if (dataDir != null && dataDir.toString().isEmpty()) {
            dataDir = null; // --data "" is no --data, as in the reference
        }
        if (dataDir == null && !config.string("recipe", "data").isEmpty()) {
            dataDir = Path.of(config.string("recipe", "data"));
        }
        boolean strict = strictFlag || config.recipeCriteriaStrict() || aicr.criteria.CriteriaRegistry.strictFromEnv();
        if (dataDir == null) {
            RecipeStore s = RecipeStore.embedded();
            return strict == s.criteriaRegistry().isStrict() ? s : s.withStrict(strict);
        }
        return RecipeStore.load(DataSource.withExternal(dataDir), strict);
    }

    /**
     * Query criteria: from the snapshot when one is given (detected values that parse), then
     * the config's criteria, then an optional criteria file, then the flags (flags win per
     * field). Without a snapshot an empty result is rejected: a generic query would silently
     * return only the base recipe.
     */
    public static Criteria criteria(RecipeStore store, AicrConfig config, Path criteriaFile, CriteriaFlags flags,
                                    Snapshot snapshot) {
        Criteria start = snapshot == null ? Criteria.fresh() : detected(store, snapshot);
        Criteria fromConfig = config.recipeCriteria();
        for (Dimension d : Dimension.values()) {
            String v = fromConfig.get(d);
            if (!v.isEmpty()) {
                String prior = start.get(d);
                if (!prior.isEmpty() && !prior.equals(Criteria.ANY) && !prior.equals(v)) {
                    Log.info("config overriding snapshot-detected value", "field", d.key(), "snapshot", prior, "config", v);
                }
                start = start.with(d, v);
            }
        }
        if (fromConfig.nodes() > 0) {
            if (start.nodes() > 0 && start.nodes() != fromConfig.nodes()) {
                Log.info("config overriding snapshot-detected value", "field", "nodes", "snapshot", start.nodes(),
                        "config", fromConfig.nodes());
            }
            start = start.withNodes(fromConfig.nodes());
        }
        if (criteriaFile != null) {
            start = CriteriaFile.load(criteriaFile, store.criteriaRegistry());
        }
        Criteria c = flags.applyTo(start, store.criteriaRegistry());
        if (snapshot == null && c.specificity() == 0) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "no criteria provided: specify at least one of --service, "
                    + "--accelerator, --intent, --os, --platform, --nodes, --config, or use --snapshot to load from a snapshot file");
        }
        return c;
    }

    /** Criteria a snapshot implies; values the registry does not accept are dropped silently. */
    static Criteria detected(RecipeStore store, Snapshot snapshot) {
        Criteria raw = CriteriaDetector.detect(snapshot);
        Criteria c = Criteria.fresh();
        for (Dimension d : Dimension.values()) {
            try {
                String v = raw.get(d);
                if (!v.isEmpty()) {
                    c = c.with(d, store.criteriaRegistry().parse(d, v));
                }
            } catch (AicrException e) {
                // undetectable dimension: stays "any"
            }
        }
        return c.withNodes(raw.nodes());
    }

    /** The closing log line of {@code aicr recipe}. */
    public static void logCompleted(RecipeResult r, String output) {
        Log.info("recipe generation completed", "output", output, "components", r.componentRefs().size(),
                "componentNames", String.join(", ", r.componentRefs().stream().map(c -> c.name()).toList()),
                "overlays", r.metadata().appliedOverlays().size());
    }

    /** Resolves in plain mode, or in snapshot mode when {@code check} is given; logs exclusions. */
    public static RecipeResult resolve(RecipeStore store, Criteria query, ConstraintCheck check) {
        Log.info("building recipe from criteria", "criteria", query.describe());
        Resolver resolver = new Resolver(store, w -> Log.warn(w));
        long start = System.nanoTime();
        RecipeResult r = check == null ? resolver.resolve(query, aicr.BuildInfo.VERSION)
                : resolver.resolve(query, aicr.BuildInfo.VERSION, check);
        Log.debug("overlays matched", "criteria", query.describe(), "applied", String.join(", ", r.metadata().appliedOverlays()),
                "excluded", r.metadata().excludedOverlays().size(), "components", r.componentRefs().size(),
                "ms", (System.nanoTime() - start) / 1_000_000);
        for (RecipeResult.ConstraintWarning w : r.metadata().constraintWarnings()) {
            Log.warn("overlay excluded due to constraint failure", "overlay", w.overlay(), "constraint", w.constraint(),
                    "expected", w.expected(), "actual", w.actual(), "reason", w.reason());
        }
        return r;
    }

    /** What the recipe and query commands were asked for. */
    public record Request(Path dataDir, boolean strict, AicrConfig config, Path criteriaFile, CriteriaFlags flags,
                          String snapshotUri, String format, String kubeconfig) {
        /** A request whose {@code cm://} snapshot (if any) is read through the default kubeconfig chain. */
        public Request(Path dataDir, boolean strict, AicrConfig config, Path criteriaFile, CriteriaFlags flags,
                       String snapshotUri, String format) {
            this(dataDir, strict, config, criteriaFile, flags, snapshotUri, format, null);
        }
    }

    /** A resolved request: the catalog used, the recipe, and the checked output format. */
    public record Resolved(RecipeStore store, RecipeResult result, String format) {
    }

    /**
     * Runs a request in the reference's order: catalog (with --data), output format, snapshot,
     * criteria, resolution. {@code checks} answers snapshot-mode constraint questions.
     */
    public static Resolved run(Request req, java.util.function.Function<Snapshot, ConstraintCheck> checks) {
        long start = System.nanoTime();
        AicrConfig cfg = req.config();
        RecipeStore store = store(req.dataDir(), req.strict(), cfg);
        Log.debug("recipe phase done", "phase", "catalog", "ms", (System.nanoTime() - start) / 1_000_000,
                "external", store.data().hasExternal());
        String format = checkFormat(req.format() != null ? req.format()
                : cfg.string("recipe", "output", "format").isEmpty() ? "yaml" : cfg.string("recipe", "output", "format"));
        String uri = req.snapshotUri() != null ? req.snapshotUri() : cfg.string("recipe", "input", "snapshot");
        Snapshot snap = uri == null || uri.isEmpty() ? null : aicr.snapshot.SnapshotReader.read(uri, req.kubeconfig());
        Criteria query = criteria(store, cfg, req.criteriaFile(), req.flags(), snap);
        long resolveStart = System.nanoTime();
        Log.debug("recipe phase done", "phase", "inputs", "ms", (resolveStart - start) / 1_000_000, "snapshot", snap != null);
        Resolved out = new Resolved(store, resolve(store, query, snap == null ? null : checks.apply(snap)), format);
        Log.debug("recipe phase done", "phase", "resolve", "ms", (System.nanoTime() - resolveStart) / 1_000_000);
        return out;
    }

    public static String checkFormat(String format) {
        String f = format == null || format.isEmpty() ? "yaml" : format;
        if (!FORMATS.contains(f)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "unknown output format: \"" + format + "\", valid formats are: yaml, json, table");
        }
        return f;
    }

    /** The recipe document in one of {@link #FORMATS}. */
    public static String render(RecipeResult r, String format) {
        return switch (checkFormat(format)) {
            case "json" -> json(r.toStruct());
            case "table" -> RecipeTable.render(r);
            default -> YamlWriter.write(r.toStruct(), true);
        };
    }

    /** A query result: scalars printed plain (except in JSON), everything else as a document. */
    public static String renderSelected(Object v, String format) {
        String f = checkFormat(format);
        if (f.equals("json")) {
            return json(v);
        }
        if (v instanceof String s) {
            return s + "\n";
        }
        if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof java.math.BigInteger) {
            return v + "\n";
        }
        if (v instanceof Double d) {
            return aicr.gocompat.GoFloat.reading(d) + "\n";
        }
        return YamlWriter.write(v, true);
    }

    private static String json(Object v) {
        try {
            return JsonWriter.write(v, true);
        } catch (IllegalArgumentException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to serialize recipe",
                    new AicrException(ErrorCode.INTERNAL, "failed to serialize to JSON", e));
        }
    }

    /** The hydrated query document for {@code format}. */
    public static Map<String, Object> queryDocument(RecipeResult r, RecipeStore store, String format) {
        return Query.hydrate(r, store.data(), "json".equals(checkFormat(format)));
    }
}
