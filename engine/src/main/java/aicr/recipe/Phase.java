package aicr.recipe;

import aicr.io.Fields;
import aicr.io.Node;
import aicr.io.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** One validation phase (readiness, deployment, performance, conformance). Lists are tri-state. */
public final class Phase {
    public String timeout = "";
    public List<Constraint> constraints;
    public List<String> checks;
    public NodeSelection nodeSelection;
    public String infrastructure = "";

    /** Node selection of a phase; {@code selector} and {@code excludeNodes} are tri-state. */
    public record NodeSelection(Map<String, String> selector, int maxNodes, List<String> excludeNodes) {
        static NodeSelection decode(Node.MapNode m) {
            return new NodeSelection(Fields.strMap(m, "selector"), Fields.integer(m, "maxNodes"),
                    Fields.strList(m, "excludeNodes"));
        }

        Struct toStruct() {
            Struct s = new Struct();
            if (selector != null && !selector.isEmpty()) {
                s.put("selector", new LinkedHashMap<String, Object>(selector));
            }
            if (maxNodes != 0) {
                s.put("maxNodes", (long) maxNodes);
            }
            if (excludeNodes != null && !excludeNodes.isEmpty()) {
                s.put("excludeNodes", excludeNodes);
            }
            return s;
        }
    }

    static Phase decode(Node.MapNode m) {
        Phase p = new Phase();
        p.timeout = Fields.str(m, "timeout");
        p.constraints = Constraint.decodeList(m, "constraints");
        p.checks = Fields.strList(m, "checks");
        Node.MapNode ns = Fields.map(m, "nodeSelection");
        p.nodeSelection = ns == null ? null : NodeSelection.decode(ns);
        p.infrastructure = Fields.str(m, "infrastructure");
        return p;
    }

    Phase copy() {
        Phase p = new Phase();
        p.timeout = timeout;
        p.constraints = constraints == null ? null : new ArrayList<>(constraints);
        p.checks = checks == null ? null : new ArrayList<>(checks);
        p.nodeSelection = nodeSelection;
        p.infrastructure = infrastructure;
        return p;
    }

    /** Merge of two present phases; {@code other} is the more specific one. */
    void merge(Phase other) {
        if (!other.timeout.isEmpty()) {
            timeout = other.timeout;
        }
        if (!other.infrastructure.isEmpty()) {
            infrastructure = other.infrastructure;
        }
        if (other.checks != null && other.checks.isEmpty()) {
            checks = new ArrayList<>();
        } else if (other.checks != null) {
            LinkedHashSet<String> s = new LinkedHashSet<>(checks == null ? List.of() : checks);
            s.addAll(other.checks);
            checks = new ArrayList<>(s);
        }
        if (other.constraints != null && other.constraints.isEmpty()) {
            constraints = new ArrayList<>();
        } else if (other.constraints != null) {
            List<Constraint> out = new ArrayList<>(constraints == null ? List.of() : constraints);
            for (Constraint c : other.constraints) {
                int at = indexOf(out, c.name());
                if (at >= 0) {
                    out.set(at, c);
                } else {
                    out.add(c);
                }
            }
            constraints = out;
        }
        if (other.nodeSelection != null) {
            nodeSelection = other.nodeSelection;
        }
    }

    private static int indexOf(List<Constraint> l, String name) {
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public Struct toStruct() {
        Struct s = new Struct();
        if (!timeout.isEmpty()) {
            s.put("timeout", timeout);
        }
        if (constraints != null && !constraints.isEmpty()) {
            List<Object> l = new ArrayList<>();
            for (Constraint c : constraints) {
                l.add(c.toStruct());
            }
            s.put("constraints", l);
        }
        if (checks != null && !checks.isEmpty()) {
            s.put("checks", checks);
        }
        if (nodeSelection != null) {
            s.put("nodeSelection", nodeSelection.toStruct());
        }
        if (!infrastructure.isEmpty()) {
            s.put("infrastructure", infrastructure);
        }
        return s;
    }
}
