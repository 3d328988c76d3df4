package aicr.recipe;

import aicr.io.Fields;
import aicr.io.Node;
import aicr.io.Struct;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The validation block: phases by name, in {@link #PHASES} order. A phase key with a null
 * value is the same as an absent phase; {@code {}} is a present, empty phase. Immutable.
 */
public record Validation(Map<String, Phase> phases) {
    /** Phase names in output order. */
    public static final String[] PHASES = {"readiness", "deployment", "performance", "conformance"};

    public Validation {
        // canonical phase order, whatever order the phases came in
        Map<String, Phase> ordered = new LinkedHashMap<>();
        for (String name : PHASES) {
            if (phases.containsKey(name)) {
                ordered.put(name, phases.get(name));
            }
        }
        phases = Collections.unmodifiableMap(ordered);
    }

    static Validation decode(Node.MapNode m) {
        Map<String, Phase> phases = new LinkedHashMap<>();
        for (String name : PHASES) {
            Node.MapNode p = Fields.map(m, name);
            if (p != null) {
                phases.put(name, Phase.decode(p));
            }
        }
        return new Validation(phases);
    }

    public Phase phase(String name) {
        return phases.get(name);
    }

    /** {@code other} (the more specific block) merged over this one, phase by phase. */
    Validation merge(Validation other) {
        Map<String, Phase> out = new LinkedHashMap<>(phases);
        other.phases.forEach((name, o) -> out.merge(name, o, Phase::merge));
        return new Validation(out);
    }

    public Struct toStruct() {
        Struct s = new Struct();
        phases.forEach((k, p) -> s.put(k, p.toStruct()));
        return s;
    }
}
