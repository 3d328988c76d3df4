package aicr.validate;

import aicr.io.Struct;
import aicr.recipe.Phase;
import aicr.recipe.RecipeResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code validation.yaml} validators read (spec §5.5): the recipe's validation phases,
 * components, criteria and constraints, with the resolved GPU allocation policy, under the
 * validator API group. Fields in the reference's order; empty ones omitted.
 */
public final class ValidationInput {
    private ValidationInput() {
    }

    public static Struct of(RecipeResult r, String gpuAllocationPolicy) {
        Struct s = new Struct().with("apiVersion", ValidatorCatalog.API_VERSION).with("kind", "ValidationInput");
        if (r.metadata() != null && !r.metadata().version().isEmpty()) {
            s.put("metadata", new Struct().with("version", r.metadata().version()));
        }
        Struct config = new Struct();
        if (r.validation() != null) {
            for (String name : List.of(Phases.READINESS, Phases.DEPLOYMENT, Phases.PERFORMANCE, Phases.CONFORMANCE)) {
                Phase p = r.validation().phase(name);
                if (p != null) {
                    config.put(name, p.toStruct());
                }
            }
        }
        s.put("config", config);
        if (!r.componentRefs().isEmpty()) {
            List<Object> refs = new ArrayList<>();
            r.componentRefs().forEach(c -> refs.add(c.toStruct()));
            s.put("componentRefs", refs);
        }
        if (r.criteria() != null) {
            s.put("criteria", r.criteria().toStruct());
        }
        if (!r.constraints().isEmpty()) {
            List<Object> cs = new ArrayList<>();
            r.constraints().forEach(c -> cs.add(c.toStruct()));
            s.put("constraints", cs);
        }
        if (gpuAllocationPolicy != null && !gpuAllocationPolicy.isEmpty()) {
            s.put("gpuAllocationPolicy", gpuAllocationPolicy);
        }
        return s;
    }
}
