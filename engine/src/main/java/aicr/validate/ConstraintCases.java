package aicr.validate;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Node;
import aicr.rules.CaseAdapter;
import aicr.rules.RuleBase;
import aicr.rules.RuleFile;
import aicr.rules.RuleKind;
import aicr.rules.facts.Outcome;
import aicr.snapshot.ConstraintPath;
import aicr.snapshot.Measurement;
import aicr.snapshot.Snapshot;
import aicr.snapshot.SnapshotReader;
import aicr.snapshot.Subtype;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Example cases of constraint rule files. A case gives a constraint and the reading it is
 * checked against:
 * <pre>
 *   given: { name: OS.release.ID, constraint: "!= rhel", reading: ubuntu }   # name defaults to K8s.server.version
 *   given: { name: NetworkTopology.pfs[1].rail, constraint: "1", snapshot: {measurements: [...]} }
 *   expect: pass | fail | error
 *   message: exact error text (optional)      rule: id of the deciding rule (optional)
 * </pre>
 * The reading is typed exactly as in a YAML snapshot ({@code 1.50} is the float 1.5). A case
 * holds only if a rule of its own file decided it (or the named rule did).
 */
public final class ConstraintCases implements CaseAdapter {
    private static final Set<String> GIVEN = Set.of("name", "constraint", "reading", "snapshot");
    static final String DEFAULT_NAME = "K8s.server.version";

    @Override
    public RuleKind kind() {
        return RuleKind.CONSTRAINT;
    }

    @Override
    public String run(RuleBase base, RuleFile file, RuleFile.RuleCase c) {
        Node.MapNode g = c.given();
        for (String k : g.entries().keySet()) {
            if (!GIVEN.contains(k)) {
                return c.field() + ".given." + k + ": unknown fact (use name, constraint, reading, snapshot)";
            }
        }
        if (!(g.get("constraint") instanceof Node.ScalarNode expr)) {
            return c.field() + ".given.constraint: required (the constraint expression)";
        }
        String name = text(g.get("name"), DEFAULT_NAME);
        Snapshot snap = snapshot(g, name);
        Outcome want;
        try {
            want = Outcome.valueOf(c.expect().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return c.field() + ".expect: must be pass, fail or error, not \"" + c.expect() + "\"";
        }
        ConstraintResult r = new ConstraintEvaluator(base)
                .evaluate(List.of(new ConstraintFacts.Input(name, expr.isNull() ? "" : expr.text())), snap, List.of())
                .get(0);
        String by = r.rule() == null ? "no rule" : "rule " + r.rule().id();
        if (r.outcome() != want) {
            return "expected " + c.expect() + ", got " + r.outcome().name().toLowerCase(Locale.ROOT) + " (" + by
                    + (r.message() != null ? ": " + r.message() : "") + ")";
        }
        if (c.rule() != null ? r.rule() == null || !c.rule().equals(r.rule().id())
                : r.rule() == null || !file.id().equals(r.rule().fileId())) {
            return "decided by " + by + (r.rule() == null ? "" : " (" + r.rule().file() + ")") + ", expected "
                    + (c.rule() != null ? "rule " + c.rule() : "a rule of this file");
        }
        if (c.message() != null && !c.message().equals(r.message())) {
            return "message differs: got " + r.message();
        }
        return null;
    }

    private static String text(Node n, String dflt) {
        if (n instanceof Node.ScalarNode s && !s.isNull()) {
            return s.text();
        }
        return dflt;
    }

    /** The case's snapshot: given explicitly, or one reading placed at the constraint's path. */
    private static Snapshot snapshot(Node.MapNode g, String name) {
        Node explicit = g.get("snapshot");
        if (explicit != null) {
            if (g.get("reading") != null) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "give either reading or snapshot, not both");
            }
            return SnapshotReader.fromNode(explicit, false);
        }
        Node reading = g.get("reading");
        if (!g.entries().containsKey("reading")) {
            return new Snapshot("Snapshot", Snapshot.API_VERSION, Map.of(), null, List.of());
        }
        ConstraintPath p;
        try {
            p = ConstraintPath.parse(name);
        } catch (AicrException e) {
            return new Snapshot("Snapshot", Snapshot.API_VERSION, Map.of(), null, List.of());
        }
        if (p.itemForm()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "an item path needs a snapshot: give snapshot instead of reading");
        }
        Subtype st = new Subtype(p.subtype(), Map.of(p.key(), SnapshotReader.reading(reading)), Map.of(), List.of());
        return new Snapshot("Snapshot", Snapshot.API_VERSION, Map.of(), null,
                List.of(new Measurement(p.type(), List.of(st))));
    }
}
