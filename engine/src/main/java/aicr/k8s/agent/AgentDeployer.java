package aicr.k8s.agent;

import aicr.cluster.AgentSpec;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Interrupts;
import aicr.k8s.Apply;
import aicr.k8s.ConfigMaps;
import aicr.k8s.Jobs;
import aicr.k8s.KubeErrors;
import aicr.k8s.KubeSession;
import aicr.k8s.Permissions;
import aicr.log.Log;
import aicr.snapshot.ConfigMapUri;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Deploys, watches and removes one snapshot agent (spec §3.3): permission pre-check, RBAC and
 * Job applied server-side, the Job watched to completion, and a cleanup that runs at most once
 * however the run ends (normally, on error, or from a shutdown hook on Ctrl-C).
 */
public final class AgentDeployer {
    static final Duration CLEANUP_BOUND = Duration.ofSeconds(30);
    static final Duration DELETE_WAIT = Duration.ofSeconds(30);

    private final KubeSession s;
    private final AgentSpec a;
    private final AtomicBoolean touched = new AtomicBoolean();
    private final AtomicBoolean cleaned = new AtomicBoolean();

    public AgentDeployer(KubeSession s, AgentSpec a) {
        this.s = s;
        this.a = a;
    }

    public AgentSpec spec() {
        return a;
    }

    /** What the agent needs to be allowed to do, in the reference's order. */
    static List<Permissions.Check> checks(String ns) {
        return List.of(new Permissions.Check("create", "", "serviceaccounts", ns),
                new Permissions.Check("create", "rbac.authorization.k8s.io", "roles", ns),
                new Permissions.Check("create", "rbac.authorization.k8s.io", "rolebindings", ns),
                new Permissions.Check("create", "batch", "jobs", ns),
                new Permissions.Check("get", "", "configmaps", ns),
                new Permissions.Check("list", "", "configmaps", ns),
                new Permissions.Check("create", "rbac.authorization.k8s.io", "clusterroles", ""),
                new Permissions.Check("create", "rbac.authorization.k8s.io", "clusterrolebindings", ""),
                new Permissions.Check("delete", "batch", "jobs", ns));
    }

