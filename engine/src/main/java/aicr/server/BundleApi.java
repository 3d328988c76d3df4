package aicr.server;

import aicr.bundle.ApiBundleOptions;
import aicr.bundle.Bundler;
import aicr.bundle.options.ComponentPath;
import aicr.bundle.options.DeployerType;
import aicr.bundle.options.Scheduling;
import aicr.bundle.options.Selectors;
import aicr.bundle.options.Taint;
import aicr.bundle.options.Toleration;
import aicr.bundle.options.Validators;
import aicr.bundle.tree.BundleTree;
import aicr.criteria.Dimension;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.gocompat.GoStrings;
import aicr.io.JsonReader;
import aicr.io.Node;
import aicr.io.YamlSyntaxException;
import aicr.recipe.ComponentConfig;
import aicr.recipe.ComponentRef;
import aicr.recipe.RecipeLoader;
import aicr.recipe.RecipeResult;
import aicr.recipe.RecipeStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/bundle}: a RecipeResult body and the bundle options as query parameters, in
 * the reference's order of checks and with its messages; the bundle is built and zipped in
 * memory, so nothing touches the disk whether the request succeeds or fails.
 */
final class BundleApi {
    /** The largest legitimate body is a full recipe with inline health checks: 8 MiB as in the reference. */
    static final long MAX_BODY = 8L * 1024 * 1024;

    private final RecipeStore store;
    private final AllowLists allow;
    private final String bundlerVersion;

    BundleApi(RecipeStore store, AllowLists allow, String version) {
        this.store = store;
        this.allow = allow;
        this.bundlerVersion = Bundler.bundlerVersion(version);
    }

    void bundle(Exchange ex) {
        if (!ex.method.equals("POST")) {
            ex.setHeader("Allow", "POST");
            throw ApiError.methodNotAllowed(ex.method, false);
        }
        long start = System.nanoTime();
        Params p;
        try {
            p = params(ex);
        } catch (AicrException e) {
            throw ApiError.of(e, "Invalid query parameters");
        }
        byte[] body = ex.body(MAX_BODY);
        Node doc;
        try {
            doc = JsonReader.parse(new String(body, StandardCharsets.UTF_8));
        } catch (YamlSyntaxException | IllegalArgumentException e) {
            throw ApiError.badRequest("Invalid request body", Map.of("error", String.valueOf(e.getMessage())));
        }
        RecipeResult recipe;
        try {
            recipe = RecipeLoader.fromDocument(doc, store);
        } catch (YamlSyntaxException e) {
            throw ApiError.badRequest("Invalid request body", Map.of("error", String.valueOf(e.getMessage())));
        } catch (AicrException e) {
            throw ApiError.of(e, "Failed to prepare recipe for bundling");
        }
        if (recipe.componentRefs().isEmpty()) {
            throw ApiError.badRequest("Recipe must contain at least one component reference", (Map<String, Object>) null);
        }
        Dimension rejected = allow.rejected(recipe.criteria());
        if (rejected != null) {
            throw ApiError.badRequest(AllowLists.message(rejected),
                    Map.of("requested", recipe.criteria().get(rejected), "allowed", allow.get(rejected)));
        }
        List<ComponentPath> set = new ArrayList<>(p.options.set());
        if (p.bundlers != null) {
            set.addAll(selection(recipe, p.bundlers, p.options.set()));
        }
        ApiBundleOptions options = new ApiBundleOptions(p.options.deployer(), p.options.repo(), set, p.options.dynamic(),
                p.options.scheduling(), p.options.vendorCharts(), p.options.appName());
        BundleTree tree;
        try {
            tree = Bundler.buildInMemory(options, recipe, store, bundlerVersion);
        } catch (AicrException e) {
            throw ApiError.of(e, "Failed to generate bundle");
        }
        byte[] zip = BundleZip.zip(tree);
        ex.setHeader("Content-Disposition", "attachment; filename=\"bundles.zip\"");
        ex.setHeader("X-Bundle-Files", Integer.toString(tree.files().size()));
        ex.setHeader("X-Bundle-Size", Long.toString(tree.totalSize()));
        ex.setHeader("X-Bundle-Duration", aicr.gocompat.GoDuration.format(java.time.Duration.ofNanos(System.nanoTime() - start)));
        ex.send(200, "application/zip", zip);
    }

    /** Parsed query parameters; {@code bundlers} is null when the parameter is absent. */
    private record Params(ApiBundleOptions options, List<String> bundlers) {
    }

