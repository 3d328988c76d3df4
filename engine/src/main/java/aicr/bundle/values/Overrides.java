package aicr.bundle.values;

import aicr.bundle.options.ComponentPath;
import aicr.bundle.options.TypedOverride;
import aicr.io.Values;
import aicr.recipe.ComponentConfig;
import aicr.recipe.ComponentRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user's value overrides, keyed the way they were typed ({@code gpuoperator:...} or
 * {@code gpu-operator:...}). A component finds its overrides under its own name and under every
 * registry alias ({@code valueOverrideKeys}); on a path given under several keys the exact name
 * wins, then aliases in registry order. Keys that match no component are ignored, as in the
 * reference ({@code --set nosuch:x=1} is not an error).
 */
public final class Overrides {
    /** The reserved key of {@code --set deployer:...} (Argo CD Application options). */
    public static final String DEPLOYER_KEY = "deployer";
    /** The reserved path that toggles a component instead of setting a value. */
    public static final String ENABLED = "enabled";

    private final Map<String, Map<String, String>> scalar = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> typed = new LinkedHashMap<>();

    /**
     * @param scalarPaths {@code --set} entries (the last of a repeated component:path wins)
     * @param typedPaths  {@code --set-file} then {@code --set-json} entries (the last one wins)
     */
    public Overrides(List<ComponentPath> scalarPaths, List<TypedOverride> typedPaths) {
        for (ComponentPath cp : scalarPaths) {
            scalar.computeIfAbsent(cp.component(), k -> new LinkedHashMap<>()).put(cp.path(), cp.value());
        }
        for (TypedOverride t : typedPaths) {
            typed.computeIfAbsent(t.component(), k -> new LinkedHashMap<>()).put(t.path(), Values.copy(t.value()));
        }
    }

    /** {@code --set} entries stored under exactly {@code key} (e.g. {@code deployer}). */
    public Map<String, String> scalarUnder(String key) {
        return Collections.unmodifiableMap(scalar.getOrDefault(key, Map.of()));
    }

    /** Every {@code --set} entry as typed (last of a repeated key and path), for bundle checks. */
    public List<aicr.bundle.checks.SetValue> asSetValues() {
        List<aicr.bundle.checks.SetValue> out = new ArrayList<>();
        scalar.forEach((key, paths) -> paths.forEach((path, v) -> out.add(new aicr.bundle.checks.SetValue(key, path, v))));
        return out;
    }

    public boolean hasTypedUnder(String key) {
        return !typed.getOrDefault(key, Map.of()).isEmpty();
    }

    /** The keys a component's overrides may be stored under, highest priority first. */
    public static List<String> keysFor(String component, ComponentRegistry registry) {
        List<String> keys = new ArrayList<>();
        keys.add(component);
        ComponentConfig c = registry.get(component);
        if (c != null) {
            keys.addAll(c.valueOverrideKeys());
        }
        return keys;
    }

    /** Scalar overrides of a component merged across its keys ({@code enabled} included). */
    public Map<String, String> scalarFor(String component, ComponentRegistry registry) {
        return merge(scalar, keysFor(component, registry));
    }

    /** Typed overrides of a component merged across its keys. */
    public Map<String, Object> typedFor(String component, ComponentRegistry registry) {
        return merge(typed, keysFor(component, registry));
    }

    private static <V> Map<String, V> merge(Map<String, Map<String, V>> all, List<String> keys) {
        Map<String, V> out = new LinkedHashMap<>();
        for (int i = keys.size() - 1; i >= 0; i--) {
            Map<String, V> m = all.get(keys.get(i));
            if (m != null) {
                out.putAll(m);
            }
        }
        return out;
    }
}
