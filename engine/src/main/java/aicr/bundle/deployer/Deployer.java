package aicr.bundle.deployer;

/** Turns the assembled bundle input into the tree of one deployment tool. */
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
}
