package aicr.recipe;

import aicr.io.Fields;
import aicr.io.Node;
import aicr.io.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One validation phase (readiness, deployment, performance, conformance). Immutable; lists are
 * tri-state (null when absent).
 */
public record Phase(String timeout, List<Constraint> constraints, List<String> checks, NodeSelection nodeSelection,
                    String infrastructure) {

    public Phase {
        constraints = constraints == null ? null : List.copyOf(constraints);
        checks = checks == null ? null : List.copyOf(checks);
    }

    /** Node selection of a phase; {@code selector} and {@code excludeNodes} are tri-state. */
    public record NodeSelection(Map<String, String> selector, int maxNodes, List<String> excludeNodes) {
        public NodeSelection {
            selector = selector == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(selector));
            excludeNodes = excludeNodes == null ? null : List.copyOf(excludeNodes);
        }

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
        Node.MapNode ns = Fields.map(m, "nodeSelection");
        return new Phase(Fields.str(m, "timeout"), Constraint.decodeList(m, "constraints"), Fields.strList(m, "checks"),
                ns == null ? null : NodeSelection.decode(ns), Fields.str(m, "infrastructure"));
    }

    /** Merge of two present phases; {@code other} is the more specific one. */
    Phase merge(Phase other) {
        List<String> mergedChecks = checks;
        if (other.checks != null && other.checks.isEmpty()) {
            mergedChecks = List.of();
        } else if (other.checks != null) {
            LinkedHashSet<String> s = new LinkedHashSet<>(checks == null ? List.of() : checks);
            s.addAll(other.checks);
            mergedChecks = new ArrayList<>(s);
        }
        List<Constraint> mergedConstraints = constraints;
        if (other.constraints != null && other.constraints.isEmpty()) {
            mergedConstraints = List.of();
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
            mergedConstraints = out;
        }
        return new Phase(other.timeout.isEmpty() ? timeout : other.timeout, mergedConstraints, mergedChecks,
                other.nodeSelection != null ? other.nodeSelection : nodeSelection,
                other.infrastructure.isEmpty() ? infrastructure : other.infrastructure);
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
