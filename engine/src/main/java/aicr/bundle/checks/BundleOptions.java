package aicr.bundle.checks;

import java.util.Map;

/** Fact: the bundle's scheduling options as given on the command line or in --config. */
public record BundleOptions(String deployer, Map<String, String> systemNodeSelector,
                            Map<String, String> acceleratedNodeSelector, Map<String, String> workloadSelector,
                            String storageClass, int nodes) {
}
