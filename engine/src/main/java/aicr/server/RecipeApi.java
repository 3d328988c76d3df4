package aicr.server;

import aicr.criteria.Criteria;
import aicr.criteria.CriteriaFile;
import aicr.criteria.Dimension;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Fields;
import aicr.io.JsonReader;
import aicr.io.Node;
import aicr.io.YamlReader;
import aicr.io.YamlSyntaxException;
import aicr.recipe.Query;
import aicr.recipe.RecipeResult;
import aicr.recipe.RecipeStore;
import aicr.recipe.Resolver;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /v1/recipe} and {@code /v1/query}: criteria from query parameters (GET) or a body
 * (POST), the allow-lists, then resolution against the one shared, immutable recipe store.
 */
final class RecipeApi {
    /** Recipe and query bodies are criteria documents: 1 MiB is far more than any needs. */
    static final long MAX_BODY = 1024 * 1024;
    private static final String CACHE_CONTROL = "public, max-age=600";

    private final RecipeStore store;
    private final AllowLists allow;
    private final ApiMetrics metrics;
    private final String version;
    private final ResponseCache<Criteria> recipes = new ResponseCache<>(256);
    private final ResponseCache<Map.Entry<Criteria, String>> queries = new ResponseCache<>(1024);

    RecipeApi(RecipeStore store, AllowLists allow, ApiMetrics metrics, String version) {
        this.store = store;
        this.allow = allow;
        this.metrics = metrics;
        this.version = version;
    }

    void recipe(Exchange ex) {
        Criteria c = switch (ex.method) {
            case "GET" -> fromParams(ex, "Invalid recipe criteria");
            case "POST" -> fromCriteriaBody(ex);
            default -> {
                ex.setHeader("Allow", "GET, POST");
                throw ApiError.methodNotAllowed(ex.method, true, "GET", "POST");
            }
        };
        checkAllowed(c);
        byte[] body = recipes.get(c, () -> Exchange.jsonBody(resolve(c).toStruct()));
        ex.setHeader("Cache-Control", CACHE_CONTROL);
        ex.jsonBytes(200, body);
    }

    void query(Exchange ex) {
        Criteria c;
        String selector;
        switch (ex.method) {
            case "GET" -> {
                c = fromParams(ex, "Invalid query criteria");
                selector = ex.param("selector");
            }
            case "POST" -> {
                byte[] body = ex.body(MAX_BODY);
                Node.MapNode doc = queryDocument(ex, body);
                c = queryCriteria(doc);
                selector = Fields.str(doc, "selector");
            }
            default -> {
                ex.setHeader("Allow", "GET, POST");
                throw ApiError.methodNotAllowed(ex.method, true, "GET", "POST");
            }
        }
        checkAllowed(c);
        String sel = selector;
        byte[] body = queries.get(Map.entry(c, sel), () -> Exchange.jsonBody(select(c, sel)));
        ex.setHeader("Cache-Control", CACHE_CONTROL);
        ex.jsonBytes(200, body);
    }

    private Object select(Criteria c, String selector) {
        RecipeResult r = resolve(c);
        Map<String, Object> hydrated;
        try {
            hydrated = Query.hydrate(r, store.data(), true);
        } catch (AicrException e) {
            throw ApiError.of(e, "Failed to hydrate recipe");
        }
        Object selected;
        try {
            selected = Query.select(hydrated, selector);
        } catch (AicrException e) {
            Map<String, Object> d = new TreeMap<>();
            d.put("selector", selector);
            d.put("error", e.render());
            throw new ApiError(404, ErrorCode.NOT_FOUND, "Selector path not found", d, false);
        }
        return selected;
    }

    private RecipeResult resolve(Criteria c) {
        long start = System.nanoTime();
        try {
            return new Resolver(store).resolve(c, version);
        } catch (AicrException e) {
            throw ApiError.of(e, "Failed to build recipe");
        } finally {
            metrics.recipeBuild.observe((System.nanoTime() - start) / 1e9);
        }
    }

    private void checkAllowed(Criteria c) {
        Dimension d = allow.rejected(c);
        if (d != null) {
            throw ApiError.badRequest(AllowLists.message(d), Map.of("requested", c.get(d), "allowed", allow.get(d)));
        }
    }

