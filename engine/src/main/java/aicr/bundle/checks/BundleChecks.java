package aicr.bundle.checks;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import aicr.recipe.ComponentConfig;
import aicr.recipe.ComponentRef;
import aicr.recipe.ComponentRegistry;
import aicr.recipe.RecipeResult;
import aicr.rules.Finding;
import aicr.rules.RuleBase;
import aicr.rules.RuleKind;
import aicr.rules.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bundle-time checks: the registry says which checks ({@code validations}) apply to which
 * component, the rule files of {@code rules/bundle-checks/} say what each check function
 * finds, and the registry entry's severity says what a finding does: {@code error} fails the
 * bundle (first error wins), {@code info} is only logged, anything else becomes a
 * {@code Warning:} note. The rule engine is started only when some bundled component declares
 * checks.
 */
public final class BundleChecks {
    private BundleChecks() {
    }

    private static volatile RuleBase shipped;

    /** Everything the checks may look at. */
    public record Facts(RecipeResult recipe, Map<String, Map<String, Object>> values, BundleOptions options,
                        List<SetValue> sets) {
    }

    public static void run(Facts f, ComponentRegistry registry, Notes notes) {
        List<BundleCheck> checks = checks(f.recipe(), registry);
        if (checks.isEmpty()) {
            return;
        }
        Map<Integer, List<CheckResult>> results = evaluate(rules(), checks, f);
        apply(checks, results, notes);
    }

    /** The registry's checks of the bundled components, in recipe order then declaration order. */
    static List<BundleCheck> checks(RecipeResult recipe, ComponentRegistry registry) {
        List<BundleCheck> out = new ArrayList<>();
        for (ComponentRef ref : recipe.componentRefs()) {
            ComponentConfig c = registry.get(ref.name());
            if (c == null) {
                continue;
            }
            for (ComponentConfig.ValidationSpec v : c.validations()) {
                out.add(new BundleCheck(out.size(), ref.name(), v.function(), v.severity(), v.message(), v.conditions()));
            }
        }
        return out;
    }

    private static RuleBase rules() {
        RuleBase b = shipped;
        if (b == null) {
            synchronized (BundleChecks.class) {
                if (shipped == null) {
                    shipped = RuleBase.shipped(RuleKind.BUNDLE_CHECK);
                }
                b = shipped;
            }
        }
        return b;
    }

    /** One session over all checks; results grouped by check. */
    static Map<Integer, List<CheckResult>> evaluate(RuleBase base, List<BundleCheck> checks, Facts f) {
        Map<Integer, List<CheckResult>> out = new TreeMap<>();
        try (Session s = base.newSession()) {
            s.insertAll(checks);
            s.insert(criteria(f.recipe()));
            s.insert(f.options());
            s.insertAll(f.sets());
            for (ComponentRef r : f.recipe().componentRefs()) {
                s.insert(new BundleComponent(r.name(), r.namespace(), f.values().getOrDefault(r.name(), Map.of())));
            }
            for (Finding finding : s.fire()) {
                if (finding.fact() instanceof CheckResult r) {
                    out.computeIfAbsent(r.check().seq(), k -> new ArrayList<>()).add(r);
                }
            }
        }
        return out;
    }

    static BundleCriteria criteria(RecipeResult recipe) {
        if (recipe.criteria() == null) {
            return new BundleCriteria(false, "", "", "", "", "");
        }
        var c = recipe.criteria();
        return new BundleCriteria(true, c.service(), c.accelerator(), c.intent(), c.os(), c.platform());
    }

    /**
     * Findings in check order, component by component as the reference does: a component's
     * warnings become notes, then its first error (if any) fails the bundle.
     */
    static void apply(List<BundleCheck> checks, Map<Integer, List<CheckResult>> results, Notes notes) {
        Map<String, List<BundleCheck>> byComponent = new LinkedHashMap<>();
        checks.forEach(c -> byComponent.computeIfAbsent(c.component(), k -> new ArrayList<>()).add(c));
        for (List<BundleCheck> componentChecks : byComponent.values()) {
            List<String> warnings = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (BundleCheck c : componentChecks) {
                for (CheckResult r : results.getOrDefault(c.seq(), List.of())) {
                    if (r.failure()) {
                        errors.add(r.message());
                        continue;
                    }
                    if (r.logConditions()) {
                        Log.warn(r.message(), "component", c.component(), "conditions", goMap(c.conditions()));
                    } else {
                        Log.warn(r.message(), "component", c.component());
                    }
                    String msg = c.message().isEmpty() ? r.message() : r.message() + ". " + c.message();
                    switch (c.severity().toLowerCase(Locale.ROOT)) {
                        case "error" -> errors.add(msg);
                        case "info" -> Log.info(msg, "component", c.component());
                        default -> warnings.add(msg);
                    }
                }
            }
            warnings.forEach(notes::warn);
            if (!errors.isEmpty()) {
                throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "component validation failed",
                        new AicrException(ErrorCode.INVALID_REQUEST, errors.get(0)));
            }
        }
    }

    /** Go's %v of a map of string lists: {@code map[intent:[training inference]]}, keys sorted. */
    static String goMap(Map<String, List<String>> m) {
        StringBuilder sb = new StringBuilder("map[");
        boolean first = true;
        for (Map.Entry<String, List<String>> e : new TreeMap<>(m == null ? Map.<String, List<String>>of() : m).entrySet()) {
            sb.append(first ? "" : " ").append(e.getKey()).append(":[")
                    .append(String.join(" ", e.getValue() == null ? List.of() : e.getValue())).append(']');
            first = false;
        }
        return sb.append(']').toString();
    }
}
