package aicr.bundle.options;

import java.util.List;
import java.util.Map;

/**
 * Where components run: the node selectors, tolerations, workload gate and selector, node
 * count and storage class injected into every component at its registry-declared paths.
 *
 * @param workloadGate null when not given
 * @param nodes        0 = unset
 * @param storageClass "" = unset
 */
public record Scheduling(Map<String, String> systemNodeSelector, List<Toleration> systemTolerations,
                         Map<String, String> acceleratedNodeSelector, List<Toleration> acceleratedTolerations,
                         Taint workloadGate, Map<String, String> workloadSelector, int nodes, String storageClass) {

    /** Nothing configured: the defaults of a plain {@code aicr bundle -r R}. */
    public static Scheduling defaults() {
        return new Scheduling(Map.of(), Toleration.TOLERATE_ALL, Map.of(), Toleration.TOLERATE_ALL, null, Map.of(), 0, "");
    }
}
