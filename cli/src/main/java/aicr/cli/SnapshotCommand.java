package aicr.cli;

import aicr.capture.SnapshotRun;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aicr snapshot}: capture a GPU node's state, through the agent Job or (agent mode) locally. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = {"Capture a snapshot of a GPU node: OS (kernel command line, sysctls, modules, os-release),",
                "GPU (PCI devices, model, driver), SystemD units, Kubernetes (server, images, ClusterPolicy, node)",
                "and node topology.",
                "",
                "By default a one-shot agent Job runs on a GPU node (RBAC applied server-side, the Job watched to",
                "completion, the snapshot read from the ConfigMap it writes, then the Job and RBAC removed).",
                "With AICR_AGENT_MODE=true the collectors run in this process instead, reading the host through",
                "--host-root (AICR_HOST_ROOT, default /): that is what the agent pod runs."},
        footer = {"", "Exit codes: 0 ok; 2 bad flags or host root; 3 --require-gpu without a GPU, RuntimeClass or",
                "ConfigMap not found; 4 missing permissions; 5 agent timeout; 6 API server unreachable;",
                "8 no cluster credentials, agent failure, write failure (see docs/snapshot.md).",
                "", "Examples:",
                "  aicr snapshot -o snapshot.yaml",
                "  aicr snapshot --output cm://default/aicr-snapshot",
                "  aicr snapshot --node-selector kubernetes.io/hostname=gpu-node-1 --toleration dedicated=gpu:NoSchedule",
                "  aicr snapshot --runtime-class nvidia --node-selector nvidia.com/gpu.present=true -o snapshot.yaml",
                "  AICR_AGENT_MODE=true aicr snapshot --host-root /host -t json"})
final class SnapshotCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Agent namespace (env AICR_NAMESPACE; default: default).")
    String namespace;

    @Option(names = "--image", paramLabel = "IMAGE", description = "Agent image (env AICR_IMAGE; default: ghcr.io/nvidia/aicr:<tag>).")
    String image;

    @Option(names = "--image-pull-secret", paramLabel = "NAME", description = "Image pull secret (repeatable).")
    List<String> imagePullSecrets;

    @Option(names = "--job-name", paramLabel = "NAME", description = "Agent Job name (default: aicr).")
    String jobName;

    @Option(names = "--service-account-name", paramLabel = "NAME", description = "ServiceAccount, Role and RoleBinding name (default: aicr).")
    String serviceAccountName;

    @Option(names = "--node-selector", paramLabel = "K=V",
            description = "Node selector (repeatable). Without one, nodes labelled nvidia.com/gpu.present=true are targeted when any exist.")
    List<String> nodeSelectors;

    @Option(names = "--toleration", paramLabel = "K=V:EFFECT",
            description = "Toleration (repeatable; key=value:effect, key:effect or *). Default: tolerate every taint.")
    List<String> tolerations;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Wait for the agent Job (Go duration; default 5m).")
    String timeout;

    @Option(names = "--no-cleanup", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Keep the Job and RBAC objects (leaves the agent's ClusterRoleBinding in place).")
    Boolean noCleanup;

    @Option(names = "--privileged", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Privileged agent pod (default true; needed for the GPU and SystemD collectors). false: PSS-restricted pod.")
    Boolean privileged;

    @Option(names = "--require-gpu", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Fail without a GPU; the agent also requests nvidia.com/gpu (env AICR_REQUIRE_GPU).")
    Boolean requireGpu;

    @Option(names = "--runtime-class", paramLabel = "NAME",
            description = "Agent runtimeClassName, for nvidia-smi access without a GPU allocation (env AICR_RUNTIME_CLASS).")
    String runtimeClass;

    @Option(names = "--template", paramLabel = "FILE", description = "Render the snapshot through a Go template (YAML format only).")
    String template;

    @Option(names = "--max-nodes-per-entry", paramLabel = "N", description = "Node names listed per topology entry (0: all).")
    Integer maxNodesPerEntry;

    @Option(names = "--os", paramLabel = "OS",
            description = "Node OS family: ubuntu, rhel, cos, amazonlinux, ol, talos (env AICR_OS). talos reads services and OS from the Node object.")
    String os;

    @Option(names = "--requests", paramLabel = "R=Q,...", description = "Agent resource requests overrides, e.g. cpu=500m,memory=1Gi (env AICR_REQUESTS).")
    String requests;

    @Option(names = "--limits", paramLabel = "R=Q,...", description = "Agent resource limits overrides (env AICR_LIMITS).")
    String limits;

    @Option(names = "--cluster-config", paramLabel = "FILE",
            description = "k8s-launch-kit cluster-config for NetworkTopology (env AICR_CLUSTER_CONFIG_PATH; not supported in Job mode).")
    String clusterConfig;

    @Option(names = "--discover-network", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Live network discovery in the agent (env AICR_DISCOVER_NETWORK; not read-only).")
    Boolean discoverNetwork;

    @Option(names = "--host-root", paramLabel = "DIR",
            description = "Agent mode: the host's root filesystem the collectors read (env AICR_HOST_ROOT; default /).")
    String hostRoot;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH", description = "Output: file, '-' (stdout, default) or cm://namespace/name.")
    String output;

    @Option(names = {"-t", "--format"}, paramLabel = "FORMAT", description = "yaml (default), json or table (agent mode; Job mode writes the agent's YAML).")
    String format;

    @Option(names = {"-k", "--kubeconfig"}, paramLabel = "PATH", description = "Kubeconfig (default: KUBECONFIG, ~/.kube/config, in-cluster).")
    String kubeconfig;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        SnapshotRun.Flags f = new SnapshotRun.Flags(or(namespace, "AICR_NAMESPACE"), or(image, "AICR_IMAGE"), imagePullSecrets,
                jobName, serviceAccountName, nodeSelectors, tolerations, timeout, noCleanup, privileged,
                requireGpu != null ? requireGpu : Env.bool("AICR_REQUIRE_GPU"), or(runtimeClass, "AICR_RUNTIME_CLASS"),
                or(os, "AICR_OS"), or(requests, "AICR_REQUESTS"), or(limits, "AICR_LIMITS"), maxNodesPerEntry,
                or(clusterConfig, "AICR_CLUSTER_CONFIG_PATH"),
                discoverNetwork != null ? discoverNetwork : Env.bool("AICR_DISCOVER_NETWORK"), template, output, format,
                kubeconfig, or(hostRoot, "AICR_HOST_ROOT"), aicr.log.Log.debugEnabled());
        SnapshotRun.run(f, config.load(), Env.all(), Streams.out());
        return 0;
    }

    private static String or(String flag, String env) {
        return flag != null ? flag : Env.get(env);
    }
}
