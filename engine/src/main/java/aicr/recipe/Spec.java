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
 * Used both as catalog data (never mutated) and as the accumulator of one resolution.
 */
public final class Spec {
    public List<Constraint> constraints;
    public List<ComponentRef> componentRefs;
    public Validation validation;
    public List<String> mixins;

    static Spec decode(Node.MapNode spec) {
        Spec s = new Spec();
        s.constraints = Constraint.decodeList(spec, "constraints");
        List<Node.MapNode> rs = Fields.mapList(spec, "componentRefs");
        if (rs != null) {
            s.componentRefs = new ArrayList<>();
            for (Node.MapNode r : rs) {
                s.componentRefs.add(ComponentRef.decode(r));
            }
        }
        Node.MapNode v = Fields.map(spec, "validation");
        s.validation = v == null ? null : Validation.decode(v);
        s.mixins = Fields.strList(spec, "mixins");
        return s;
    }

    /** A deep copy, so a resolution never changes catalog data. */
    Spec copy() {
        Spec s = new Spec();
        s.constraints = constraints == null ? null : new ArrayList<>(constraints);
        if (componentRefs != null) {
            s.componentRefs = new ArrayList<>();
            for (ComponentRef r : componentRefs) {
                s.componentRefs.add(r.copy());
            }
        }
        s.validation = validation == null ? null : validation.copy();
        s.mixins = mixins == null ? null : new ArrayList<>(mixins);
        return s;
    }

    /** Merges a more specific spec into this one (chain order); results come out name-sorted. */
    void merge(Spec other) {
        Map<String, Constraint> cons = new TreeMap<>();
        if (constraints != null) {
            constraints.forEach(c -> cons.put(c.name(), c));
        }
        if (other.constraints != null) {
            other.constraints.forEach(c -> cons.put(c.name(), c));
        }
        constraints = new ArrayList<>(cons.values());

        Map<String, ComponentRef> refs = new TreeMap<>();
        if (componentRefs != null) {
            componentRefs.forEach(r -> refs.put(r.name, r));
        }
        if (other.componentRefs != null) {
            for (ComponentRef r : other.componentRefs) {
                ComponentRef mine = refs.get(r.name);
                if (mine == null) {
                    refs.put(r.name, r.copy());
                } else {
                    mine.merge(r);
                }
            }
        }
        componentRefs = new ArrayList<>(refs.values());

        if (other.validation != null) {
            if (validation == null) {
                validation = other.validation.copy();
            } else {
                validation.merge(other.validation);
            }
        }
        if (other.mixins != null) {
            if (mixins == null) {
                mixins = new ArrayList<>();
            }
            for (String m : other.mixins) {
                if (!mixins.contains(m)) {
                    mixins.add(m);
                }
            }
        }
    }

    Map<String, ComponentRef> refsByName() {
        Map<String, ComponentRef> m = new LinkedHashMap<>();
        if (componentRefs != null) {
            componentRefs.forEach(r -> m.put(r.name, r));
        }
        return m;
    }
}