    /** Permission check, runtime class, namespace, RBAC, then a fresh Job. */
    public void deploy() {
        try {
            Permissions.require(s, checks(a.namespace()));
        } catch (AicrException e) {
            if (e.code() == ErrorCode.SERVICE_UNAVAILABLE) {
                throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "cannot reach Kubernetes API server at " + s.server()
                        + " (check your VPN, the cluster endpoint in your kubeconfig, and firewall egress to the API server)", e);
            }
            throw new AicrException(ErrorCode.UNAUTHORIZED,
                    "insufficient permissions to deploy agent (cluster admin privileges are needed)", e);
        }
        if (!a.runtimeClass().isEmpty()) {
            checkRuntimeClass();
        }
        touched.set(true);
        step("failed to ensure namespace", () -> apply(AgentObjects.namespace(a)));
        step("failed to create ServiceAccount", () -> apply(AgentObjects.serviceAccount(a)));
        step("failed to create Role", () -> apply(AgentObjects.role(a)));
        step("failed to create RoleBinding", () -> apply(AgentObjects.roleBinding(a)));
        step("failed to create ClusterRole", () -> apply(AgentObjects.clusterRole(a)));
        step("failed to create ClusterRoleBinding", () -> apply(AgentObjects.clusterRoleBinding(a)));
        step("failed to create Job", () -> {
            if (Jobs.deleteForeground(s, a.namespace(), a.jobName())) {
                Jobs.awaitDeleted(s, a.namespace(), a.jobName(), DELETE_WAIT);
            }
            apply(AgentObjects.job(a));
        });
    }

    private void checkRuntimeClass() {
        Object rc;
        try {
            rc = CompletableFuture.supplyAsync(() -> s.client().resources(io.fabric8.kubernetes.api.model.node.v1.RuntimeClass.class)
                    .withName(a.runtimeClass()).get()).get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to check RuntimeClass \"" + a.runtimeClass() + "\"",
                    new IllegalStateException(KubeErrors.describe(e, s.server())));
        }
        if (rc == null) {
            throw new AicrException(ErrorCode.NOT_FOUND, "RuntimeClass \"" + a.runtimeClass() + "\" not found in cluster; "
                    + "the GPU Operator may not be installed yet (omit --runtime-class and use --node-selector to target a GPU node)");
        }
    }

    private void apply(HasMetadata obj) {
        s.client().resource(obj).fieldManager(Apply.FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    private void step(String what, Runnable r) {
        try {
            r.run();
        } catch (AicrException e) {
            throw new AicrException(ErrorCode.INTERNAL, what, e);
        } catch (RuntimeException e) {
            throw new AicrException(ErrorCode.INTERNAL, what, new IllegalStateException(KubeErrors.describe(e, s.server())));
        }
    }

    /**
     * Waits for the Job; a failed Job dumps the agent's log to stderr. TIMEOUT when the wait runs
     * out, INTERNAL when the Job failed.
     */
    public void await(String failureMessage) {
        Job j;
        try {
            j = Jobs.awaitTerminal(s, a.namespace(), a.jobName(), a.timeout());
        } catch (AicrException e) {
            dumpLogs();
            ErrorCode code = e.code() == ErrorCode.TIMEOUT ? ErrorCode.TIMEOUT : ErrorCode.INTERNAL;
            throw new AicrException(code, failureMessage, e);
        }
        JobCondition failed = Jobs.condition(j, "Failed");
        if (failed != null) {
            dumpLogs();
            throw new AicrException(ErrorCode.INTERNAL, failureMessage, new AicrException(ErrorCode.INTERNAL, "job failed: "
                    + a.namespace() + "/" + a.jobName() + " reason=" + failed.getReason()
                    + (failed.getMessage() == null ? "" : " message=" + failed.getMessage())));
        }
    }

    private void dumpLogs() {
        try {
            Pod p = Jobs.newestPod(s, a.namespace(), AgentObjects.POD_SELECTOR);
            String logs = p == null ? "" : Jobs.logs(s, a.namespace(), p.getMetadata().getName());
            if (!logs.isEmpty()) {
                Log.raw("--- agent logs ---");
                Log.raw(logs.endsWith("\n") ? logs.substring(0, logs.length() - 1) : logs);
                Log.raw("--- end logs ---");
            }
        } catch (RuntimeException ignored) {
            // logs are a courtesy; the failure itself is reported by the caller
        }
    }

    /** The snapshot the agent wrote: key {@code snapshot.yaml} of its ConfigMap. */
    public byte[] snapshot() {
        ConfigMapUri cm = ConfigMapUri.parse(a.output());
        String yaml = ConfigMaps.data(s, cm).get("snapshot.yaml");
        if (yaml == null) {
            throw new AicrException(ErrorCode.NOT_FOUND, "ConfigMap " + cm.namespace() + "/" + cm.name()
                    + " does not contain 'snapshot.yaml' key");
        }
        return ConfigMaps.bounded(cm, "snapshot.yaml", yaml).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Reads the agent's ConfigMap as a stored document (any format) — for callers that want it parsed. */
    public aicr.io.ConfigMapStore.Stored stored() {
        return ConfigMaps.read(s, ConfigMapUri.parse(a.output()));
    }

    /**
     * Removes the Job (foreground) and the RBAC objects concurrently, once, unless the spec keeps
     * them; NotFound is fine, other failures are logged one line each. The agent's ConfigMap and
     * the namespace stay. Nothing is deleted when the run never got past its checks.
     *
     * <p>On Ctrl-C both the interrupted command and the agent's shutdown hook call this: the
     * second caller waits for the first (synchronized), an interrupted caller still waits for the
     * deletions (bounded by {@link #CLEANUP_BOUND}), and the deletions run as an
     * {@link Interrupts#cleanUp} section, so the CLI's signal hook does not halt the process
     * while they are in flight.
     */
    public synchronized void cleanup() {
        if (!a.cleanup() || !touched.get() || !cleaned.compareAndSet(false, true)) {
            return;
        }
        Interrupts.cleanUp(this::deleteAll);
    }

    private void deleteAll() {
        Map<String, Supplier<Object>> tasks = new LinkedHashMap<>();
        tasks.put("Job \"" + a.jobName() + "\"", () -> s.client().batch().v1().jobs().inNamespace(a.namespace())
                .withName(a.jobName()).withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.FOREGROUND).delete());
        tasks.put("ServiceAccount \"" + a.serviceAccountName() + "\"", () -> s.client().serviceAccounts()
                .inNamespace(a.namespace()).withName(a.serviceAccountName()).delete());
        tasks.put("Role \"" + a.serviceAccountName() + "\"", () -> s.client().rbac().roles().inNamespace(a.namespace())
                .withName(a.serviceAccountName()).delete());
        tasks.put("RoleBinding \"" + a.serviceAccountName() + "\"", () -> s.client().rbac().roleBindings()
                .inNamespace(a.namespace()).withName(a.serviceAccountName()).delete());
        tasks.put("ClusterRole \"" + AgentObjects.NODE_READER + "\"", () -> s.client().rbac().clusterRoles()
                .withName(AgentObjects.NODE_READER).delete());
        tasks.put("ClusterRoleBinding \"" + AgentObjects.NODE_READER + "\"", () -> s.client().rbac().clusterRoleBindings()
                .withName(AgentObjects.NODE_READER).delete());
        List<String> deleted = aicr.k8s.Concurrently.deleteAll(s, tasks, CLEANUP_BOUND, "namespace", a.namespace());
        Log.debug("cleanup completed", "deleted", deleted.size(), "resources", String.join(", ", deleted));
    }
}
