package aicr.config;

import aicr.criteria.Criteria;
import aicr.criteria.CriteriaRegistry;
import aicr.criteria.Dimension;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Fields;
import aicr.io.InputSource;
import aicr.io.JsonReader;
import aicr.io.Node;
import aicr.io.YamlReader;
import aicr.io.YamlSyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * An {@code AICRConfig} file ({@code --config}): one document, decoded strictly, with
 * settings for snapshot, recipe, bundle and validate. Command-line flags override it.
 * Each command reads its own section; recipe settings are typed here.
 */
public final class AicrConfig {
    public static final String KIND = "AICRConfig";
    public static final String API_VERSION = "aicr.run/v1alpha2";
    /** Output formats of {@code aicr recipe} and {@code aicr query} ({@code spec.recipe.output.format}). */
    public static final List<String> RECIPE_FORMATS = List.of("yaml", "json", "table");

    private final Node.MapNode spec;

    private AicrConfig(Node.MapNode spec) {
        this.spec = spec;
    }

    /** A config with no settings (no {@code --config} given). */
    public static AicrConfig empty() {
        return new AicrConfig(null);
    }

    /** Loads and validates {@code source} (a path or http(s) URL); null gives {@link #empty()}. */
    public static AicrConfig load(String source) {
        if (source == null) {
            return empty();
        }
        if (source.isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "config source is empty");
        }
        if (source.startsWith("cm://")) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "ConfigMap (cm://) sources are not supported by --config; "
                    + "export the ConfigMap data with `kubectl get cm <name> -o yaml` and pass the resulting file");
        }
        if (source.startsWith("file://")) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "file:// URIs are not supported by --config; pass the path directly (e.g. /etc/aicr/config.yaml)");
        }
        byte[] bytes;
        try {
            bytes = InputSource.read(source);
        } catch (AicrException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw AicrException.wrap(ErrorCode.NOT_FOUND, "config file not found: \"" + source + "\"", e);
            }
            throw e;
        }
        Node doc;
        try {
            doc = parse(InputSource.decode(bytes, source), isJson(source));
            ConfigSchema.check(doc, ConfigSchema.ROOT, "");
        } catch (YamlSyntaxException e) {
            // a limit refusal and a syntax error are both invalid input here, as in the reference
            throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "failed to parse config from \"" + source + "\"",
                    new AicrException(ErrorCode.INVALID_REQUEST, e.getMessage()));
        }
        Node.MapNode root = Fields.map(doc, "AICRConfig");
        String kind = Fields.str(root, "kind");
        if (!kind.equals(KIND)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid kind \"" + kind + "\": expected \"" + KIND + "\"");
        }
        String api = Fields.str(root, "apiVersion");
        if (!api.equals(API_VERSION)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "invalid apiVersion \"" + api + "\": expected \"" + API_VERSION + "\"");
        }
        Node.MapNode spec = Fields.map(root, "spec");
        if (spec == null || List.of("snapshot", "recipe", "bundle", "validate").stream().noneMatch(spec.entries()::containsKey)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "config has none of spec.snapshot, spec.recipe, spec.bundle, spec.validate; at least one is required");
        }
        AicrConfig cfg = new AicrConfig(spec);
        cfg.validateRecipe();
        return cfg;
    }

    private static boolean isJson(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        int cut = indexOfAny(lower, '?', '#');
        if (cut >= 0) {
            lower = lower.substring(0, cut);
        }
        return lower.endsWith(".json");
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    private static Node parse(String text, boolean json) {
        if (json) {
            return JsonReader.parse(text);
        }
        List<Node> docs = YamlReader.parseAll(text);
        if (docs.size() > 1) {
            throw new YamlSyntaxException("unexpected trailing YAML document; AICRConfig accepts a single document");
        }
        return docs.isEmpty() ? null : docs.get(0);
    }

    /** The {@code spec.<name>} section, or null. Commands read their own section. */
    public Node.MapNode section(String name) {
        return Fields.map(spec, name);
    }

    /** {@code spec.<section>.<a>.<b>...} as a string ("" when absent). */
    public String string(String section, String... path) {
        Node.MapNode m = section(section);
        for (int i = 0; i < path.length - 1 && m != null; i++) {
            m = Fields.map(m, path[i]);
        }
        return m == null ? "" : Fields.str(m, path[path.length - 1]);
    }

    private void validateRecipe() {
        Node.MapNode r = section("recipe");
        if (r == null) {
            return;
        }
        if (Fields.map(r, "criteria") != null && !string("recipe", "input", "snapshot").isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "spec.recipe.criteria and spec.recipe.input.snapshot are mutually exclusive");
        }
        recipeCriteria();
        String format = string("recipe", "output", "format");
        if (!format.isEmpty() && !RECIPE_FORMATS.contains(format)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "invalid spec.recipe.output.format \"" + format + "\" (valid: yaml, json, table)");
        }
    }

    /**
     * {@code spec.recipe.criteria}, validated against the built-in values only (as the
     * reference does: a value known only from {@code --data} is rejected here).
     */
    public Criteria recipeCriteria() {
        Node.MapNode c = Fields.map(section("recipe"), "criteria");
        Criteria out = new Criteria("", "", "", "", "", 0);
        if (c == null) {
            return out;
        }
        for (Dimension d : Dimension.values()) {
            String raw = Fields.str(c, d.key());
            if (raw.isEmpty()) {
                continue;
            }
            try {
                out = out.with(d, CriteriaRegistry.parseStatic(d, raw));
            } catch (AicrException e) {
                throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "invalid spec.recipe.criteria." + d.key(), e);
            }
        }
        int nodes = Fields.integer(c, "nodes");
        if (nodes < 0) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid nodes count: " + nodes + " (must be >= 0)");
        }
        return out.withNodes(nodes);
    }

    public boolean recipeCriteriaStrict() {
        Node.MapNode r = section("recipe");
        return r != null && Fields.bool(r, "criteriaStrict");
    }
}
