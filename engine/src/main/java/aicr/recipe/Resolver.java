package aicr.recipe;

import aicr.criteria.Criteria;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Resolves criteria against a {@link RecipeStore}: select matching overlays, keep the maximal
 * leaves, merge their inheritance chains over base, merge mixins, then finalize (dependency
 * checks, deployment order, registry defaults, health checks, coherence).
 */
public final class Resolver {
    private final RecipeStore store;
    private final Consumer<String> warn;

    public Resolver(RecipeStore store, Consumer<String> warn) {
        this.store = store;
        this.warn = warn;
    }

    public Resolver(RecipeStore store) {
        this(store, w -> { });
    }

    /** Plain-mode resolution; {@code version} goes to metadata.version when non-empty. */
    public RecipeResult resolve(Criteria query, String version) {
        List<Overlay> candidates = candidates(query);
        requireOsIfNeeded(query, candidates);
        Built built = build(candidates); // mixins of base are never applied
        Spec spec = built.spec;
        List<String> applied = built.applied;
        if (applied.size() <= 1) {
            warn.accept("no environment-specific overlays matched, using base configuration only: criteria="
                    + query.describe() + " hint=recipe may not be optimized for your environment");
        }
        return finalize(query, spec, new RecipeResult.Metadata(version == null ? "" : version, applied, List.of(), List.of()));
    }

    /**
     * Snapshot-mode resolution: each candidate's own constraints are evaluated against the
     * snapshot and a failing candidate is excluded with its whole chain; mixin constraints are
     * evaluated after the merge and exclude the candidates whose chains pulled the mixin in.
     */
    public RecipeResult resolve(Criteria query, String version, ConstraintCheck check) {
        List<Overlay> candidates = candidates(query);
        requireOsIfNeeded(query, candidates);
        List<RecipeResult.Excluded> excluded = new ArrayList<>();
        List<RecipeResult.ConstraintWarning> warnings = new ArrayList<>();
        List<Overlay> surviving = new ArrayList<>();
        for (Overlay o : candidates) {
            List<Constraint> own = o.spec().constraints() == null ? List.of() : o.spec().constraints();
            List<ConstraintCheck.Result> results = own.isEmpty() ? List.of() : check.evaluate(own);
            boolean failed = false;
            for (int i = 0; i < own.size(); i++) {
                ConstraintCheck.Result res = results.get(i);
                if (res.error() != null || !res.passed()) {
                    failed = true;
                    warnings.add(warning(o.name(), own.get(i), res, ""));
                }
            }
            if (failed) {
                excluded.add(new RecipeResult.Excluded(o.name(), "constraint-failed"));
            } else {
                surviving.add(o);
            }
        }
        Built built = build(surviving);
        List<Constraint> fromMixins = new ArrayList<>();
        for (Constraint c : built.spec.constraints() == null ? List.<Constraint>of() : built.spec.constraints()) {
            if (built.mixinConstraints.contains(c.name())) {
                fromMixins.add(c);
            }
        }
        List<ConstraintCheck.Result> results = fromMixins.isEmpty() ? List.of() : check.evaluate(fromMixins);
        java.util.Set<String> dropped = new java.util.LinkedHashSet<>();
        for (int i = 0; i < fromMixins.size(); i++) {
            ConstraintCheck.Result res = results.get(i);
            if (res.error() == null && res.passed()) {
                continue;
            }
            Constraint c = fromMixins.get(i);
            List<String> owners = mixinOwners(surviving, c.name());
            if (owners.isEmpty()) {
                throw new AicrException(ErrorCode.INTERNAL, "failed to map mixin constraint to candidate chain");
            }
            for (String owner : owners) {
                if (dropped.add(owner)) {
                    excluded.add(new RecipeResult.Excluded(owner, "mixin-constraint-failed"));
                }
                warnings.add(warning(owner, c, res, "mixin-constraint-failed: "));
            }
        }
        if (!dropped.isEmpty()) {
            surviving.removeIf(o -> dropped.contains(o.name()));
            built = build(surviving);
        }
        return finalize(query, built.spec,
                new RecipeResult.Metadata(version == null ? "" : version, built.applied, excluded, warnings));
    }

    private static RecipeResult.ConstraintWarning warning(String overlay, Constraint c, ConstraintCheck.Result res,
                                                          String prefix) {
        String reason = res.error() != null ? res.error() : "expected " + c.value() + ", got " + res.actual();
        return new RecipeResult.ConstraintWarning(overlay, c.name(), c.value(), res.actual() == null ? "" : res.actual(),
                prefix + reason);
    }

