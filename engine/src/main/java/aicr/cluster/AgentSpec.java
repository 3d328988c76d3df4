package aicr.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the snapshot agent Job is built from (spec §3.3–3.5), resolved from flags, the
 * environment and {@code --config}. {@code aicr snapshot} and {@code aicr validate} (without a
 * snapshot) both deploy the agent from one of these.
 *
 * @param namespace          agent namespace
 * @param image              agent image
 * @param imagePullSecrets   secret names for the pod
 * @param jobName            Job name
 * @param serviceAccountName ServiceAccount, Role and RoleBinding name
 * @param nodeSelector       node selector; empty means "auto-target GPU nodes when there are any"
 * @param tolerations        pod tolerations (null: none at all)
 * @param timeout            how long to wait for the Job to finish
 * @param cleanup            delete the Job and RBAC objects afterwards
 * @param debug              run the agent with {@code --debug --log-json}
 * @param privileged         privileged pod (host namespaces, root) or restricted
 * @param requireGpu         ask for an {@code nvidia.com/gpu} and fail without a GPU
 * @param runtimeClass       pod runtimeClassName ("" for none)
 * @param os                 node OS family ("" for the default backends)
 * @param maxNodesPerEntry   topology truncation passed to the agent
 * @param clusterConfigPath  passed as AICR_CLUSTER_CONFIG_PATH ("" for none)
 * @param discoverNetwork    network discovery (adds RBAC and AICR_DISCOVER_NETWORK)
 * @param requests           per-resource overrides of the container's requests
 * @param limits             per-resource overrides of the container's limits
 * @param output             the {@code cm://} URI the agent writes its snapshot to
 */
public record AgentSpec(String namespace, String image, List<String> imagePullSecrets, String jobName,
                        String serviceAccountName, Map<String, String> nodeSelector, List<Toleration> tolerations,
                        Duration timeout, boolean cleanup, boolean debug, boolean privileged, boolean requireGpu,
                        String runtimeClass, String os, int maxNodesPerEntry, String clusterConfigPath,
                        boolean discoverNetwork, Map<String, String> requests, Map<String, String> limits, String output) {

    /** The agent wait when none (or zero) is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public AgentSpec {
        imagePullSecrets = List.copyOf(imagePullSecrets);
        nodeSelector = sorted(nodeSelector);
        tolerations = tolerations == null ? null : List.copyOf(tolerations);
        requests = sorted(requests);
        limits = sorted(limits);
        timeout = timeout == null || timeout.isZero() ? DEFAULT_TIMEOUT : timeout;
    }

    /** An unmodifiable copy in key order (null: empty), so objects built from the spec are deterministic. */
    private static Map<String, String> sorted(Map<String, String> m) {
        return m == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(m));
    }

    /** The agent image for a build: {@code :latest} for development builds, else {@code :v<version>}. */
    public static String defaultImage(String version) {
        String base = "ghcr.io/nvidia/aicr";
        if (version.isEmpty() || version.equals("dev") || version.contains("-next") || version.endsWith("-SNAPSHOT")) {
            return base + ":latest";
        }
        return base + ":" + (version.startsWith("v") ? version : "v" + version);
    }

    /** The same spec with another node selector (GPU auto-targeting). */
    public AgentSpec withNodeSelector(Map<String, String> selector) {
        return new AgentSpec(namespace, image, imagePullSecrets, jobName, serviceAccountName, selector, tolerations,
                timeout, cleanup, debug, privileged, requireGpu, runtimeClass, os, maxNodesPerEntry, clusterConfigPath,
                discoverNetwork, requests, limits, output);
    }
}
