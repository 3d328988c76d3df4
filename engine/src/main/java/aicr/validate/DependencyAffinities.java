package aicr.validate;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import aicr.recipe.ComponentRef;
import java.util.List;

/**
 * The {@code dependencyAffinity} pre-flight of a phase (spec §5.7 step 2): a validator that
 * requires a component the recipe lacks (or disables, or leaves without a namespace) stops the
 * run before any Job of the phase; a preferred one is dropped with a warning.
 */
public final class DependencyAffinities {
    private DependencyAffinities() {
    }

    /** Checks every entry of the phase, in order; INVALID_REQUEST (2) for the first unmet requirement. */
    public static void preflight(List<ValidatorCatalog.Entry> entries, List<ComponentRef> refs) {
        for (ValidatorCatalog.Entry e : entries) {
            for (ValidatorCatalog.DependencyAffinity d : e.dependencyAffinity()) {
                if (!d.required() || resolved(d, refs) != null) {
                    continue;
                }
                ComponentRef ref = find(d.componentRef(), refs);
                String reason = ref == null ? "is not in the recipe's componentRefs"
                        : !ref.enabled() ? "is disabled (overrides.enabled=false)" : "has no resolved namespace";
                throw new AicrException(ErrorCode.INVALID_REQUEST, "dependencyAffinity pre-flight failed for validator \""
                        + e.name() + "\"", new AicrException(ErrorCode.INVALID_REQUEST, "required dependencyAffinity component \""
                        + d.componentRef() + "\" " + reason + "; either fix the recipe or remove this validator from the validation phase"));
            }
        }
    }

    /** Warns once per preferred dependency whose component is absent (its affinity term is dropped). */
    public static void warnDropped(ValidatorCatalog.Entry e, List<ComponentRef> refs) {
        for (ValidatorCatalog.DependencyAffinity d : e.dependencyAffinity()) {
            if (!d.required() && resolved(d, refs) == null) {
                Log.warn("preferred dependencyAffinity component not present in recipe; skipping affinity term",
                        "componentRef", d.componentRef());
            }
        }
    }

    /** The enabled component with a namespace the dependency names, or null. */
    public static ComponentRef resolved(ValidatorCatalog.DependencyAffinity d, List<ComponentRef> refs) {
        ComponentRef ref = find(d.componentRef(), refs);
        return ref != null && ref.enabled() && ref.namespace() != null && !ref.namespace().isEmpty() ? ref : null;
    }

    private static ComponentRef find(String name, List<ComponentRef> refs) {
        for (ComponentRef r : refs) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }
}
