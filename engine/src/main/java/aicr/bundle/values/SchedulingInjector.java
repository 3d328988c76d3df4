package aicr.bundle.values;

import aicr.bundle.options.Scheduling;
import aicr.bundle.options.Toleration;
import aicr.log.Log;
import aicr.recipe.ComponentConfig;
import aicr.errors.AicrException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes node scheduling into a component's values at the paths its registry entry declares.
 *
 * <p>Per path the recipe author (the ref's inline overrides) and the user's {@code --set} decide
 * how: an explicitly empty list/map/null in the overrides opts the path out; a non-empty
 * override value, or a {@code --set} of that exact path, makes tolerations append to what is
 * there; otherwise the injected value replaces it. {@code --dynamic} paths are opted out so
 * they stay absent until install time. The component's values file is deliberately not
 * consulted: a chart default must not silently turn the CLI flags into no-ops.
 */
final class SchedulingInjector {
    private final Scheduling scheduling;

    SchedulingInjector(Scheduling scheduling) {
        this.scheduling = scheduling;
    }

    /** Opt-out and append classification of one component's scheduling paths. */
    record Policy(Set<String> optOut, Set<String> append) {
    }

    static Policy policy(ComponentConfig c, Map<String, Object> refOverrides, Map<String, String> setOverrides,
                         List<String> dynamicPaths) {
        Set<String> optOut = new HashSet<>();
        Set<String> append = new HashSet<>();
        List<String> all = new ArrayList<>();
        all.addAll(c.system().nodeSelectorPaths());
        all.addAll(c.system().tolerationPaths());
        all.addAll(c.accelerated().nodeSelectorPaths());
        all.addAll(c.accelerated().tolerationPaths());
        all.addAll(c.workloadSelectorPaths());
        for (String p : all) {
            ValuePaths.Lookup overlay = ValuePaths.get(refOverrides, p);
            boolean set = setOverrides.containsKey(p);
            if (!overlay.found() && !set) {
                continue;
            }
            if (overlay.found() && isEmpty(overlay.value())) {
                optOut.add(p);
            } else {
                append.add(p);
            }
        }
        optOut.addAll(dynamicPaths);
        return new Policy(optOut, append);
    }

    private static boolean isEmpty(Object v) {
        return v == null || (v instanceof List<?> l && l.isEmpty()) || (v instanceof Map<?, ?> m && m.isEmpty());
    }

    void inject(String component, ComponentConfig c, Map<String, Object> values, Policy policy,
                Map<String, String> setOverrides) {
        selector(values, scheduling.systemNodeSelector(), c.system().nodeSelectorPaths(), policy);
        tolerations(values, scheduling.systemTolerations(), c.system().tolerationPaths(), policy);
        selector(values, scheduling.acceleratedNodeSelector(), c.accelerated().nodeSelectorPaths(), policy);
        tolerations(values, scheduling.acceleratedTolerations(), c.accelerated().tolerationPaths(), policy);
        selector(values, scheduling.workloadSelector(), c.workloadSelectorPaths(), policy);
        if (scheduling.workloadGate() != null) {
            scalar(component, "workload-gate taint", values, c.accelerated().taintStrPaths(),
                    scheduling.workloadGate().toString(), Set.of());
        }
        if (scheduling.nodes() > 0) {
            scalar(component, "estimated node count", values, c.nodeCountPaths(),
                    Integer.toString(scheduling.nodes()), Set.of());
        }
        if (!scheduling.storageClass().isEmpty()) {
            scalar(component, "storage class", values, c.storageClassPaths(), scheduling.storageClass(),
                    setOverrides.keySet());
        }
    }

    /** A selector path receives a fresh map: it replaces whatever was there, {@code --set} keys included. */
    private static void selector(Map<String, Object> values, Map<String, String> selector, List<String> paths,
                                 Policy policy) {
        if (selector.isEmpty()) {
            return;
        }
        for (String p : paths) {
            if (!policy.optOut().contains(p)) {
                ValuePaths.setLenient(values, p, new LinkedHashMap<String, Object>(selector));
            }
        }
    }

    private static void tolerations(Map<String, Object> values, List<Toleration> tolerations, List<String> paths,
                                    Policy policy) {
        if (tolerations.isEmpty()) {
            return;
        }
        for (String p : paths) {
            if (policy.optOut().contains(p)) {
                continue;
            }
            List<Object> entries = new ArrayList<>();
            if (policy.append().contains(p) && ValuePaths.get(values, p).value() instanceof List<?> existing) {
                entries.addAll(existing);
            }
            for (Toleration t : tolerations) {
                entries.add(t.toValues());
            }
            ValuePaths.setLenient(values, p, entries);
        }
    }

    /**
     * Gate taint, node count and storage class go through the typed scalar writer of
     * {@code --set}; a failure is only logged, as in the reference (the bundle is still written).
     */
    private static void scalar(String component, String what, Map<String, Object> values, List<String> paths,
                               String value, Set<String> skip) {
        for (String p : paths) {
            if (skip.contains(p)) {
                continue;
            }
            try {
                ValuePaths.setStrict(values, p, ScalarValue.convert(value));
            } catch (AicrException e) {
                Log.warn("failed to apply " + what, "component", component, "error", e.render());
            }
        }
    }
}
