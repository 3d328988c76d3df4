package aicr.validate;

import aicr.BuildInfo;
import aicr.cluster.AgentFlags;
import aicr.cluster.AgentSpec;
import aicr.cluster.Toleration;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.gocompat.GoDuration;
import aicr.io.Fields;
import aicr.io.Node;
import aicr.log.Log;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How live validation reaches the cluster (spec §5.1): the namespace of the agent and of the
 * validator Jobs, the agent Job (when no snapshot is given), and what validator Jobs get from
 * the command line: pull secrets, the inner-workload node selector and tolerations, cleanup,
 * image overrides and the check-scoped environment forwards.
 *
 * @param namespace        agent and validator namespace
 * @param agent            the snapshot agent, when validate captures the snapshot itself
 * @param imagePullSecrets for the agent and every validator Job
 * @param nodeSelector     passed to validators' inner workloads (AICR_NODE_SELECTOR); empty: none
 * @param tolerations      passed to validators' inner workloads (AICR_TOLERATIONS); null: not given
 * @param cleanup          delete Jobs, RBAC and ConfigMaps at the end (false: {@code --no-cleanup})
 * @param registryOverride AICR_VALIDATOR_IMAGE_REGISTRY ("" for none)
 * @param tagOverride      AICR_VALIDATOR_IMAGE_TAG ("" for none)
 * @param env              the CLI's environment, for the check-scoped forwards (HF_TOKEN, ...)
 */
public record LiveSettings(String namespace, AgentSpec agent, List<String> imagePullSecrets, Map<String, String> nodeSelector,
                           List<Toleration> tolerations, boolean cleanup, String registryOverride, String tagOverride,
                           Map<String, String> env) {
    public static final String DEFAULT_NAMESPACE = "aicr-validation";

    public LiveSettings {
        imagePullSecrets = List.copyOf(imagePullSecrets);
        nodeSelector = nodeSelector == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(nodeSelector));
        tolerations = tolerations == null ? null : List.copyOf(tolerations);
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /**
     * The cluster flags as given (null: not given); {@code namespace}, {@code image} and
     * {@code requireGpu} already fall back to AICR_NAMESPACE, AICR_VALIDATOR_IMAGE and
     * AICR_REQUIRE_GPU.
     */
    public record Flags(String namespace, String image, List<String> imagePullSecrets, String jobName,
                        String serviceAccountName, List<String> nodeSelectors, List<String> tolerations, String timeout,
                        Boolean noCleanup, Boolean requireGpu, Map<String, String> env) {
        /** No cluster flag given, empty environment. */
        public static final Flags NONE = new Flags(null, null, null, null, null, null, null, null, null, null, Map.of());
    }

    /** The flags over {@code spec.validate.agent} / {@code spec.validate.execution} of the config over the defaults. */
    public static LiveSettings resolve(Flags f, Node.MapNode agentCfg, Node.MapNode execCfg) {
        Map<String, String> selector = AgentFlags.nodeSelector(f.nodeSelectors(), agentCfg);
        List<Toleration> tolerations;
        try {
            List<String> fromConfig = Fields.strList(agentCfg, "tolerations");
            // not given: null (the agent gets no tolerations, validators no AICR_TOLERATIONS), as the reference
            tolerations = f.tolerations() != null ? Toleration.parse(f.tolerations())
                    : fromConfig != null && !fromConfig.isEmpty() ? Toleration.parse(fromConfig) : null;
        } catch (AicrException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid toleration", e);
        }
        String namespace = AgentFlags.pick("namespace", f.namespace(), Fields.str(agentCfg, "namespace"), DEFAULT_NAMESPACE);
        Duration timeout;
        String timeoutText = AgentFlags.pick("timeout", f.timeout(), Fields.str(execCfg, "timeout"), "5m");
        try {
            timeout = GoDuration.parse(timeoutText);
        } catch (AicrException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid --timeout \"" + timeoutText + "\"", e);
        }
        boolean noCleanup = f.noCleanup() != null ? f.noCleanup() : execCfg != null && Fields.bool(execCfg, "noCleanup");
        boolean requireGpu = f.requireGpu() != null ? f.requireGpu() : agentCfg != null && Fields.bool(agentCfg, "requireGpu");
        List<String> secrets = AgentFlags.imagePullSecrets(f.imagePullSecrets(), agentCfg);
        AgentSpec agent = new AgentSpec(namespace,
                AgentFlags.pick("image", f.image(), Fields.str(agentCfg, "image"), AgentSpec.defaultImage(BuildInfo.VERSION)),
                secrets, AgentFlags.pick("job-name", f.jobName(), Fields.str(agentCfg, "jobName"), "aicr-validate"),
                AgentFlags.pick("service-account-name", f.serviceAccountName(), Fields.str(agentCfg, "serviceAccountName"), "aicr"),
                selector, tolerations, timeout, !noCleanup, Log.debugEnabled(), true, requireGpu, "", "", 0, "", false,
                Map.of(), Map.of(), "cm://" + namespace + "/aicr-snapshot");
        Map<String, String> env = f.env() == null ? Map.of() : f.env();
        return new LiveSettings(namespace, agent, secrets, selector, tolerations, !noCleanup,
                env.getOrDefault("AICR_VALIDATOR_IMAGE_REGISTRY", ""), env.getOrDefault("AICR_VALIDATOR_IMAGE_TAG", ""), env);
    }
}
