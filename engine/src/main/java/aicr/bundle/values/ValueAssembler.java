package aicr.bundle.values;

import static aicr.gocompat.GoStrings.quote;

import aicr.bundle.checks.Notes;
import aicr.bundle.options.Scheduling;
import aicr.data.DataSource;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import aicr.recipe.ComponentConfig;
import aicr.recipe.ComponentRef;
import aicr.recipe.ComponentRegistry;
import aicr.recipe.ValuesHydrator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the Helm values of every component, in the reference's order: base values (the
 * component's values file, the ref's valuesFile, the ref's inline overrides), {@code --set},
 * scheduling injection at the registry's paths, then {@code --set-json}/{@code --set-file};
 * finally the bundle-level rules that look across components ({@link BundleRules}).
 */
public final class ValueAssembler {
    private final DataSource data;
    private final ComponentRegistry registry;
    private final Overrides overrides;
    private final DynamicPaths dynamic;
    private final SchedulingInjector injector;

    public ValueAssembler(DataSource data, ComponentRegistry registry, Overrides overrides, DynamicPaths dynamic,
                          Scheduling scheduling) {
        this.data = data;
        this.registry = registry;
        this.overrides = overrides;
        this.dynamic = dynamic;
        this.injector = new SchedulingInjector(scheduling);
    }

    /**
     * Values of every ref (in recipe order), after the cross-component rules.
     *
     * @param notes receives the warnings the rules raise
     */
    public Map<String, Map<String, Object>> assembleAll(List<ComponentRef> refs, Notes notes) {
        AllocationPolicy.check(dynamic, overrides, registry, notes);
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (ComponentRef ref : refs) {
            out.put(ref.name(), assemble(ref));
        }
        BundleRules.apply(refs, out, registry, notes);
        return out;
    }

    Map<String, Object> assemble(ComponentRef ref) {
        Map<String, Object> values = base(ref);
        Map<String, String> set = new LinkedHashMap<>(overrides.scalarFor(ref.name(), registry));
        set.remove(Overrides.ENABLED);
        try {
            OverrideWriter.applyScalar(values, set);
        } catch (AicrException e) {
            throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "failed to apply --set value overrides", e);
        }
        ComponentConfig cfg = registry.get(ref.name());
        if (cfg != null) {
            SchedulingInjector.Policy policy = SchedulingInjector.policy(cfg, ref.overrides(), set, dynamic.of(ref.name()));
            injector.inject(ref.name(), cfg, values, policy, set);
        }
        Map<String, Object> typed = overrides.typedFor(ref.name(), registry);
        if (typed.containsKey(Overrides.ENABLED)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "component " + quote(ref.name()) + ": "
                    + quote(Overrides.ENABLED) + " is the enable/disable toggle and must be set with --set (e.g. --set "
                    + ref.name() + ":enabled=false), not --set-json/--set-file");
        }
        try {
            OverrideWriter.applyTyped(values, typed);
        } catch (AicrException e) {
            throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "failed to apply --set-json/--set-file value overrides", e);
        }
        return values;
    }

    /** Base values; a file that cannot be read or parsed is not fatal (warning, empty values). */
    private Map<String, Object> base(ComponentRef ref) {
        try {
            return ValuesHydrator.hydrate(data, ref);
        } catch (RuntimeException e) {
            String why = e instanceof AicrException a ? a.render() : String.valueOf(e.getMessage());
            Log.warn("failed to get values for component, using empty map", "component", ref.name(), "error", why);
            return new LinkedHashMap<>();
        }
    }
}
