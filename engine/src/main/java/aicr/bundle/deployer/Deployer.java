package aicr.bundle.deployer;

import aicr.bundle.values.DynamicPaths;
import java.util.List;

/**
 * One target tool (Helm, Helmfile, Argo CD, Argo CD Helm, Flux): turns the assembled bundle
 * input into that tool's tree, and says what the tool does with the bundle flags. The
 * Bundler asks these capabilities; it never branches on the deployer type.
 */
public interface Deployer {
    DeployerOutput generate(DeployerInput in);

    /**
     * True for a top-level entry of an existing output directory that an earlier run of this
     * deployer wrote and that must not survive (numbered folders that are not rewritten, for
     * example); other foreign entries are left alone.
     */
    default boolean isStale(String topLevelName, boolean isDirectory) {
        return false;
    }

    /**
     * The annotations that order a readiness gate Job ({@code --readiness-hooks}) after its
     * component under this tool, or null when the tool cannot order gates (the flag is rejected).
     */
    default List<String> readinessGateAnnotations() {
        return null;
    }

    /** Whether Argo CD Application options ({@code --set deployer:<key>=<value>}) apply. */
    default boolean takesApplicationOptions() {
        return false;
    }

    /**
     * Rejects (throws) or warns about flags this tool cannot honour, after the readiness and
     * Application-option checks: the GitOps repository ("" when not given) and install-time
     * values ({@code --dynamic}).
     */
    default void checkFlags(String repoUrl, DynamicPaths dynamic) {
    }

    /** Whether the bundle carries the resolved (filtered) recipe as {@code recipe.yaml}. */
    default boolean includesRecipe() {
        return false;
    }

    /** Whether the tree is one Helm chart: pushed as a chart for {@code oci://} output, summarised with an install hint. */
    default boolean isHelmChart() {
        return false;
    }
}