    /** GET parameters: each dimension parsed against the store's registry ({@code gpu} aliases {@code accelerator}). */
    private Criteria fromParams(Exchange ex, String message) {
        Criteria c = Criteria.fresh();
        try {
            for (Dimension d : Dimension.values()) {
                String v = ex.param(d.key());
                if (v.isEmpty() && d == Dimension.ACCELERATOR) {
                    v = ex.param("gpu");
                }
                if (!v.isEmpty()) {
                    try {
                        c = c.with(d, store.criteriaRegistry().parse(d, v));
                    } catch (AicrException e) {
                        throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "invalid " + d.key() + " parameter", e);
                    }
                }
            }
            String nodes = ex.param("nodes");
            if (!nodes.isEmpty()) {
                c = c.withNodes(nodes(nodes));
            }
        } catch (AicrException e) {
            throw ApiError.badRequest(message, Map.of("error", e.render()));
        }
        return c;
    }

    /** Go's {@code fmt.Sscanf("%d")}: leading blanks, an optional sign, then at least one digit. */
    static int nodes(String raw) {
        String s = raw.stripLeading();
        int i = 0;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digitsFrom = i;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && i - digitsFrom < 10) {
            i++;
        }
        if (i == digitsFrom) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid nodes value: " + raw);
        }
        long n = Long.parseLong(s.substring(0, i));
        if (n < 0) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid nodes count: " + n + " (must be >= 0)");
        }
        if (n > Integer.MAX_VALUE) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid nodes value: " + raw);
        }
        return (int) n;
    }

    /**
     * A RecipeCriteria body: YAML for the YAML media types, JSON for JSON or none, and any
     * other type is tried as JSON.
     */
    private Criteria fromCriteriaBody(Exchange ex) {
        byte[] body = ex.body(MAX_BODY);
        try {
            if (body.length == 0) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "request body is empty");
            }
            String text = new String(body, StandardCharsets.UTF_8);
            String mt = ex.mediaType();
            Node doc;
            switch (mt) {
                case "application/x-yaml", "application/yaml", "text/yaml" -> doc = parse(text, false, "failed to parse YAML body");
                case "application/json", "" -> doc = parse(text, true, "failed to parse JSON body");
                default -> doc = parse(text, true, "unsupported content type \"" + ex.rawContentType()
                        + "\" and failed to parse as JSON");
            }
            return CriteriaFile.parse(doc, store.criteriaRegistry());
        } catch (AicrException e) {
            throw ApiError.badRequest("Invalid recipe criteria", Map.of("error", e.render()));
        } catch (YamlSyntaxException e) {
            throw ApiError.badRequest("Invalid recipe criteria", Map.of("error",
                    new AicrException(ErrorCode.INVALID_REQUEST, "failed to decode criteria", e).render()));
        }
    }

    /** A QueryRequest body: JSON when the content type mentions json, YAML otherwise (the reference's rule). */
    private static Node.MapNode queryDocument(Exchange ex, byte[] body) {
        try {
            if (body.length == 0) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "request body cannot be empty");
            }
            boolean json = ex.rawContentType().contains("json");
            Node doc = parse(new String(body, StandardCharsets.UTF_8), json,
                    json ? "failed to parse JSON body" : "failed to parse YAML body");
            Node.MapNode m = Fields.map(doc, "recipe.QueryRequest");
            return m == null ? new Node.MapNode(Map.of(), 0) : m;
        } catch (AicrException e) {
            throw ApiError.badRequest("Invalid query request body", Map.of("error", e.render()));
        } catch (YamlSyntaxException e) {
            throw ApiError.badRequest("Invalid query request body", Map.of("error", e.getMessage()));
        }
    }

    /** The bare criteria object of a query: absent is an error; given fields are checked, absent ones stay "". */
    private Criteria queryCriteria(Node.MapNode doc) {
        Node n = doc.get("criteria");
        if (n == null || (n instanceof Node.ScalarNode s && s.isNull())) {
            throw ApiError.badRequest("Query criteria cannot be empty", (Map<String, Object>) null);
        }
        try {
            Node.MapNode m = Fields.map(n, "recipe.Criteria");
            Criteria c = new Criteria("", "", "", "", "", Fields.integer(m, "nodes"));
            for (Dimension d : Dimension.values()) {
                String raw = Fields.str(m, d.key());
                if (!raw.isEmpty()) {
                    try {
                        c = c.with(d, store.criteriaRegistry().parse(d, raw));
                    } catch (AicrException e) {
                        throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "invalid " + d.key(), e);
                    }
                }
            }
            return c;
        } catch (AicrException e) {
            throw ApiError.badRequest("Invalid criteria in request body", Map.of("error", e.render()));
        } catch (YamlSyntaxException e) {
            throw ApiError.badRequest("Invalid query request body", Map.of("error", e.getMessage()));
        }
    }

    private static Node parse(String text, boolean json, String failure) {
        try {
            return json ? JsonReader.parse(text) : YamlReader.parse(text);
        } catch (YamlSyntaxException | IllegalArgumentException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, failure, e);
        }
    }
}