    /** Candidates whose chain (any node's own mixins) references a mixin declaring {@code constraint}. */
    private List<String> mixinOwners(List<Overlay> candidates, String constraint) {
        List<String> out = new ArrayList<>();
        for (Overlay o : candidates) {
            boolean owns = false;
            for (Overlay node : chain(o.name())) {
                for (String m : node.mixins() == null ? List.<String>of() : node.mixins()) {
                    Mixin mixin = store.mixin(m);
                    if (mixin != null && mixin.spec().constraints() != null
                            && mixin.spec().constraints().stream().anyMatch(c -> c.name().equals(constraint))) {
                        owns = true;
                    }
                }
            }
            if (owns) {
                out.add(o.name());
            }
        }
        return out;
    }

    private record Built(Spec spec, List<String> applied, Set<String> mixinConstraints) {
    }

    private Built build(List<Overlay> candidates) {
        List<String> applied = new ArrayList<>();
        applied.add("base");
        Spec spec = mergeChains(candidates, store.base().spec().withMixins(null), applied);
        Set<String> fromMixins = new LinkedHashSet<>();
        return new Built(mergeMixins(spec, fromMixins), applied, fromMixins);
    }

    /** Matching overlays, ancestors of other matches removed, sorted by (specificity, name). */
    List<Overlay> candidates(Criteria query) {
        List<Overlay> matches = new ArrayList<>();
        for (Overlay o : store.overlays().values()) {
            if (o.criteria() != null && o.criteria().matches(query)) {
                matches.add(o);
            }
        }
        Set<String> ancestors = new HashSet<>();
        for (Overlay o : matches) {
            Set<String> seen = new HashSet<>();
            String b = o.base();
            while (!b.isEmpty() && !b.equals("base") && seen.add(b)) {
                ancestors.add(b);
                Overlay parent = store.overlays().get(b);
                if (parent == null) {
                    break;
                }
                b = parent.base();
            }
        }
        matches.removeIf(o -> ancestors.contains(o.name()));
        matches.sort(Comparator.comparingInt((Overlay o) -> o.criteria().specificity())
                .thenComparing(Overlay::name, Resolver::compareBytes));
        return matches;
    }

    static int compareBytes(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private void requireOsIfNeeded(Criteria q, List<Overlay> candidates) {
        if (isAny(q.service()) || !isAny(q.os())) {
            return;
        }
        String accel = q.accelerator().equals(Criteria.ANY) ? "" : q.accelerator();
        for (Overlay o : candidates) {
            Criteria c = o.criteria();
            String oa = c.accelerator().equals(Criteria.ANY) ? "" : c.accelerator();
            if (c.service().equals(q.service()) && oa.equals(accel)) {
                return;
            }
        }
        Set<String> oses = new TreeSet<>(Resolver::compareBytes);
        for (Overlay o : store.overlays().values()) {
            Criteria c = o.criteria();
            if (c == null || isAny(c.os())) {
                continue;
            }
            if (c.matches(new Criteria(q.service(), q.accelerator(), q.intent(), c.os(), q.platform(), q.nodes()))) {
                oses.add(c.os());
            }
        }
        if (!oses.isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "service '" + q.service()
                    + "' has no OS-agnostic recipe for accelerator '" + accel + "'; specify an OS (valid: "
                    + String.join(", ", oses) + ")");
        }
    }

    private static boolean isAny(String v) {
        return v == null || v.isEmpty() || v.equals(Criteria.ANY);
    }

