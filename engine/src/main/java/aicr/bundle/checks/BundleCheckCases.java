package aicr.bundle.checks;

import aicr.bundle.options.ComponentPath;
import aicr.io.Fields;
import aicr.io.Node;
import aicr.rules.CaseAdapter;
import aicr.rules.Finding;
import aicr.rules.RuleBase;
import aicr.rules.RuleFile;
import aicr.rules.RuleKind;
import aicr.rules.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Example cases of bundle-check rule files ({@code aicr rules test}, the test suite):
 * <pre>
 *   given: { component: c, function: CheckX, severity: info, conditions: {intent: [training]},
 *            criteria: {intent: training}, workloadSelector: {k: v}, acceleratedNodeSelector: {k: v},
 *            systemNodeSelector: {k: v}, set: ["key:path=value", ...] }
 *   expect: finding | none | error          message: exact finding text (optional)
 * </pre>
 * A case holds when the outcome matches and, unless {@code rule:} names another, a rule of its
 * own file decided it.
 */
public final class BundleCheckCases implements CaseAdapter {
    private static final Set<String> GIVEN = Set.of("component", "function", "severity", "conditions", "criteria",
            "workloadSelector", "acceleratedNodeSelector", "systemNodeSelector", "set");

    @Override
    public RuleKind kind() {
        return RuleKind.BUNDLE_CHECK;
    }

    @Override
    public String run(RuleBase base, RuleFile file, RuleFile.RuleCase c) {
        Node.MapNode g = c.given();
        for (String k : g.entries().keySet()) {
            if (!GIVEN.contains(k)) {
                return c.field() + ".given." + k + ": unknown fact (use " + String.join(", ", GIVEN.stream().sorted().toList()) + ")";
            }
        }
        String component = Fields.str(g, "component");
        if (component.isEmpty() || Fields.str(g, "function").isEmpty()) {
            return c.field() + ".given: component and function are required";
        }
        Map<String, List<String>> conditions = new LinkedHashMap<>();
        Node.MapNode cond = Fields.map(g, "conditions");
        if (cond != null) {
            cond.entries().keySet().forEach(k -> conditions.put(k, Fields.strList(cond, k)));
        }
        BundleCheck check = new BundleCheck(0, component, Fields.str(g, "function"), Fields.str(g, "severity"), "", conditions);
        Node.MapNode crit = Fields.map(g, "criteria");
        BundleCriteria criteria = new BundleCriteria(crit != null, Fields.str(crit, "service"), Fields.str(crit, "accelerator"),
                Fields.str(crit, "intent"), Fields.str(crit, "os"), Fields.str(crit, "platform"));
        BundleOptions options = new BundleOptions("helm", map(g, "systemNodeSelector"), map(g, "acceleratedNodeSelector"),
                map(g, "workloadSelector"), "", 0);
        List<SetValue> sets = new ArrayList<>();
        List<String> raw = Fields.strList(g, "set");
        for (String s : raw == null ? List.<String>of() : raw) {
            ComponentPath cp = ComponentPath.parse(s);
            sets.add(new SetValue(cp.component(), cp.path(), cp.value()));
        }
        List<Finding> results = new ArrayList<>();
        try (Session session = base.newSession()) {
            session.insert(check).insert(criteria).insert(options).insertAll(sets)
                    .insert(new BundleComponent(component, "", Map.of()));
            for (Finding f : session.fire()) {
                if (f.fact() instanceof CheckResult) {
                    results.add(f);
                }
            }
        }
        String outcome = results.isEmpty() ? "none" : ((CheckResult) results.get(0).fact()).failure() ? "error" : "finding";
        if (!outcome.equals(c.expect())) {
            return "expected " + c.expect() + ", got " + outcome
                    + (results.isEmpty() ? "" : ": " + ((CheckResult) results.get(0).fact()).message());
        }
        if (results.isEmpty()) {
            return null;
        }
        Finding first = results.get(0);
        boolean ownRule = c.rule() != null ? c.rule().equals(first.rule().id()) : file.id().equals(first.rule().fileId());
        if (!ownRule) {
            return "decided by rule " + first.rule().id() + " (" + first.rule().file() + ")";
        }
        String message = ((CheckResult) first.fact()).message();
        if (c.message() != null && !c.message().equals(message)) {
            return "message differs: got " + message;
        }
        return null;
    }

    private static Map<String, String> map(Node.MapNode g, String key) {
        Map<String, String> m = Fields.strMap(g, key);
        return m == null ? Map.of() : m;
    }
}
