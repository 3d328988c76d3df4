package aicr.k8s.validate;

import aicr.cluster.Toleration;
import aicr.gocompat.GoDuration;
import aicr.recipe.ComponentRef;
import aicr.validate.LiveSettings;
import aicr.validate.ValidatorCatalog;
import aicr.validate.ValidatorImages;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The objects one live validation run creates (spec §5.7, §5.10), named after its run ID:
 * the labelled namespace, the validators' ServiceAccount bound to {@code cluster-admin}, the
 * snapshot and validation-input ConfigMaps, each validator's Job and each phase's CTRF
 * ConfigMap.
 */
final class ValidatorObjects {
    private ValidatorObjects() {
    }

    static final String NAME = "app.kubernetes.io/name";
    static final String COMPONENT = "app.kubernetes.io/component";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String RUN_ID = "aicr.run/run-id";
    static final String VALIDATOR = "aicr.run/validator";
    static final String PHASE = "aicr.run/phase";
    static final String CONTAINER = "validator";
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    static final long TTL_AFTER_FINISHED = 3600;
    static final long GRACE_SECONDS = 30;
    private static final String GPU_LABEL = "nvidia.com/gpu.present";
    /** Forwarded from the CLI's environment to one check only. */
    private static final Map<String, String> SCOPED_ENV = Map.of("HF_TOKEN", "inference-perf",
            "AICR_REQUIRE_SCOPED_INFERENCE_GATEWAY", "inference-gateway", "AICR_NCCL_FABRIC", "nccl-all-reduce-bw-net",
            "AICR_INFERENCE_PERF_NO_CLEANUP", "inference-perf");
    private static final SecureRandom RANDOM = new SecureRandom();

    static String serviceAccountName(String runId) {
        return "aicr-validator-" + runId;
    }

    static String snapshotConfigMap(String runId) {
        return "aicr-snapshot-" + runId;
    }

    static String validationConfigMap(String runId) {
        return "aicr-validation-" + runId;
    }

    static String ctrfConfigMap(String runId, String phase) {
        return "aicr-ctrf-" + runId + "-" + phase;
    }

    private static Map<String, String> labels(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static Namespace namespace(String ns) {
        return new NamespaceBuilder().withNewMetadata().withName(ns)
                .withLabels(labels(NAME, "aicr", COMPONENT, "validation", MANAGED_BY, "aicr")).endMetadata().build();
    }

    static ServiceAccount serviceAccount(String ns, String runId) {
        return new ServiceAccountBuilder().withNewMetadata().withName(serviceAccountName(runId)).withNamespace(ns)
                .withLabels(labels(NAME, "aicr-validator", MANAGED_BY, "aicr")).endMetadata().build();
    }

    /** Validators inspect the whole cluster (and create workloads), so they run as cluster-admin, for this run only. */
    static ClusterRoleBinding clusterRoleBinding(String ns, String runId) {
        return new ClusterRoleBindingBuilder().withNewMetadata().withName(serviceAccountName(runId))
                .withLabels(labels(NAME, "aicr-validator", MANAGED_BY, "aicr")).endMetadata()
                .addNewSubject().withKind("ServiceAccount").withName(serviceAccountName(runId)).withNamespace(ns).endSubject()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("cluster-admin")
                .endRoleRef().build();
    }

    static ConfigMap dataConfigMap(String ns, String runId, String name, String key, String text) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(ns)
                .withLabels(labels(NAME, "aicr", COMPONENT, "validation", MANAGED_BY, "aicr", RUN_ID, runId)).endMetadata()
                .withData(Map.of(key, text)).build();
    }

    static ConfigMap ctrfReport(String ns, String runId, String phase, String json) {
        return new ConfigMapBuilder().withNewMetadata().withName(ctrfConfigMap(runId, phase)).withNamespace(ns)
                .withLabels(labels(NAME, "aicr", COMPONENT, "validation", MANAGED_BY, "aicr", RUN_ID, runId, PHASE, phase,
                        "aicr.run/report-type", "ctrf")).endMetadata()
                .withData(Map.of("report.json", json)).build();
    }

    /** {@code aicr-<validator>-<8 hex>}: a fresh name per Job, a DNS label of at most 63 characters. */
    static String jobName(String validator) {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return "aicr-" + validator + "-" + HexFormat.of().formatHex(b);
    }