    private Spec mergeChains(List<Overlay> candidates, Spec spec, List<String> applied) {
        Set<String> processed = new HashSet<>();
        for (Overlay o : candidates) {
            List<Overlay> chain;
            try {
                chain = chain(o.name());
            } catch (AicrException e) {
                throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "failed to resolve inheritance chain", e);
            }
            for (Overlay node : chain) {
                if (processed.add(node.name())) {
                    spec = spec.merge(node.spec());
                    applied.add(node.name());
                }
            }
        }
        return spec;
    }

    /** The chain root→leaf, base excluded. */
    List<Overlay> chain(String name) {
        List<Overlay> chain = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        String cur = name;
        while (!cur.isEmpty() && !cur.equals("base")) {
            if (!visited.add(cur)) {
                throw new AicrException(ErrorCode.INVALID_REQUEST,
                        "circular inheritance detected: recipe \"" + cur + "\" references itself in inheritance chain");
            }
            Overlay o = store.overlays().get(cur);
            if (o == null) {
                throw new AicrException(ErrorCode.NOT_FOUND,
                        "recipe \"" + cur + "\" not found (referenced in inheritance chain)");
            }
            chain.add(0, o);
            cur = o.base();
        }
        return chain;
    }

    /** The spec with its mixins merged in (and none left named); adds the names of mixin-contributed constraints. */
    Spec mergeMixins(Spec spec, Set<String> mixinConstraints) {
        List<String> names = spec.mixins();
        if (names == null || names.isEmpty()) {
            return spec.withMixins(null);
        }
        Set<String> existingC = new HashSet<>();
        if (spec.constraints() != null) {
            spec.constraints().forEach(c -> existingC.add(c.name()));
        }
        Set<String> existingR = new HashSet<>(spec.refsByName().keySet());
        for (String name : names) {
            Mixin m = store.mixin(name);
            if (m == null) {
                throw new AicrException(ErrorCode.NOT_FOUND, "mixin \"" + name + "\" not found in recipes/mixins/");
            }
            List<Constraint> mc = m.spec().constraints() == null ? List.of() : m.spec().constraints();
            List<ComponentRef> mr = m.spec().componentRefs() == null ? List.of() : m.spec().componentRefs();
            for (Constraint c : mc) {
                if (existingC.contains(c.name())) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "mixin \"" + name + "\" constraint \"" + c.name()
                            + "\" conflicts with inheritance chain or another mixin");
                }
            }
            for (ComponentRef r : mr) {
                if (!existingR.contains(r.name())) {
                    continue;
                }
                String field = r.firstIdentityField();
                if (field != null) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "mixin \"" + name + "\" component \"" + r.name()
                            + "\" sets identity/sourcing field \"" + field + "\" which conflicts with the inheritance "
                            + "chain; mixins may only contribute Namespace, ManifestFiles, or PreManifestFiles to an "
                            + "existing component");
                }
            }
            spec = spec.merge(new Spec(m.spec().constraints(), m.spec().componentRefs(), null, null));
            mc.forEach(c -> {
                existingC.add(c.name());
                mixinConstraints.add(c.name());
            });
            mr.forEach(r -> existingR.add(r.name()));
        }
        return spec.withMixins(null);
    }

    RecipeResult finalize(Criteria query, Spec spec, RecipeResult.Metadata metadata) {
        List<ComponentRef> refs = spec.componentRefs() == null ? List.of() : spec.componentRefs();
        try {
            Dependencies.validate(refs);
        } catch (AicrException e) {
            throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "merged recipe validation failed", e);
        }
        List<String> order = Dependencies.deploymentOrder(refs);
        refs = applyRegistryDefaults(canonicalizeTypes(refs));
        Coherence.check(refs);
        return new RecipeResult(RecipeResult.KIND, RecipeResult.API_VERSION, query,
                spec.constraints() == null ? List.of() : spec.constraints(), refs, order, spec.validation(), metadata);
    }

    /** Refs with {@code helm}/{@code kustomize} types spelled canonically ({@code Helm}, {@code Kustomize}). */
    static List<ComponentRef> canonicalizeTypes(List<ComponentRef> refs) {
        List<ComponentRef> out = new ArrayList<>(refs.size());
        for (ComponentRef r : refs) {
            String t = r.type().toLowerCase(Locale.ROOT);
            String canonical = t.equals("helm") ? "Helm" : t.equals("kustomize") ? "Kustomize" : r.type();
            out.add(canonical.equals(r.type()) ? r : r.toBuilder().type(canonical).build());
        }
        return out;
    }

    private List<ComponentRef> applyRegistryDefaults(List<ComponentRef> refs) {
        ComponentRegistry reg = store.componentRegistry();
        List<ComponentRef> out = new ArrayList<>(refs.size());
        for (ComponentRef ref : refs) {
            ComponentConfig cfg = reg.get(ref.name());
            if (cfg == null) {
                out.add(ref);
                continue;
            }
            ComponentRef.Builder b = ref.toBuilder();
            String type = ref.type().isEmpty() ? cfg.type() : ref.type();
            b.type(type);
            if (type.equals("Helm")) {
                b.source(fill(ref.source(), cfg.helm().defaultRepository()))
                        .version(fill(ref.version(), cfg.helm().defaultVersion()))
                        .namespace(fill(ref.namespace(), cfg.helm().defaultNamespace()))
                        .chart(fill(ref.chart(), cfg.chartName()));
            } else if (type.equals("Kustomize")) {
                b.source(fill(ref.source(), cfg.kustomize().defaultSource()))
                        .tag(fill(ref.tag(), cfg.kustomize().defaultTag()))
                        .path(fill(ref.path(), cfg.kustomize().defaultPath()));
            }
            if (!ref.healthCheckSkip() && ref.healthCheckAsserts().isEmpty() && !cfg.assertFile().isEmpty()) {
                b.healthCheckAsserts(assertFile(ref.name(), cfg.assertFile()));
            }
            out.add(b.build());
        }
        return out;
    }

    private String assertFile(String component, String file) {
        try {
            return store.data().readText(file);
        } catch (AicrException e) {
            throw AicrException.propagate(ErrorCode.INTERNAL, "failed to read healthCheck.assertFile for component \""
                    + component + "\" from \"" + file + "\"", e);
        } catch (RuntimeException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to read healthCheck.assertFile for component \""
                    + component + "\" from \"" + file + "\"", e);
        }
    }

    private static String fill(String v, String dflt) {
        return v.isEmpty() && !dflt.isEmpty() ? dflt : v;
    }
}
