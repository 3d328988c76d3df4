package aicr.recipe;

import aicr.criteria.Criteria;
import aicr.io.Struct;
import java.util.ArrayList;
import java.util.List;

/**
 * A resolved recipe: what {@code aicr recipe} prints and what validate and bundle consume.
 * Produced by {@link Resolver} or loaded from a file by {@link RecipeLoader}. Immutable.
 */
public record RecipeResult(String kind, String apiVersion, Criteria criteria, List<Constraint> constraints,
                           List<ComponentRef> componentRefs, List<String> deploymentOrder, Validation validation,
                           Metadata metadata) {
    public static final String KIND = "RecipeResult";
    public static final String API_VERSION = "aicr.run/v1alpha2";

    public RecipeResult {
        constraints = List.copyOf(constraints);
        componentRefs = List.copyOf(componentRefs);
        deploymentOrder = List.copyOf(deploymentOrder);
    }

    /** Overlays excluded in snapshot mode, and why. */
    public record Excluded(String name, String reason) {
    }

    /** A snapshot constraint that excluded an overlay. */
    public record ConstraintWarning(String overlay, String constraint, String expected, String actual, String reason) {
    }

    public record Metadata(String version, List<String> appliedOverlays, List<Excluded> excludedOverlays,
                           List<ConstraintWarning> constraintWarnings) {
        public Metadata {
            appliedOverlays = List.copyOf(appliedOverlays);
            excludedOverlays = List.copyOf(excludedOverlays);
            constraintWarnings = List.copyOf(constraintWarnings);
        }
    }

    /** The same recipe with other components (the deployment order is kept). */
    public RecipeResult withComponentRefs(List<ComponentRef> refs) {
        return withComponents(refs, deploymentOrder);
    }

    /** The same recipe with other components in another deployment order (bundle's filtered view). */
    public RecipeResult withComponents(List<ComponentRef> refs, List<String> order) {
        return new RecipeResult(kind, apiVersion, criteria, constraints, refs, order, validation, metadata);
    }

    public ComponentRef component(String name) {
        for (ComponentRef r : componentRefs) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    /** The serialized document, fields in the reference's order with its omission rules. */
    public Struct toStruct() {
        Struct meta = new Struct();
        if (!metadata.version.isEmpty()) {
            meta.put("version", metadata.version);
        }
        if (!metadata.appliedOverlays.isEmpty()) {
            meta.put("appliedOverlays", metadata.appliedOverlays);
        }
        if (!metadata.excludedOverlays.isEmpty()) {
            List<Object> l = new ArrayList<>();
            for (Excluded e : metadata.excludedOverlays) {
                Struct s = new Struct().with("name", e.name());
                if (!e.reason().isEmpty()) {
                    s.put("reason", e.reason());
                }
                l.add(s);
            }
            meta.put("excludedOverlays", l);
        }
        if (!metadata.constraintWarnings.isEmpty()) {
            List<Object> l = new ArrayList<>();
            for (ConstraintWarning w : metadata.constraintWarnings) {
                Struct s = new Struct().with("overlay", w.overlay()).with("constraint", w.constraint())
                        .with("expected", w.expected());
                if (!w.actual().isEmpty()) {
                    s.put("actual", w.actual());
                }
                s.put("reason", w.reason());
                l.add(s);
            }
            meta.put("constraintWarnings", l);
        }
        Struct s = new Struct().with("kind", kind).with("apiVersion", apiVersion).with("metadata", meta);
        s.put("criteria", criteria == null ? null : criteria.toStruct());
        if (!constraints.isEmpty()) {
            List<Object> l = new ArrayList<>();
            constraints.forEach(c -> l.add(c.toStruct()));
            s.put("constraints", l);
        }
        List<Object> refs = new ArrayList<>();
        componentRefs.forEach(r -> refs.add(r.toStruct()));
        s.put("componentRefs", refs);
        s.put("deploymentOrder", deploymentOrder);
        if (validation != null) {
            s.put("validation", validation.toStruct());
        }
        return s;
    }
}
