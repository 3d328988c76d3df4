package aicr.validate;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.recipe.RecipeResult;
import aicr.snapshot.Snapshot;
import java.util.List;

/**
 * The cluster half of {@code aicr validate}: the snapshot agent (no {@code --snapshot}) and
 * the validator Jobs of the phases (without {@code --no-cluster}). {@link ValidateRun} does
 * everything else in the reference's order and asks this seam at those two steps.
 */
public interface ClusterValidation extends AutoCloseable {

    /** The mode line logged before the recipe is loaded (step 5 of the reference's pipeline). */
    String banner();

    /** Captures a snapshot with the agent Job; any failure is {@code [INTERNAL] failed to capture snapshot} (exit 8). */
    Snapshot captureSnapshot(ValidateRun.Options options);

    /**
     * Runs the validator Jobs of {@code phases}, in that order, honouring {@code failFast} of the
     * options (later phases reported skipped after a failed or other one); one result per phase.
     */
    List<PhaseResult> runPhases(ValidateRun.Options options, RecipeResult recipe, Snapshot snapshot, List<String> phases,
                                ValidatorCatalog catalog);

    /** The run ID ({@code YYYYMMDD-HHMMSS-<16 hex>}) logged and stamped on what the run creates; one per command. */
    default String runId() {
        return ValidateRun.runId();
    }

    /** Releases the cluster connection, if one was opened. */
    @Override
    default void close() {
    }

    /** A phase's report with the status and duration its {@code phase result} log line shows. */
    record PhaseResult(String phase, CtrfReport report, String status, String duration) {
    }

    /**
     * This build: no Kubernetes client. Each cluster step fails as the reference does when it
     * cannot reach the cluster (exit 8), and nothing claims that Jobs are deployed.
     */
    ClusterValidation UNAVAILABLE = new ClusterValidation() {
        @Override
        public String banner() {
            return "validating against the live cluster — not available in this build (no Kubernetes client): "
                    + "the snapshot agent and validator Jobs cannot run; use --no-cluster with --snapshot";
        }

        @Override
        public Snapshot captureSnapshot(ValidateRun.Options options) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to capture snapshot", new AicrException(
                    ErrorCode.SERVICE_UNAVAILABLE, "the snapshot agent needs cluster access, which this build does not "
                    + "support yet; capture a snapshot elsewhere and pass --snapshot"));
        }

        @Override
        public List<PhaseResult> runPhases(ValidateRun.Options options, RecipeResult recipe, Snapshot snapshot,
                                           List<String> phases, ValidatorCatalog catalog) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to apply namespace", new AicrException(
                    ErrorCode.SERVICE_UNAVAILABLE, "live validation deploys validator Jobs, which needs cluster access "
                    + "this build does not support yet; run with --no-cluster"));
        }
    };
}