    /** The entry's timeout; absent or zero: 5 minutes. */
    static Duration timeout(ValidatorCatalog.Entry e) {
        if (e.timeout().isEmpty()) {
            return DEFAULT_TIMEOUT;
        }
        Duration d = GoDuration.parse(e.timeout());
        return d.isZero() ? DEFAULT_TIMEOUT : d;
    }

    /**
     * The validator's Job (spec §5.10). {@code image} is the resolved image; {@code refs} the
     * recipe's components, for the pod-affinity terms of {@code dependencyAffinity}.
     */
    static Job job(String jobName, ValidatorCatalog.Entry e, String image, String runId, LiveSettings s,
                   List<ComponentRef> refs, String version, String commit) {
        Duration timeout = timeout(e);
        Map<String, Quantity> resources = new TreeMap<>();
        resources.put("cpu", new Quantity(e.cpu().isEmpty() ? "1" : e.cpu()));
        resources.put("memory", new Quantity(e.memory().isEmpty() ? "1Gi" : e.memory()));
        List<LocalObjectReference> secrets = new ArrayList<>();
        s.imagePullSecrets().forEach(n -> secrets.add(new LocalObjectReference(n)));
        return new JobBuilder().withNewMetadata().withName(jobName).withNamespace(s.namespace())
                .withLabels(labels(NAME, "aicr", COMPONENT, "validation", MANAGED_BY, "aicr", "aicr.run/job-type", "validation",
                        RUN_ID, runId, VALIDATOR, e.name(), PHASE, e.phase())).endMetadata()
                .withNewSpec().withActiveDeadlineSeconds(timeout.toSeconds()).withBackoffLimit(0)
                .withTtlSecondsAfterFinished((int) TTL_AFTER_FINISHED)
                .withNewTemplate().withNewMetadata().withLabels(labels(NAME, "aicr", COMPONENT, "validation", VALIDATOR, e.name()))
                .endMetadata()
                .withNewSpec().withServiceAccountName(serviceAccountName(runId)).withRestartPolicy("Never")
                .withTerminationGracePeriodSeconds(GRACE_SECONDS).withImagePullSecrets(secrets)
                // the orchestrator pod tolerates everything; --toleration goes to the inner workloads (env)
                .addNewToleration().withOperator("Exists").endToleration()
                .withNewAffinity()
                .withNewNodeAffinity().addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(100)
                .withNewPreference().addNewMatchExpression().withKey(GPU_LABEL).withOperator("DoesNotExist").endMatchExpression()
                .endPreference().endPreferredDuringSchedulingIgnoredDuringExecution().endNodeAffinity()
                .withPodAffinity(podAffinity(e, refs))
                .endAffinity()
                .addNewContainer().withName(CONTAINER).withImage(image)
                .withImagePullPolicy(ValidatorImages.pullPolicy(image, s.tagOverride())).withArgs(e.args())
                .withEnv(env(e, runId, timeout, s, version, commit))
                .withNewResources().withRequests(resources).withLimits(new TreeMap<>(resources)).endResources()
                .withTerminationMessagePath("/dev/termination-log").withTerminationMessagePolicy("File")
                .addNewVolumeMount().withName("snapshot").withMountPath("/data/snapshot").withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("validation").withMountPath("/data/validation").withReadOnly(true).endVolumeMount()
                .endContainer()
                .addNewVolume().withName("snapshot").withNewConfigMap().withName(snapshotConfigMap(runId)).endConfigMap().endVolume()
                .addNewVolume().withName("validation").withNewConfigMap().withName(validationConfigMap(runId)).endConfigMap()
                .endVolume()
                .endSpec().endTemplate().endSpec().build();
    }

