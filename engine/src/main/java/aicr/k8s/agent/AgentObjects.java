package aicr.k8s.agent;

import aicr.cluster.AgentSpec;
import aicr.cluster.Toleration;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects the snapshot agent needs (spec §3.4–3.5), built from an {@link AgentSpec}: its
 * namespace, ServiceAccount, Role and RoleBinding (named after the ServiceAccount), the fixed
 * {@code aicr-node-reader} ClusterRole and ClusterRoleBinding, and the one-shot Job.
 */
public final class AgentObjects {
    private AgentObjects() {
    }

    public static final String APP_LABEL = "app.kubernetes.io/name";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String NODE_READER = "aicr-node-reader";
    /** The label selector of the agent's pods. */
    public static final String POD_SELECTOR = APP_LABEL + "=aicr";

    static final long TTL_AFTER_FINISHED = 3600;
    static final long ACTIVE_DEADLINE = 5 * 3600;

    public static Namespace namespace(AgentSpec a) {
        return new NamespaceBuilder().withNewMetadata().withName(a.namespace()).addToLabels(MANAGED_BY, "aicr")
                .endMetadata().build();
    }

    public static ServiceAccount serviceAccount(AgentSpec a) {
        return new ServiceAccountBuilder().withNewMetadata().withName(a.serviceAccountName()).withNamespace(a.namespace())
                .endMetadata().build();
    }

    public static Role role(AgentSpec a) {
        return new RoleBuilder().withNewMetadata().withName(a.serviceAccountName()).withNamespace(a.namespace()).endMetadata()
                .withRules(rule("", List.of("configmaps"), "create", "get", "update", "patch"),
                        rule("", List.of("pods"), "get", "list"))
                .build();
    }

    public static RoleBinding roleBinding(AgentSpec a) {
        return new RoleBindingBuilder().withNewMetadata().withName(a.serviceAccountName()).withNamespace(a.namespace())
                .endMetadata().addNewSubject().withKind("ServiceAccount").withName(a.serviceAccountName())
                .withNamespace(a.namespace()).endSubject().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
                .withKind("Role").withName(a.serviceAccountName()).endRoleRef().build();
    }

    public static ClusterRole clusterRole(AgentSpec a) {
        List<PolicyRule> rules = new ArrayList<>(List.of(rule("", List.of("nodes"), "get", "list"),
                rule("", List.of("pods"), "get", "list"), rule("nvidia.com", List.of("clusterpolicies"), "get", "list")));
        if (a.discoverNetwork()) {
            // network discovery labels nodes and manages the launch kit's own objects
            rules.add(rule("apiextensions.k8s.io", List.of("customresourcedefinitions"), "get", "list", "create", "update", "patch"));
            rules.add(rule("", List.of("namespaces"), "get", "create", "delete"));
            rules.add(rule("apps", List.of("daemonsets"), "get", "list", "watch", "create", "delete"));
            rules.add(rule("", List.of("serviceaccounts", "configmaps"), "get", "create", "delete"));
            rules.add(rule("rbac.authorization.k8s.io", List.of("roles", "rolebindings"), "get", "create", "delete"));
            rules.add(rule("", List.of("pods/exec"), "create"));
            rules.add(rule("", List.of("nodes"), "patch"));
            rules.add(rule("configuration.net.nvidia.com", List.of("nicdevices"), "get", "list"));
            rules.add(rule("mellanox.com", List.of("nicclusterpolicies"), "get", "patch"));
        }
        return new ClusterRoleBuilder().withNewMetadata().withName(NODE_READER).endMetadata().withRules(rules).build();
    }

    public static ClusterRoleBinding clusterRoleBinding(AgentSpec a) {
        return new ClusterRoleBindingBuilder().withNewMetadata().withName(NODE_READER).endMetadata().addNewSubject()
                .withKind("ServiceAccount").withName(a.serviceAccountName()).withNamespace(a.namespace()).endSubject()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(NODE_READER)
                .endRoleRef().build();
    }

