package aicr.health;

import aicr.criteria.Criteria;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Struct;
import aicr.recipe.ComponentRef;
import aicr.recipe.Constraint;
import aicr.recipe.ConstraintCheck;
import aicr.recipe.Phase;
import aicr.recipe.RecipeResult;
import aicr.recipe.RecipeStore;
import aicr.recipe.Resolver;
import aicr.recipe.Validation;
import aicr.rules.facts.Expressions;
import aicr.snapshot.ConstraintPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Structural health of the catalog's leaf recipes, offline and deterministic (the reference's
 * ADR-009 signals). Each leaf is resolved from its own criteria with every overlay constraint
 * treated as satisfied (no snapshot), then graded:
 * <ul>
 * <li>{@code resolves}: the recipe resolves (fail), or a timeout held it (unknown);</li>
 * <li>{@code chart_pinned}: every enabled Helm component with an upstream chart names an exact
 *     chart version (no blank, bare {@code v} or padded value);</li>
 * <li>{@code constraints_wellformed}: every merged constraint's path and expression parse
 *     (fail), and resolution reported no constraint warnings (warn).</li>
 * </ul>
 * The status is fail over warn over unknown over pass. Declared validation coverage (checks per
 * phase) is described but never graded.
 */
public final class RecipeHealth {
    private RecipeHealth() {
    }

    /** The reference's operator tokens, longest first (the shipped constraint rules declare the same). */
    private static final List<String> TOKENS = Expressions.order(List.of(">=", "<=", "!=", "==", ">", "<"));
    private static final ConstraintCheck SATISFIED = cs -> cs.stream().map(c -> new ConstraintCheck.Result(true, "", null)).toList();

    /** One leaf's health as written under {@code health} in {@code aicr recipe list}. */
    public record Health(String status, Map<String, String> dimensions, Map<String, String> detail, Struct coverage)
            implements aicr.recipe.RecipeCatalog.Health {
        @Override
        public Struct toStruct() {
            Struct s = new Struct().with("status", status).with("dimensions", dimensions);
            if (!detail.isEmpty()) {
                s.with("detail", detail);
            }
            if (coverage != null) {
                s.with("coverage", coverage);
            }
            return s;
        }

        /** {@code R:2 D:4 P:1 C:10}: named checks per phase (readiness, deployment, performance, conformance). */
        @Override
        @SuppressWarnings("unchecked")
        public String compactCoverage() {
            if (coverage == null) {
                return "-";
            }
            StringBuilder b = new StringBuilder();
            for (String phase : Validation.PHASES) {
                Object checks = ((Map<String, Object>) coverage.get(phase)).get("checks");
                b.append(b.length() == 0 ? "" : " ").append(Character.toUpperCase(phase.charAt(0))).append(':')
                        .append(checks instanceof List<?> l ? l.size() : 0);
            }
            return b.toString();
        }
    }

    public static Health of(RecipeStore store, Criteria leafCriteria, String version) {
        Map<String, String> dims = new TreeMap<>();
        Map<String, String> detail = new TreeMap<>();
        RecipeResult r = null;
        try {
            r = new Resolver(store).resolve(normalize(leafCriteria), version, SATISFIED);
            dims.put("resolves", "pass");
        } catch (AicrException e) {
            dims.put("resolves", e.code() == ErrorCode.TIMEOUT ? "unknown" : "fail");
            detail.put("resolves", e.render());
        }
        Struct coverage = null;
        if (r != null) {
            grade(dims, detail, "chart_pinned", chartPinned(r));
            grade(dims, detail, "constraints_wellformed", constraintsWellformed(r));
            coverage = coverage(r.validation());
        }
        return new Health(rollup(dims), dims, detail, coverage);
    }

    private static void grade(Map<String, String> dims, Map<String, String> detail, String dim, String[] stateAndDetail) {
        dims.put(dim, stateAndDetail[0]);
        if (!stateAndDetail[1].isEmpty()) {
            detail.put(dim, stateAndDetail[1]);
        }
    }

    static String rollup(Map<String, String> dims) {
        if (dims.containsValue("fail")) {
            return "fail";
        }
        if (dims.containsValue("warn")) {
            return "warn";
        }
        return dims.containsValue("unknown") ? "unknown" : "pass";
    }

    static String[] chartPinned(RecipeResult r) {
        int helm = 0;
        List<String> unpinned = new ArrayList<>();
        for (ComponentRef ref : r.componentRefs()) {
            if (!ref.type().equals("Helm") || !ref.enabled()) {
                continue;
            }
            boolean manifestOnly = ref.source().isEmpty() && ref.chart().isEmpty() && ref.manifestFiles() != null
                    && !ref.manifestFiles().isEmpty();
            if (manifestOnly) {
                if (!ref.version().isEmpty() && !pinned(ref.version())) {
                    helm++;
                    unpinned.add(ref.name());
                }
                continue;
            }
            helm++;
            if (!pinned(ref.version())) {
                unpinned.add(ref.name());
            }
        }
        if (!unpinned.isEmpty()) {
            unpinned.sort(null);
            return new String[]{"fail", "unpinned Helm chart version for: " + String.join(", ", unpinned)};
        }
        if (helm == 0) {
            return new String[]{"pass", "no enabled Helm components, so chart version pinning does not apply"};
        }
        return new String[]{"pass", ""};
    }

    /** A version that deploys as written: not blank, not a bare {@code v}, no surrounding whitespace. */
    static boolean pinned(String v) {
        String t = v.strip();
        return !t.isEmpty() && !t.equalsIgnoreCase("v") && t.equals(v);
    }

    static String[] constraintsWellformed(RecipeResult r) {
        for (Constraint c : r.constraints()) {
            try {
                ConstraintPath.parse(c.name());
            } catch (AicrException e) {
                return new String[]{"fail", "constraint \"" + c.name() + "\": malformed path: " + e.render()};
            }
            try {
                Expressions.split(c.value(), TOKENS);
            } catch (AicrException e) {
                return new String[]{"fail", "constraint \"" + c.name() + "\": malformed value \"" + c.value() + "\": " + e.render()};
            }
        }
        if (!r.metadata().constraintWarnings().isEmpty()) {
            RecipeResult.ConstraintWarning w = r.metadata().constraintWarnings().get(0);
            return new String[]{"warn", r.metadata().constraintWarnings().size() + " constraint warning(s) during resolution; first: overlay \""
                    + w.overlay() + "\" constraint \"" + w.constraint() + "\": " + w.reason()};
        }
        return new String[]{"pass", ""};
    }

    static Struct coverage(Validation v) {
        Struct s = new Struct();
        for (String name : Validation.PHASES) {
            Phase p = v == null ? null : v.phase(name);
            Struct ph = new Struct().with("declared", p != null);
            if (p != null && p.checks() != null && !p.checks().isEmpty()) {
                List<String> checks = new ArrayList<>(p.checks());
                checks.sort(null);
                ph.with("checks", checks);
            }
            ph.with("constraints", (long) (p == null || p.constraints() == null ? 0 : p.constraints().size()));
            s.with(name, ph);
        }
        return s;
    }

    private static Criteria normalize(Criteria c) {
        return new Criteria(any(c.service()), any(c.accelerator()), any(c.intent()), any(c.os()), any(c.platform()), c.nodes());
    }

    private static String any(String v) {
        return v == null || v.isEmpty() ? Criteria.ANY : v;
    }
}
