package aicr.bundle.checks;

import aicr.bundle.options.Toleration;
import java.util.List;
import java.util.Map;

/**
 * Fact: the bundle's scheduling options as given on the command line or in --config.
 *
 * @param deployer                   {@code helm}, {@code helmfile}, {@code argocd}, {@code argocd-helm} or {@code flux}
 * @param storageClass               {@code --storage-class} ("" when not given)
 * @param nodes                      {@code --nodes} (0 when not given)
 * @param systemNodeTolerations      {@code --system-node-toleration}s; one "tolerate everything" entry
 *                                   ({@code operator: Exists}, empty key) when none was given
 * @param acceleratedNodeTolerations {@code --accelerated-node-toleration}s, the same way
 */
public record BundleOptions(String deployer, Map<String, String> systemNodeSelector,
                            Map<String, String> acceleratedNodeSelector, Map<String, String> workloadSelector,
                            String storageClass, int nodes, List<Toleration> systemNodeTolerations,
                            List<Toleration> acceleratedNodeTolerations) {
    public BundleOptions {
        systemNodeSelector = frozen(systemNodeSelector);
        acceleratedNodeSelector = frozen(acceleratedNodeSelector);
        workloadSelector = frozen(workloadSelector);
        systemNodeTolerations = List.copyOf(systemNodeTolerations);
        acceleratedNodeTolerations = List.copyOf(acceleratedNodeTolerations);
    }

    private static Map<String, String> frozen(Map<String, String> m) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m));
    }
}
