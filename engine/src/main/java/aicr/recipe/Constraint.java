package aicr.recipe;

import aicr.io.Fields;
import aicr.io.Node;
import aicr.io.Struct;

/**
 * A named expectation such as {@code K8s.server.version >= 1.32.4}. The recipe layer treats
 * it as opaque text; the rules layer gives it meaning.
 */
public record Constraint(String name, String value, String severity, String remediation, String unit) {

    static Constraint decode(Node.MapNode m) {
        return new Constraint(Fields.str(m, "name"), Fields.str(m, "value"), Fields.str(m, "severity"),
                Fields.str(m, "remediation"), Fields.str(m, "unit"));
    }

    /** A tri-state list field of constraints (null when absent). */
    static java.util.List<Constraint> decodeList(Node.MapNode m, String key) {
        java.util.List<Node.MapNode> l = Fields.mapList(m, key);
        if (l == null) {
            return null;
        }
        java.util.List<Constraint> out = new java.util.ArrayList<>(l.size());
        l.forEach(c -> out.add(decode(c)));
        return out;
    }

    public Struct toStruct() {
        Struct s = new Struct().with("name", name).with("value", value);
        if (!severity.isEmpty()) {
            s.put("severity", severity);
        }
        if (!remediation.isEmpty()) {
            s.put("remediation", remediation);
        }
        if (!unit.isEmpty()) {
            s.put("unit", unit);
        }
        return s;
    }
}
