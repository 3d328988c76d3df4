package aicr.bundle.deployer;

import aicr.bundle.options.ArgoOptions;

/**
 * Deployer options resolved from the flags.
 *
 * @param cliVersion       the bundler's version, printed into generated files
 * @param repoUrl          GitOps repository ("" = the deployer's placeholder)
 * @param targetRevision   "" = the deployer's default branch
 * @param appName          parent Argo CD Application ("" = deployer default)
 * @param chartName        argocd-helm chart name ("" = default)
 * @param ociParentNamespace  argocd-helm default repoURL for OCI output ("" otherwise)
 * @param fluxOciSourceName   non-empty only for flux with OCI output
 * @param outputDir        the output directory as shown in the deployment steps
 */
public record DeployerSettings(String cliVersion, String repoUrl, String targetRevision, String appName, ArgoOptions argo,
                               String fluxNamespace, String fluxOciSourceName, String chartName,
                               String ociParentNamespace, String outputDir) {
}
