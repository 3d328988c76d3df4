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