    private static Params params(Exchange ex) {
        List<ComponentPath> set = wrap("Invalid set parameter", () -> ComponentPath.parseValueOverrides(list(ex, "set")));
        List<ComponentPath> dynamic = wrap("Invalid dynamic parameter", () -> ComponentPath.parseDynamic(list(ex, "dynamic")));
        Map<String, String> sysSel = wrap("Invalid system-node-selector", () -> Selectors.parse(list(ex, "system-node-selector")));
        Map<String, String> accSel = wrap("Invalid accelerated-node-selector",
                () -> Selectors.parse(list(ex, "accelerated-node-selector")));
        List<Toleration> sysTol = wrap("Invalid system-node-toleration",
                () -> Toleration.parseAll(list(ex, "system-node-toleration")));
        List<Toleration> accTol = wrap("Invalid accelerated-node-toleration",
                () -> Toleration.parseAll(list(ex, "accelerated-node-toleration")));
        String d = ex.param("deployer");
        DeployerType deployer = d.isEmpty() ? DeployerType.HELM : wrap("Invalid deployer parameter", () -> DeployerType.parse(d));
        String repo = ex.param("repo");
        String gate = ex.param("workload-gate");
        Taint taint = gate.isEmpty() ? null : wrap("Invalid workload-gate parameter", () -> Taint.parse(gate));
        Map<String, String> workloadSel = wrap("Invalid workload-selector parameter",
                () -> Selectors.parse(list(ex, "workload-selector")));
        int nodes = 0;
        String n = ex.param("nodes");
        if (!n.isEmpty()) {
            try {
                nodes = Integer.parseInt(n.startsWith("+") ? n.substring(1) : n);
            } catch (NumberFormatException e) {
                nodes = -1;
            }
            if (nodes < 0) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "nodes must be a non-negative integer");
            }
        }
        boolean vendor = false;
        String v = ex.param("vendor-charts");
        if (!v.isEmpty()) {
            vendor = wrap("vendor-charts must be a boolean (true/false)", () -> GoStrings.parseBool(v));
        }
        String appName = ex.param("app-name");
        if (!appName.isEmpty()) {
            if (!deployer.isArgo()) {
                throw new AicrException(ErrorCode.INVALID_REQUEST,
                        "app-name is only valid with deployer=argocd or deployer=argocd-helm");
            }
            Validators.appName(appName);
        }
        List<String> bundlers = null;
        List<String> raw = ex.params("bundlers");
        if (raw != null) {
            Set<String> names = new LinkedHashSet<>();
            for (String value : raw) {
                for (String name : value.split(",", -1)) {
                    if (!name.isBlank()) {
                        names.add(name.strip());
                    }
                }
            }
            if (names.isEmpty()) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "bundlers must contain at least one component name");
            }
            bundlers = List.copyOf(names);
        }
        Scheduling scheduling = new Scheduling(sysSel, sysTol, accSel, accTol, taint, workloadSel, nodes, "");
        return new Params(new ApiBundleOptions(deployer, repo, set, dynamic, scheduling, vendor, appName), bundlers);
    }

    /**
     * The {@code bundlers} filter: every name must be an enabled component of the recipe; the
     * components not named are dropped as {@code <name>:enabled=false} would drop them (their
     * dependency edges count as satisfied elsewhere).
     */
    private List<ComponentPath> selection(RecipeResult recipe, List<String> bundlers, List<ComponentPath> set) {
        List<String> declared = recipe.componentRefs().stream().map(r -> r.name()).toList();
        for (String name : bundlers) {
            ComponentRef ref = recipe.component(name);
            if (ref == null) {
                throw ApiError.badRequest("unknown component " + GoStrings.quote(name)
                        + " in bundlers filter; recipe declares: " + String.join(", ", declared), (Map<String, Object>) null);
            }
            if (!ref.enabled() || disabledBySet(name, set)) {
                throw ApiError.badRequest("component " + GoStrings.quote(name)
                        + " is disabled and cannot be selected via the bundlers filter", (Map<String, Object>) null);
            }
        }
        List<ComponentPath> drop = new ArrayList<>();
        for (ComponentRef ref : recipe.componentRefs()) {
            if (!bundlers.contains(ref.name()) && ref.enabled()) {
                drop.add(new ComponentPath(ref.name(), "enabled", "false"));
            }
        }
        return drop;
    }

    /** {@code set=<name or override key>:enabled=false}. */
    private boolean disabledBySet(String name, List<ComponentPath> set) {
        ComponentConfig cfg = store.componentRegistry().get(name);
        for (ComponentPath cp : set) {
            boolean names = cp.component().equals(name) || (cfg != null && cfg.valueOverrideKeys().contains(cp.component()));
            if (names && cp.path().equals("enabled") && cp.value() != null) {
                try {
                    if (!GoStrings.parseBool(cp.value())) {
                        return true;
                    }
                } catch (AicrException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private static List<String> list(Exchange ex, String name) {
        List<String> l = ex.params(name);
        return l == null ? List.of() : l;
    }

    private static <T> T wrap(String message, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (AicrException e) {
            throw AicrException.wrap(ErrorCode.INVALID_REQUEST, message, e);
        }
    }
}
