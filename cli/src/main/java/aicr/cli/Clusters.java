package aicr.cli;

import aicr.validate.ClusterValidation;
import aicr.validate.ValidateRun;

/**
 * Picks the cluster side of {@code aicr validate}. A class of its own, and the Kubernetes
 * layer only named on the live branch, so that {@code --no-cluster} runs load no client class.
 */
final class Clusters {
    private Clusters() {
    }

    static ClusterValidation validation(ValidateRun.Options o) {
        return o.noCluster() ? ClusterValidation.UNAVAILABLE : aicr.k8s.validate.LiveValidation.create(o);
    }
}
