package aicr.bundle.checks;

import aicr.BuildInfo;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import aicr.recipe.ComponentConfig;
import aicr.recipe.ComponentRef;
import aicr.recipe.ComponentRegistry;
import aicr.recipe.RecipeResult;
import aicr.rules.Finding;
import aicr.rules.Limits;
import aicr.rules.RuleBase;
import aicr.rules.RuleCache;
import aicr.rules.RuleInfo;
import aicr.rules.RuleKind;
import aicr.rules.RuleSet;
import aicr.rules.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bundle-time checks: the registry says which checks ({@code validations}) apply to which
 * component, the rule files of {@code rules/bundle-checks/} (plus {@code --rules} directories)
 * say what each check function finds, and the registry entry's severity says what a finding
 * does: {@code error} fails the bundle (first error wins), {@code info} is only logged, anything
 * else becomes a {@code Warning:} note. User rule files may also check the bundle's facts
 * without a registry entry ({@link CheckResult#of}); then the rule's own severity decides.
 * The rule engine is started only when some bundled component declares checks or
 * {@code --rules} is given.
 */
public final class BundleChecks {
    private BundleChecks() {
    }

    private static volatile RuleBase shipped;

    /** Everything the checks may look at. */
    public record Facts(RecipeResult recipe, Map<String, Map<String, Object>> values, BundleOptions options,
                        List<SetValue> sets) {
    }

    /** The {@code --rules} directories (in order) and the session's limits. */
    public record Rules(List<Path> dirs, Limits limits) {
        public Rules {
            dirs = dirs == null ? List.of() : List.copyOf(dirs);
            limits = limits == null ? Limits.DEFAULT : limits;
        }

        public static final Rules SHIPPED = new Rules(List.of(), Limits.DEFAULT);
    }

    public static void run(Facts f, ComponentRegistry registry, Notes notes) {
        run(f, registry, notes, Rules.SHIPPED);
    }

    public static void run(Facts f, ComponentRegistry registry, Notes notes, Rules rules) {
        List<BundleCheck> checks = checks(f.recipe(), registry);
        if (checks.isEmpty() && rules.dirs().isEmpty()) {
            return;
        }
        RuleBase base = rules.dirs().isEmpty() ? shipped()
                : RuleBase.withDirectories(RuleKind.BUNDLE_CHECK, rules.dirs(),
                new RuleCache(RuleCache.defaultRoot(), BuildInfo.VERSION));
        if (!rules.dirs().isEmpty()) {
            RuleSet set = base.ruleSet();
            Log.info("bundle-check rules loaded", "digest", set.digest(), "added", String.join(",", set.added()),
                    "replaced", String.join(",", set.replaced()));
        }
        apply(checks, evaluate(base, checks, f, rules.limits()), notes, f.recipe());
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

    private static RuleBase shipped() {
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

    /** A finding and the rule that made it. */
    record Result(CheckResult result, RuleInfo rule) {
    }

    /** One session over all checks; results in the order the rules inserted them. */
    static List<Result> evaluate(RuleBase base, List<BundleCheck> checks, Facts f, Limits limits) {
        List<Result> out = new ArrayList<>();
        try (Session s = base.newSession(limits)) {
            s.insertAll(checks);
            java.util.Set<String> implemented = base.implementedFunctions();
            for (BundleCheck c : checks) {
                if (implemented.contains(c.function())) {
                    s.insert(new CheckHandled(c));
                }
            }
            s.insert(criteria(f.recipe()));
            s.insert(f.options());
            s.insertAll(f.sets());
            for (ComponentRef r : f.recipe().componentRefs()) {
                s.insert(new BundleComponent(r.name(), r.namespace(), f.values().getOrDefault(r.name(), Map.of())));
            }
            for (Finding finding : s.fire()) {
                if (finding.fact() instanceof CheckResult r) {
                    out.add(new Result(r, finding.rule()));
                }
            }
            for (Session.Failure failure : s.failures()) {
                BundleCheck check = null;
                for (Object o : failure.facts()) {
                    if (o instanceof BundleCheck c) {
                        check = c;
                    }
                }
                String msg = "rule " + (failure.rule() == null ? "?" : failure.rule().id()) + " failed: " + failure.message();
                if (check == null) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "bundle check failed", new AicrException(
                            ErrorCode.INTERNAL, msg));
                }
                out.add(new Result(CheckResult.failure(check, msg), failure.rule()));
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
     * Findings component by component (recipe order) as the reference does: a component's
     * registry checks in their order, then the findings of user checks; its warnings become
     * notes, then its first error (if any) fails the bundle. Findings of shipped rules print
     * exactly as the reference prints them ({@code --debug} adds the rule and its file); findings
     * of {@code --rules} files name their rule.
     */
    static void apply(List<BundleCheck> checks, List<Result> results, Notes notes, RecipeResult recipe) {
        Map<String, List<Result>> byComponent = new LinkedHashMap<>();
        recipe.componentRefs().forEach(r -> byComponent.put(r.name(), new ArrayList<>()));
        Map<Integer, List<Result>> byCheck = new TreeMap<>();
        for (Result r : results) {
            if (r.result().check() != null) {
                byCheck.computeIfAbsent(r.result().check().seq(), k -> new ArrayList<>()).add(r);
            }
        }
        for (BundleCheck c : checks) {
            byComponent.computeIfAbsent(c.component(), k -> new ArrayList<>()).addAll(byCheck.getOrDefault(c.seq(), List.of()));
        }
        for (Result r : results) {
            if (r.result().check() == null) {
                byComponent.computeIfAbsent(r.result().component(), k -> new ArrayList<>()).add(r);
            }
        }
        for (List<Result> componentResults : byComponent.values()) {
            List<String> warnings = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (Result res : componentResults) {
                CheckResult r = res.result();
                BundleCheck c = r.check();
                boolean user = res.rule() != null && !res.rule().shipped();
                String tag = user ? " (rule " + res.rule().id() + ")" : "";
                if (res.rule() != null) {
                    Log.debug("bundle check finding", "rule", res.rule().id(), "file", res.rule().file(),
                            "component", r.component());
                }
                if (r.failure()) {
                    errors.add(r.message() + tag);
                    continue;
                }
                List<Object> kv = new ArrayList<>(List.of("component", r.component()));
                if (r.logConditions() && c != null) {
                    kv.addAll(List.of("conditions", goMap(c.conditions())));
                }
                if (user) {
                    kv.addAll(List.of("rule", res.rule().id()));
                }
                Log.warn(r.message(), kv.toArray());
                String severity = c != null ? c.severity() : res.rule() == null ? "warning" : res.rule().severity();
                String msg = (c == null || c.message().isEmpty() ? r.message() : r.message() + ". " + c.message()) + tag;
                switch (severity.toLowerCase(Locale.ROOT)) {
                    case "error" -> errors.add(msg);
                    case "info" -> Log.info(msg, "component", r.component());
                    default -> warnings.add(msg);
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