    /**
     * Pod-affinity terms for the entry's dependencies on recipe components (null when none
     * apply): required ones hard, preferred ones weighted 100, in the component's namespace.
     * Absent preferred dependencies were dropped with a warning by the pre-flight.
     */
    static io.fabric8.kubernetes.api.model.PodAffinity podAffinity(ValidatorCatalog.Entry e, List<ComponentRef> refs) {
        List<PodAffinityTerm> required = new ArrayList<>();
        List<WeightedPodAffinityTerm> preferred = new ArrayList<>();
        for (ValidatorCatalog.DependencyAffinity d : e.dependencyAffinity()) {
            ComponentRef ref = aicr.validate.DependencyAffinities.resolved(d, refs);
            if (ref == null) {
                continue;
            }
            PodAffinityTerm term = new PodAffinityTermBuilder().withNewLabelSelector()
                    .withMatchLabels(new LinkedHashMap<>(d.podLabelSelector())).endLabelSelector()
                    .withNamespaces(ref.namespace()).withTopologyKey(d.topologyKeyOrDefault()).build();
            if (d.required()) {
                required.add(term);
            } else {
                preferred.add(new WeightedPodAffinityTerm(term, 100));
            }
        }
        if (required.isEmpty() && preferred.isEmpty()) {
            return null;
        }
        return new io.fabric8.kubernetes.api.model.PodAffinityBuilder()
                .withRequiredDuringSchedulingIgnoredDuringExecution(required)
                .withPreferredDuringSchedulingIgnoredDuringExecution(preferred).build();
    }

    private static List<EnvVar> env(ValidatorCatalog.Entry e, String runId, Duration timeout, LiveSettings s, String version,
                                    String commit) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("AICR_SNAPSHOT_PATH", "/data/snapshot/snapshot.yaml", null));
        env.add(new EnvVar("AICR_VALIDATION_PATH", "/data/validation/validation.yaml", null));
        env.add(new EnvVar("AICR_VALIDATOR_NAME", e.name(), null));
        env.add(new EnvVar("AICR_VALIDATOR_PHASE", e.phase(), null));
        env.add(new EnvVar("AICR_RUN_ID", runId, null));
        env.add(new EnvVarBuilder().withName("AICR_NAMESPACE").withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().build());
        env.add(new EnvVar("AICR_CHECK_TIMEOUT", GoDuration.format(timeout), null));
        if (!s.nodeSelector().isEmpty()) {
            List<String> pairs = new ArrayList<>();
            s.nodeSelector().forEach((k, v) -> pairs.add(k + "=" + v)); // sorted: the settings keep keys in order
            env.add(new EnvVar("AICR_NODE_SELECTOR", String.join(",", pairs), null));
        }
        if (s.tolerations() != null && !s.tolerations().isEmpty()) {
            env.add(new EnvVar("AICR_TOLERATIONS", String.join(",", s.tolerations().stream().map(Toleration::serialized).toList()),
                    null));
        }
        if (version != null && !version.isEmpty()) {
            env.add(new EnvVar("AICR_CLI_VERSION", version, null));
        }
        if (commit != null && !commit.isEmpty()) {
            env.add(new EnvVar("AICR_CLI_COMMIT", commit, null));
        }
        if (!s.registryOverride().isEmpty()) {
            env.add(new EnvVar("AICR_VALIDATOR_IMAGE_REGISTRY", s.registryOverride(), null));
        }
        if (!s.tagOverride().isEmpty()) {
            env.add(new EnvVar("AICR_VALIDATOR_IMAGE_TAG", s.tagOverride(), null));
        }
        for (String name : List.of("HF_TOKEN", "AICR_REQUIRE_SCOPED_INFERENCE_GATEWAY", "AICR_NCCL_FABRIC")) {
            String v = s.env().get(name);
            if (v != null && !v.isEmpty() && e.name().equals(SCOPED_ENV.get(name))) {
                env.add(new EnvVar(name, v, null));
            }
        }
        if (e.name().equals("inference-perf") && parseBool(s.env().get("AICR_INFERENCE_PERF_NO_CLEANUP"))) {
            env.add(new EnvVar("AICR_INFERENCE_PERF_NO_CLEANUP", "1", null));
        }
        Set<String> reserved = SCOPED_ENV.keySet();
        for (ValidatorCatalog.EnvVar v : e.env()) {
            if (!reserved.contains(v.name())) {
                env.add(new EnvVar(v.name(), v.value(), null));
            }
        }
        return env;
    }

    /** Go's strconv.ParseBool: 1, t, T, TRUE, true, True. */
    private static boolean parseBool(String v) {
        return v != null && Set.of("1", "t", "T", "TRUE", "true", "True").contains(v);
    }
}
