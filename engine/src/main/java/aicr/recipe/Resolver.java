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
        RecipeResult r = finalize(query, spec, applied);
        r.metadata.version = version == null ? "" : version;
        return r;
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
            List<Constraint> own = o.spec().constraints == null ? List.of() : o.spec().constraints;
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
        for (Constraint c : built.spec.constraints == null ? List.<Constraint>of() : built.spec.constraints) {
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
        RecipeResult r = finalize(query, built.spec, built.applied);
        r.metadata.version = version == null ? "" : version;
        r.metadata.excludedOverlays = excluded;
        r.metadata.constraintWarnings = warnings;
        return r;
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
                    if (mixin != null && mixin.spec().constraints != null
                            && mixin.spec().constraints.stream().anyMatch(c -> c.name().equals(constraint))) {
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
        Spec spec = store.base().spec().copy();
        spec.mixins = null;
        List<String> applied = new ArrayList<>();
        applied.add("base");
        mergeChains(candidates, spec, applied);
        Set<String> fromMixins = mergeMixins(spec);
        return new Built(spec, applied, fromMixins);
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

    private void mergeChains(List<Overlay> candidates, Spec spec, List<String> applied) {
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
                    spec.merge(node.spec());
                    applied.add(node.name());
                }
            }
        }
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

    /** Returns the names of mixin-contributed constraints. */
    Set<String> mergeMixins(Spec spec) {
        Set<String> mixinConstraints = new LinkedHashSet<>();
        if (spec.mixins == null || spec.mixins.isEmpty()) {
            spec.mixins = null;
            return mixinConstraints;
        }
        Set<String> existingC = new HashSet<>();
        if (spec.constraints != null) {
            spec.constraints.forEach(c -> existingC.add(c.name()));
        }
        Set<String> existingR = new HashSet<>();
        if (spec.componentRefs != null) {
            spec.componentRefs.forEach(r -> existingR.add(r.name));
        }
        for (String name : spec.mixins) {
            Mixin m = store.mixin(name);
            if (m == null) {
                throw new AicrException(ErrorCode.NOT_FOUND, "mixin \"" + name + "\" not found in recipes/mixins/");
            }
            List<Constraint> mc = m.spec().constraints == null ? List.of() : m.spec().constraints;
            List<ComponentRef> mr = m.spec().componentRefs == null ? List.of() : m.spec().componentRefs;
            for (Constraint c : mc) {
                if (existingC.contains(c.name())) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "mixin \"" + name + "\" constraint \"" + c.name()
                            + "\" conflicts with inheritance chain or another mixin");
                }
            }
            for (ComponentRef r : mr) {
                if (!existingR.contains(r.name)) {
                    continue;
                }
                String field = r.firstIdentityField();
                if (field != null) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "mixin \"" + name + "\" component \"" + r.name
                            + "\" sets identity/sourcing field \"" + field + "\" which conflicts with the inheritance "
                            + "chain; mixins may only contribute Namespace, ManifestFiles, or PreManifestFiles to an "
                            + "existing component");
                }
            }
            Spec fragment = new Spec();
            fragment.constraints = m.spec().constraints;
            fragment.componentRefs = m.spec().componentRefs;
            List<String> keep = spec.mixins;
            spec.mixins = null;
            spec.merge(fragment);
            spec.mixins = keep;
            mc.forEach(c -> {
                existingC.add(c.name());
                mixinConstraints.add(c.name());
            });
            mr.forEach(r -> existingR.add(r.name));
        }
        spec.mixins = null;
        return mixinConstraints;
    }

    RecipeResult finalize(Criteria query, Spec spec, List<String> applied) {
        List<ComponentRef> refs = spec.componentRefs == null ? new ArrayList<>() : spec.componentRefs;
        try {
            Dependencies.validate(refs);
        } catch (AicrException e) {
            throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "merged recipe validation failed", e);
        }
        List<String> order = Dependencies.deploymentOrder(refs);
        canonicalizeTypes(refs);
        applyRegistryDefaults(refs);
        RecipeResult r = new RecipeResult();
        r.criteria = query;
        r.constraints = spec.constraints == null ? new ArrayList<>() : spec.constraints;
        r.componentRefs = refs;
        r.deploymentOrder = order;
        r.validation = spec.validation;
        r.metadata.appliedOverlays = applied;
        Coherence.check(refs);
        return r;
    }

    static void canonicalizeTypes(List<ComponentRef> refs) {
        for (ComponentRef r : refs) {
            String t = r.type.toLowerCase(Locale.ROOT);
            if (t.equals("helm")) {
                r.type = "Helm";
            } else if (t.equals("kustomize")) {
                r.type = "Kustomize";
            }
        }
    }

    private void applyRegistryDefaults(List<ComponentRef> refs) {
        ComponentRegistry reg = store.componentRegistry();
        for (ComponentRef r : refs) {
            ComponentConfig cfg = reg.get(r.name);
            if (cfg == null) {
                continue;
            }
            if (r.type.isEmpty()) {
                r.type = cfg.type();
            }
            if (r.type.equals("Helm")) {
                r.source = fill(r.source, cfg.helm().defaultRepository());
                r.version = fill(r.version, cfg.helm().defaultVersion());
                r.namespace = fill(r.namespace, cfg.helm().defaultNamespace());
                r.chart = fill(r.chart, cfg.chartName());
            } else if (r.type.equals("Kustomize")) {
                r.source = fill(r.source, cfg.kustomize().defaultSource());
                r.tag = fill(r.tag, cfg.kustomize().defaultTag());
                r.path = fill(r.path, cfg.kustomize().defaultPath());
            }
        }
        for (ComponentRef r : refs) {
            ComponentConfig cfg = reg.get(r.name);
            if (r.healthCheckSkip || !r.healthCheckAsserts.isEmpty() || cfg == null || cfg.assertFile().isEmpty()) {
                continue;
            }
            try {
                r.healthCheckAsserts = new String(store.data().readBytes(cfg.assertFile()), StandardCharsets.UTF_8);
            } catch (AicrException e) {
                throw AicrException.propagate(ErrorCode.INTERNAL, "failed to read healthCheck.assertFile for component \""
                        + r.name + "\" from \"" + cfg.assertFile() + "\"", e);
            } catch (RuntimeException e) {
                throw new AicrException(ErrorCode.INTERNAL, "failed to read healthCheck.assertFile for component \""
                        + r.name + "\" from \"" + cfg.assertFile() + "\"", e);
            }
        }
    }

    private static String fill(String v, String dflt) {
        return v.isEmpty() && !dflt.isEmpty() ? dflt : v;
    }
}
