package aicr.recipe;

import aicr.io.Fields;
import aicr.io.Node;
import aicr.io.Struct;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The validation block: phases by name. A phase key with a null value is the same as an
 * absent phase; {@code {}} is a present, empty phase.
 */
public final class Validation {
    /** Phase names in output order. */
    public static final String[] PHASES = {"readiness", "deployment", "performance", "conformance"};

    public final Map<String, Phase> phases = new LinkedHashMap<>();

    static Validation decode(Node.MapNode m) {
        Validation v = new Validation();
        for (String name : PHASES) {
            Node.MapNode p = Fields.map(m, name);
            if (p != null) {
                v.phases.put(name, Phase.decode(p));
            }
        }
        return v;
    }

    public Phase phase(String name) {
        return phases.get(name);
    }

    Validation copy() {
        Validation v = new Validation();
        phases.forEach((k, p) -> v.phases.put(k, p.copy()));
        return v;
    }

    void merge(Validation other) {
        for (String name : PHASES) {
            Phase o = other.phases.get(name);
            if (o == null) {
                continue;
            }
            Phase mine = phases.get(name);
            if (mine == null) {
                phases.put(name, o.copy());
            } else {
                mine.merge(o);
            }
        }
        // keep the canonical phase order
        Map<String, Phase> ordered = new LinkedHashMap<>();
        for (String name : PHASES) {
            if (phases.containsKey(name)) {
                ordered.put(name, phases.get(name));
            }
        }
        phases.clear();
        phases.putAll(ordered);
    }

    public Struct toStruct() {
        Struct s = new Struct();
        phases.forEach((k, p) -> s.put(k, p.toStruct()));
        return s;
    }
}