    private static PolicyRule rule(String group, List<String> resources, String... verbs) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resources).withVerbs(verbs).build();
    }

    /** The agent Job: one pod, no retries, cleaned up by TTL an hour after it finishes. */
    public static Job job(AgentSpec a) {
        List<String> args = a.debug() ? List.of("--debug", "--log-json", "snapshot", "-o", a.output())
                : List.of("snapshot", "-o", a.output());
        return new JobBuilder().withNewMetadata().withName(a.jobName()).withNamespace(a.namespace())
                .addToLabels(APP_LABEL, "aicr").endMetadata()
                .withNewSpec().withCompletions(1).withParallelism(1).withCompletionMode("NonIndexed").withBackoffLimit(0)
                .withTtlSecondsAfterFinished((int) TTL_AFTER_FINISHED).withActiveDeadlineSeconds(ACTIVE_DEADLINE)
                .withNewTemplate().withNewMetadata().addToLabels(APP_LABEL, "aicr").endMetadata()
                .withSpec(podSpec(a, args)).endTemplate().endSpec().build();
    }

    static PodSpec podSpec(AgentSpec a, List<String> args) {
        List<VolumeMount> mounts = new ArrayList<>(List.of(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build()));
        List<Volume> volumes = new ArrayList<>(List.of(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build()));
        ContainerBuilder c = new ContainerBuilder().withName("aicr").withImage(a.image()).withCommand("aicr").withArgs(args)
                .withEnv(env(a));
        PodSpecBuilder spec = new PodSpecBuilder().withServiceAccountName(a.serviceAccountName()).withRestartPolicy("Never");
        if (!a.nodeSelector().isEmpty()) {
            spec.withNodeSelector(new LinkedHashMap<>(a.nodeSelector()));
        }
        if (a.tolerations() != null && !a.tolerations().isEmpty()) {
            for (Toleration t : a.tolerations()) {
                TolerationBuilder tb = new TolerationBuilder().withOperator(t.operator());
                if (!t.key().isEmpty()) {
                    tb.withKey(t.key());
                }
                if (!t.value().isEmpty()) {
                    tb.withValue(t.value());
                }
                if (!t.effect().isEmpty()) {
                    tb.withEffect(t.effect());
                }
                spec.addToTolerations(tb.build());
            }
        }
        for (String secret : a.imagePullSecrets()) {
            spec.addToImagePullSecrets(new LocalObjectReference(secret));
        }
        if (!a.runtimeClass().isEmpty()) {
            spec.withRuntimeClassName(a.runtimeClass());
        }
        if (a.privileged()) {
            spec.withHostPID(true).withHostNetwork(true).withHostIPC(true)
                    .withSecurityContext(new PodSecurityContextBuilder().withRunAsUser(0L).withRunAsGroup(0L).withFsGroup(0L)
                            .withFsGroupChangePolicy("OnRootMismatch").build());
            Map<String, Quantity> limits = resources(Map.of("cpu", "2", "memory", "8Gi", "ephemeral-storage", "4Gi"), a.limits());
            if (a.requireGpu() && !limits.containsKey("nvidia.com/gpu")) {
                limits.put("nvidia.com/gpu", new Quantity("1"));
            }
            c.withNewResources().withRequests(resources(Map.of("cpu", "1", "memory", "4Gi", "ephemeral-storage", "2Gi"),
                    a.requests())).withLimits(limits).endResources();
            c.withSecurityContext(new SecurityContextBuilder().withPrivileged(true).withRunAsUser(0L).withRunAsGroup(0L)
                    .withAllowPrivilegeEscalation(true).withNewCapabilities().withAdd("SYS_ADMIN", "SYS_CHROOT")
                    .endCapabilities().build());
            if (!"talos".equals(a.os())) {
                // systemd's private socket and the host's os-release (Talos has neither)
                mounts.add(new VolumeMountBuilder().withName("run-systemd").withMountPath("/run/systemd").withReadOnly(true).build());
                mounts.add(new VolumeMountBuilder().withName("host-os-release").withMountPath("/etc/os-release").withReadOnly(true).build());
                volumes.add(new VolumeBuilder().withName("run-systemd").withNewHostPath().withPath("/run/systemd")
                        .withType("Directory").endHostPath().build());
                volumes.add(new VolumeBuilder().withName("host-os-release").withNewHostPath().withPath("/etc/os-release")
                        .withType("File").endHostPath().build());
            }
        } else {
            spec.withSecurityContext(new PodSecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(65534L)
                    .withRunAsGroup(65534L).withFsGroup(65534L).withNewSeccompProfile().withType("RuntimeDefault")
                    .endSeccompProfile().build());
            c.withNewResources().withRequests(resources(Map.of("cpu", "100m", "memory", "256Mi", "ephemeral-storage", "256Mi"),
                    a.requests())).withLimits(resources(Map.of("cpu", "500m", "memory", "512Mi", "ephemeral-storage", "512Mi"),
                    a.limits())).endResources();
            c.withSecurityContext(new SecurityContextBuilder().withPrivileged(false).withRunAsNonRoot(true).withRunAsUser(65534L)
                    .withRunAsGroup(65534L).withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                    .withNewCapabilities().withDrop("ALL").endCapabilities().withNewSeccompProfile().withType("RuntimeDefault")
                    .endSeccompProfile().build());
        }
        Container container = c.withVolumeMounts(mounts).build();
        return spec.withContainers(container).withVolumes(volumes).build();
    }

    /** Defaults overridden per key by the {@code --requests/--limits} entries, keys in a stable order. */
    private static Map<String, Quantity> resources(Map<String, String> defaults, Map<String, String> overrides) {
        Map<String, Quantity> out = new java.util.TreeMap<>();
        defaults.forEach((k, v) -> out.put(k, new Quantity(v)));
        overrides.forEach((k, v) -> out.put(k, new Quantity(v)));
        return out;
    }

    private static List<EnvVar> env(AgentSpec a) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("AICR_AGENT_MODE", "true", null));
        env.add(new EnvVar("AICR_LOG_PREFIX", "agent", null));
        env.add(new EnvVarBuilder().withName("NODE_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("spec.nodeName")
                .endFieldRef().endValueFrom().build());
        if (a.maxNodesPerEntry() > 0) {
            env.add(new EnvVar("AICR_MAX_NODES_PER_ENTRY", String.valueOf(a.maxNodesPerEntry()), null));
        }
        if (!a.os().isEmpty()) {
            env.add(new EnvVar("AICR_OS", a.os(), null));
        }
        if (!a.clusterConfigPath().isEmpty()) {
            env.add(new EnvVar("AICR_CLUSTER_CONFIG_PATH", a.clusterConfigPath(), null));
        }
        if (a.discoverNetwork()) {
            env.add(new EnvVar("AICR_DISCOVER_NETWORK", "true", null));
        }
        if (!a.runtimeClass().isEmpty()) {
            env.add(new EnvVar("NVIDIA_VISIBLE_DEVICES", "all", null));
        }
        return env;
    }
}
