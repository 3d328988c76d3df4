package aicr.bundle.checks;

import aicr.bundle.options.ComponentPath;
import aicr.bundle.options.Toleration;
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
 *   given: { component: c, namespace: ns, values: {driver: {enabled: true}},
 *            function: CheckX, severity: info, conditions: {intent: [training]},     # a registry check (optional)
 *            criteria: {intent: training}, deployer: helm, storageClass: gp3, nodes: 4,
 *            workloadSelector: {k: v}, acceleratedNodeSelector: {k: v}, systemNodeSelector: {k: v},
 *            acceleratedNodeTolerations: ["k=v:NoSchedule"], systemNodeTolerations: ["*"],
 *            set: ["key:path=value", ...] }
 *   expect: finding | none | error          message: exact finding text (optional)
 * </pre>
 * Without {@code function} no registry check is inserted: the case exercises a user check that
 * fires on the bundle's facts alone. A case holds when the outcome matches and, unless
 * {@code rule:} names another, a rule of its own file decided it.
 */
public final class BundleCheckCases implements CaseAdapter {
    private static final Set<String> GIVEN = Set.of("component", "namespace", "values", "function", "severity",
            "conditions", "criteria", "deployer", "storageClass", "nodes", "workloadSelector", "acceleratedNodeSelector",
            "systemNodeSelector", "acceleratedNodeTolerations", "systemNodeTolerations", "set");

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
        if (component.isEmpty()) {
            return c.field() + ".given: component is required";
        }
        String function = Fields.str(g, "function");
        Map<String, List<String>> conditions = new LinkedHashMap<>();
        Node.MapNode cond = Fields.map(g, "conditions");
        if (cond != null) {
            cond.entries().keySet().forEach(k -> conditions.put(k, Fields.strList(cond, k)));
        }
        BundleCheck check = function.isEmpty() ? null
                : new BundleCheck(0, component, function, Fields.str(g, "severity"), "", conditions);
        Node.MapNode crit = Fields.map(g, "criteria");
        BundleCriteria criteria = new BundleCriteria(crit != null, Fields.str(crit, "service"), Fields.str(crit, "accelerator"),
                Fields.str(crit, "intent"), Fields.str(crit, "os"), Fields.str(crit, "platform"));
        String deployer = Fields.str(g, "deployer");
        BundleOptions options = new BundleOptions(deployer.isEmpty() ? "helm" : deployer, map(g, "systemNodeSelector"),
                map(g, "acceleratedNodeSelector"), map(g, "workloadSelector"), Fields.str(g, "storageClass"),
                g.get("nodes") == null ? 0 : Fields.integer(g, "nodes"), tolerations(g, "systemNodeTolerations"),
                tolerations(g, "acceleratedNodeTolerations"));
        List<SetValue> sets = new ArrayList<>();
        List<String> raw = Fields.strList(g, "set");
        for (String s : raw == null ? List.<String>of() : raw) {
            ComponentPath cp = ComponentPath.parse(s);
            sets.add(new SetValue(cp.component(), cp.path(), cp.value()));
        }
        Map<String, Object> values = g.get("values") == null ? Map.of() : Fields.values(g, "values");
        List<Finding> results = new ArrayList<>();
        try (Session session = base.newSession()) {
            if (check != null) {
                session.insert(check);
                if (base.implementedFunctions().contains(function)) {
                    session.insert(new CheckHandled(check));
                }
            }
            session.insert(criteria).insert(options).insertAll(sets)
                    .insert(new BundleComponent(component, Fields.str(g, "namespace"), values));
            for (Finding f : session.fire()) {
                if (f.fact() instanceof CheckResult) {
                    results.add(f);
                }
            }
            if (!session.failures().isEmpty()) {
                Session.Failure failure = session.failures().get(0);
                return "rule " + (failure.rule() == null ? "?" : failure.rule().id()) + " failed: " + failure.message();
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

    private static List<Toleration> tolerations(Node.MapNode g, String key) {
        List<String> specs = Fields.strList(g, key);
        return Toleration.parseAll(specs == null ? List.of() : specs);
    }

    private static Map<String, String> map(Node.MapNode g, String key) {
        Map<String, String> m = Fields.strMap(g, key);
        return m == null ? Map.of() : m;
    }
}
