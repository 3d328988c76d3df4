package aicr.bundle.selection;

import static aicr.gocompat.GoStrings.quote;

import aicr.bundle.options.Validators;
import aicr.bundle.tree.SafePath;
import aicr.bundle.values.Overrides;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.gocompat.GoStrings;
import aicr.log.Log;
import aicr.recipe.ComponentRef;
import aicr.recipe.ComponentRegistry;
import aicr.recipe.RecipeResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which components a bundle contains and in which order.
 *
 * <p>A component is kept when the recipe enables it ({@code overrides.enabled} is not
 * {@code false}) and no {@code --set <c>:enabled=false} drops it; {@code --set} cannot
 * re-enable what the recipe disabled (the platform provides it). Dependencies on dropped
 * components count as satisfied elsewhere and are removed; the deployment order keeps only
 * kept names.
 */
public final class ComponentSelection {
    private ComponentSelection() {
    }

    /** The filtered recipe and its components in deployment order. */
    public record Selected(RecipeResult recipe, List<ComponentRef> ordered) {
    }

    public static Selected select(RecipeResult recipe, Overrides overrides, ComponentRegistry registry) {
        if (recipe.componentRefs().isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "recipe must contain at least one component reference");
        }
        for (ComponentRef r : recipe.componentRefs()) {
            if (!SafePath.isSingleElement(r.name())) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid component name " + quote(r.name())
                        + ": must not contain path separators or parent directory references");
            }
        }
        for (ComponentRef r : recipe.componentRefs()) {
            // names and namespaces become folder names and shell words of deploy.sh/install.sh
            Validators.componentIdentity(r.name(), r.namespace());
        }
        Set<String> declared = new HashSet<>();
        recipe.componentRefs().forEach(r -> declared.add(r.name()));
        List<ComponentRef> kept = new ArrayList<>();
        Set<String> keptNames = new HashSet<>();
        for (ComponentRef ref : recipe.componentRefs()) {
            Boolean set = setEnabled(ref.name(), overrides, registry);
            boolean recipeEnabled = ref.enabled();
            if (ref.hasNonBooleanEnabled()) {
                Log.warn("component overrides.enabled is not a boolean; treating the component as enabled",
                        "component", ref.name());
            }
            if (set != null) {
                if (set && !recipeEnabled) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "component " + quote(ref.name())
                            + " is disabled by the recipe and cannot be re-enabled with --set " + ref.name() + ":enabled=true");
                }
                if (!set) {
                    Log.info("skipping component disabled via --set", "component", ref.name());
                    continue;
                }
            } else if (!recipeEnabled) {
                Log.info("skipping disabled component", "component", ref.name());
                continue;
            }
            kept.add(ref);
            keptNames.add(ref.name());
        }
        if (kept.isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "recipe has no enabled components after filtering");
        }
        kept.replaceAll(r -> r.dependencyRefs() == null ? r : r.toBuilder().dependencyRefs(r.dependencyRefs().stream()
                .filter(d -> !declared.contains(d) || keptNames.contains(d)).toList()).build());
        List<String> order = new ArrayList<>();
        for (String n : recipe.deploymentOrder()) {
            if (keptNames.contains(n)) {
                order.add(n);
            }
        }
        RecipeResult filtered = recipe.withComponents(kept, order);
        return new Selected(filtered, byDeploymentOrder(kept, order));
    }

    /** {@code --set <c>:enabled=<bool>} (aliases included), or null when not given. */
    private static Boolean setEnabled(String component, Overrides overrides, ComponentRegistry registry) {
        String v = overrides.scalarFor(component, registry).get(Overrides.ENABLED);
        if (v == null) {
            return null;
        }
        try {
            return GoStrings.parseBool(v);
        } catch (AicrException e) {
            throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "invalid --set enabled value",
                    new IllegalArgumentException(e.getMessage()));
        }
    }

    /**
     * Names in {@code order} first, in that order; the rest after them by name. An empty order
     * keeps the recipe's own order (the reference sorts nothing then).
     */
    public static List<ComponentRef> byDeploymentOrder(List<ComponentRef> refs, List<String> order) {
        List<ComponentRef> out = new ArrayList<>(refs);
        if (order.isEmpty()) {
            return out;
        }
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            pos.put(order.get(i), i);
        }
        out.sort(Comparator.<ComponentRef>comparingInt(r -> pos.getOrDefault(r.name(), Integer.MAX_VALUE))
                .thenComparing((a, b) -> pos.containsKey(a.name()) ? 0 : a.name().compareTo(b.name())));
        return out;
    }
}
