package aicr.recipe;

import aicr.io.Fields;
import aicr.io.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mergeable part of an overlay: constraints, component refs, validation and mixin names.
 * Immutable: catalog data is shared by every resolution, and {@link #merge} returns the
 * accumulated spec of one resolution as a new value. Lists are tri-state (null when absent).
 */
public record Spec(List<Constraint> constraints, List<ComponentRef> componentRefs, Validation validation,
                   List<String> mixins) {

    public Spec {
        constraints = constraints == null ? null : List.copyOf(constraints);
        componentRefs = componentRefs == null ? null : List.copyOf(componentRefs);
        mixins = mixins == null ? null : List.copyOf(mixins);
    }

    static Spec decode(Node.MapNode spec) {
        List<Node.MapNode> rs = Fields.mapList(spec, "componentRefs");
        Node.MapNode v = Fields.map(spec, "validation");
        return new Spec(Constraint.decodeList(spec, "constraints"),
                rs == null ? null : rs.stream().map(ComponentRef::decode).toList(),
                v == null ? null : Validation.decode(v), Fields.strList(spec, "mixins"));
    }

    Spec withMixins(List<String> names) {
        return new Spec(constraints, componentRefs, validation, names);
    }

    /** A more specific spec merged into this one (chain order); results come out name-sorted. */
    Spec merge(Spec other) {
        Map<String, Constraint> cons = new TreeMap<>();
        if (constraints != null) {
            constraints.forEach(c -> cons.put(c.name(), c));
        }
        if (other.constraints != null) {
            other.constraints.forEach(c -> cons.put(c.name(), c));
        }

        Map<String, ComponentRef> refs = new TreeMap<>(refsByName());
        if (other.componentRefs != null) {
            for (ComponentRef r : other.componentRefs) {
                refs.merge(r.name(), r, ComponentRef::merge);
            }
        }

        Validation v = validation;
        if (other.validation != null) {
            v = validation == null ? other.validation : validation.merge(other.validation);
        }
        List<String> m = mixins;
        if (other.mixins != null) {
            m = new ArrayList<>(mixins == null ? List.of() : mixins);
            for (String name : other.mixins) {
                if (!m.contains(name)) {
                    m.add(name);
                }
            }
        }
        return new Spec(new ArrayList<>(cons.values()), new ArrayList<>(refs.values()), v, m);
    }

    Map<String, ComponentRef> refsByName() {
        Map<String, ComponentRef> m = new LinkedHashMap<>();
        if (componentRefs != null) {
            componentRefs.forEach(r -> m.put(r.name(), r));
        }
        return m;
    }
}
