package aicr.k8s.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import aicr.io.Node;
import aicr.validate.LiveSettings;
import aicr.validate.ValidatorCatalog;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The CLI's environment reaches a validator only where the check needs it: HF_TOKEN and the
 * inference-perf switch go to inference-perf alone, the gateway and fabric switches to their
 * own checks, and a catalog entry cannot set those names itself.
 */
class ValidatorEnvTest {
    private static final Map<String, String> CLI_ENV = Map.of("HF_TOKEN", "hf_secret", "AICR_INFERENCE_PERF_NO_CLEANUP", "true",
            "AICR_NCCL_FABRIC", "efa", "AICR_REQUIRE_SCOPED_INFERENCE_GATEWAY", "1", "HOME", "/root");

    private static Map<String, String> env(String validator, List<ValidatorCatalog.EnvVar> catalogEnv) {
        LiveSettings settings = LiveSettings.resolve(new LiveSettings.Flags(null, null, null, null, null, null, null, null, null,
                null, CLI_ENV), (Node.MapNode) null, null);
        ValidatorCatalog.Entry e = new ValidatorCatalog.Entry(validator, "performance", "", "img", "5m", List.of(), catalogEnv, "",
                "", List.of());
        Job job = ValidatorObjects.job("aicr-" + validator + "-00000000", e, "img:tag", "RUN", settings, List.of(), "v1", "");
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, v -> v.getValue() == null ? "" : v.getValue(), (a, b) -> b));
    }

    @Test
    void hfTokenAndTheNoCleanupSwitchGoToInferencePerfOnly() {
        Map<String, String> perf = env("inference-perf", List.of());
        assertEquals("hf_secret", perf.get("HF_TOKEN"));
        assertEquals("1", perf.get("AICR_INFERENCE_PERF_NO_CLEANUP"));
        assertFalse(perf.containsKey("AICR_NCCL_FABRIC"));
        assertFalse(perf.containsKey("HOME"), "nothing else of the CLI's environment is forwarded");
        for (String other : List.of("nccl-all-reduce-bw-net", "inference-gateway", "operator-health")) {
            Map<String, String> env = env(other, List.of());
            assertFalse(env.containsKey("HF_TOKEN"), other + " must not see the token");
            assertFalse(env.containsKey("AICR_INFERENCE_PERF_NO_CLEANUP"), other);
        }
    }

    @Test
    void theSwitchesReachTheirOwnChecks() {
        assertEquals("efa", env("nccl-all-reduce-bw-net", List.of()).get("AICR_NCCL_FABRIC"));
        assertEquals("1", env("inference-gateway", List.of()).get("AICR_REQUIRE_SCOPED_INFERENCE_GATEWAY"));
        assertFalse(env("inference-gateway", List.of()).containsKey("AICR_NCCL_FABRIC"));
    }

    @Test
    void aCatalogEntryCannotSetTheScopedNames() {
        Map<String, String> env = env("operator-health", List.of(new ValidatorCatalog.EnvVar("HF_TOKEN", "from-catalog"),
                new ValidatorCatalog.EnvVar("EXTRA", "x")));
        assertFalse(env.containsKey("HF_TOKEN"));
        assertEquals("x", env.get("EXTRA"));
    }
}
