package aicr.bundle;

import aicr.bundle.deployer.Deployer;
import aicr.bundle.helm.HelmDeployer;
import aicr.bundle.options.DeployerType;

/** The factory of target-tool processors: the deployer implementation of each {@link DeployerType}. */
final class Deployers {
    private Deployers() {
    }

    static Deployer of(DeployerType type) {
        return switch (type) {
            case HELM -> new HelmDeployer();
            case ARGOCD -> new aicr.bundle.argocd.ArgocdDeployer();
            case ARGOCD_HELM -> new aicr.bundle.argocdhelm.ArgocdHelmDeployer();
            case HELMFILE -> new aicr.bundle.helmfile.HelmfileDeployer();
            case FLUX -> new aicr.bundle.flux.FluxDeployer();
        };
    }

    /** The deployers that can order readiness gates, as the error for the others lists them. */
    static String withReadinessGates() {
        return String.join(", ", java.util.Arrays.stream(DeployerType.values())
                .filter(t -> of(t).readinessGateAnnotations() != null).map(DeployerType::id).toList());
    }
}
