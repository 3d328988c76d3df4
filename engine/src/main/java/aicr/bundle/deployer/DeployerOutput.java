package aicr.bundle.deployer;

import aicr.bundle.tree.BundleTree;
import java.util.List;

/**
 * A generated tree plus what the summary prints: deployment steps and deployer notes.
 */
public record DeployerOutput(BundleTree tree, List<String> steps, List<String> notes) {
}
