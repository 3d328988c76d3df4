package aicr.bundle.values;

import static aicr.gocompat.GoStrings.quote;

import aicr.bundle.options.ComponentPath;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.recipe.ComponentConfig;
import aicr.recipe.ComponentRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --dynamic} declarations resolved to component names: value paths whose values are
 * supplied at install time (cluster-values.yaml, ConfigMaps, root chart values). Keys resolve
 * through the registry (name or alias); an unknown key is an error, unlike {@code --set}.
 * Paths accumulate without de-duplication, as in the reference.
 */
public final class DynamicPaths {
    private final Map<String, List<String>> byComponent;

    private DynamicPaths(Map<String, List<String>> byComponent) {
        this.byComponent = byComponent;
    }

    public static final DynamicPaths NONE = new DynamicPaths(Map.of());

    public static DynamicPaths resolve(List<ComponentPath> declarations, ComponentRegistry registry) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ComponentPath cp : declarations) {
            ComponentConfig c = byOverrideKey(registry, cp.component());
            if (c == null) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "unknown component " + quote(cp.component())
                        + " in dynamic declaration: not found in component registry");
            }
            out.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(cp.path());
        }
        return new DynamicPaths(out);
    }

    /** The first registry entry named {@code key} or listing it as an alias. */
    static ComponentConfig byOverrideKey(ComponentRegistry registry, String key) {
        for (ComponentConfig c : registry.components()) {
            if (c.name().equals(key) || c.valueOverrideKeys().contains(key)) {
                return c;
            }
        }
        return null;
    }

    public List<String> of(String component) {
        return Collections.unmodifiableList(byComponent.getOrDefault(component, List.of()));
    }

    public boolean isEmpty() {
        return byComponent.isEmpty();
    }

    /** Components with dynamic paths, in declaration order. */
    public Map<String, List<String>> all() {
        return Collections.unmodifiableMap(byComponent);
    }
}
