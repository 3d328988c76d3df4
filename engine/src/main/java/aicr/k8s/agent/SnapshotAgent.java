package aicr.k8s.agent;

import aicr.cluster.AgentSpec;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.k8s.KubeErrors;
import aicr.k8s.KubeSession;
import aicr.log.Log;
import aicr.snapshot.Snapshot;
import aicr.snapshot.SnapshotReader;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The snapshot agent flow (spec §3.3): build the client, aim at a GPU node when nothing else
 * says where, deploy, follow the agent's log, wait for the Job, read the snapshot from its
 * ConfigMap, and clean up — also when the wait fails, times out, or the user presses Ctrl-C.
 */
public final class SnapshotAgent {
    private SnapshotAgent() {
    }

    static final String GPU_LABEL = "nvidia.com/gpu.present";

    /** Runs the agent and returns the snapshot YAML it wrote (for {@code aicr snapshot}). */
    public static byte[] capture(AgentSpec spec, String kubeconfig) {
        if (!spec.clusterConfigPath().isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "--cluster-config is not supported in agent Job mode (the "
                    + "host path is not visible to the in-pod CLI); use --discover-network for live cluster discovery, or run "
                    + "with AICR_AGENT_MODE=true to use --cluster-config locally");
        }
        KubeSession s;
        try {
            s = KubeSession.open(kubeconfig);
        } catch (AicrException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to create Kubernetes client", e);
        }
        try (s) {
            return capture(s, spec, true);
        }
    }

    /** Runs the agent on an open session and returns the parsed snapshot (for {@code aicr validate}). */
    public static Snapshot captureSnapshot(KubeSession s, AgentSpec spec) {
        byte[] yaml = capture(s, spec, false);
        return SnapshotReader.fromYaml(new String(yaml, StandardCharsets.UTF_8));
    }

    /**
     * The flow on an open session. {@code autoTarget}: with no node selector, no GPU request and
     * no runtime class, target nodes labelled {@code nvidia.com/gpu.present=true} if any exist.
     */
    public static byte[] capture(KubeSession s, AgentSpec spec, boolean autoTarget) {
        boolean injected = false;
        if (autoTarget && spec.nodeSelector().isEmpty() && !spec.requireGpu() && spec.runtimeClass().isEmpty()
                && hasGpuNodes(s)) {
            spec = spec.withNodeSelector(Map.of(GPU_LABEL, "true"));
            injected = true;
            Log.info("auto-targeting GPU nodes", "selector", GPU_LABEL + "=true", "hint", "pass --node-selector to override");
        }
        AgentDeployer d = new AgentDeployer(s, spec);
        // Ctrl-C (or any JVM shutdown) still removes what was created
        Thread hook = new Thread(d::cleanup, "aicr-agent-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        LogFollower logs = null;
        try {
            Log.info("deploying agent", "namespace", spec.namespace());
            d.deploy();
            Log.info("agent deployed successfully");
            Log.info("waiting for Job completion", "job", spec.jobName(), "timeout", aicr.gocompat.GoDuration.format(spec.timeout()));
            logs = new LogFollower(s, spec);
            d.await(injected ? "job failed (auto-injected node selector " + GPU_LABEL + "=true — if no GPU nodes are "
                    + "schedulable, target a GPU node explicitly, e.g. --node-selector kubernetes.io/hostname=<gpu-node>, "
                    + "or pass --require-gpu to schedule onto a node advertising the nvidia.com/gpu resource)" : "job failed");
            Log.info("job completed successfully");
            byte[] yaml;
            try {
                yaml = d.snapshot();
            } catch (AicrException e) {
                throw new AicrException(ErrorCode.INTERNAL, "failed to retrieve snapshot", e);
            }
            warnOnGpuPlacement(yaml);
            return yaml;
        } finally {
            if (logs != null) {
                logs.stop();
            }
            d.cleanup();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down: the hook runs (and finds the cleanup done)
            }
        }
    }

    /** One node labelled as a GPU node, within 5 s; any failure is only a warning. */
    private static boolean hasGpuNodes(KubeSession s) {
        try {
            return CompletableFuture.supplyAsync(() -> !s.client().nodes().withLabel(GPU_LABEL, "true")
                    .list(new ListOptionsBuilder().withLimit(1L).build()).getItems().isEmpty())
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            Log.warn("GPU node auto-detection failed; proceeding without node selector", "error",
                    KubeErrors.describe(e, s.server()));
            return false;
        }
    }

    /**
     * In the background: once the agent's pod is Ready (within 2 min), copy its log to stderr.
     * A pod that finishes before it is ever Ready is simply not followed. {@link #stop()} ends
     * the pod informer and the log copy.
     */
    private static final class LogFollower {
        private final CompletableFuture<java.util.List<Pod>> readyPods;
        private volatile LogWatch watch;

        LogFollower(KubeSession s, AgentSpec spec) {
            readyPods = s.client().pods().inNamespace(spec.namespace()).withLabel(AgentObjects.APP_LABEL, "aicr")
                    .informOnCondition(pods -> pods.stream().anyMatch(SnapshotAgent::ready));
            readyPods.orTimeout(2, TimeUnit.MINUTES).thenAccept(pods -> pods.stream().filter(SnapshotAgent::ready).findFirst()
                    .ifPresent(p -> {
                        try {
                            watch = s.client().pods().inNamespace(spec.namespace()).withName(p.getMetadata().getName())
                                    .watchLog(Log.stream());
                        } catch (RuntimeException e) {
                            Log.debug("agent log streaming skipped", "error", String.valueOf(e.getMessage()));
                        }
                    }));
        }

        void stop() {
            readyPods.cancel(true);
            LogWatch w = watch;
            if (w != null) {
                w.close();
            }
        }
    }

    private static boolean ready(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The agent ran on a node without GPUs although the cluster has some: say so. */
    private static void warnOnGpuPlacement(byte[] yaml) {
        Snapshot snap;
        try {
            snap = SnapshotReader.fromYaml(new String(yaml, StandardCharsets.UTF_8));
        } catch (AicrException e) {
            return;
        }
        boolean gpu = snap.measurements().stream().filter(m -> m.type().equals("GPU")).flatMap(m -> m.subtypes().stream())
                .anyMatch(st -> st.data().get("gpu-count") != null && st.data().get("gpu-count").value() instanceof Long n && n > 0);
        boolean gpuNodes = snap.measurements().stream().filter(m -> m.type().equals("NodeTopology"))
                .map(m -> m.subtype("label")).filter(java.util.Objects::nonNull)
                .anyMatch(st -> st.data().keySet().stream().anyMatch(k -> k.startsWith("nvidia.com/gpu.")));
        if (!gpu && gpuNodes) {
            Log.warn("snapshot has no GPU data but cluster topology shows GPU-capable nodes — agent likely ran on a non-GPU node",
                    "fix", "--node-selector nvidia.com/gpu.present=true, --node-selector kubernetes.io/hostname=<gpu-node>, "
                            + "--require-gpu, or --runtime-class nvidia");
        }
    }
}
