package aicr.bundle;

import aicr.bundle.oci.OciTarget;
import aicr.bundle.options.ComponentPath;
import aicr.bundle.options.DeployerType;
import aicr.bundle.options.Scheduling;
import aicr.bundle.options.TypedOverride;
import java.nio.file.Path;
import java.util.List;

/**
 * Validated bundle options.
 *
 * @param recipe          absolute path, URL or ConfigMap URI of the recipe
 * @param outputDir       absolute output directory ({@code <cwd>/bundle} for OCI output)
 * @param oci             the OCI target, or null for local output
 * @param repoUrl         GitOps repository ("" = none)
 * @param targetRevision  "" unless derived from the OCI tag
 * @param typed           {@code --set-file} entries, then {@code --set-json} entries
 * @param fluxOciSourceName  OCIRepository name (flux with OCI output only, else "")
 * @param dataDir         the {@code --data} directory, or null
 */
record BundleSettings(String recipe, Path outputDir, OciTarget oci, DeployerType deployer, String repoUrl,
                             String targetRevision, List<ComponentPath> set, List<TypedOverride> typed,
                             List<ComponentPath> dynamic, Scheduling scheduling, boolean vendorCharts,
                             boolean readinessHooks, String fluxNamespace, String fluxOciSourceName, String appName,
                             Path dataDir, boolean attest, boolean plainHttp, boolean insecureTls, String imageRefs,
                             String version) {
}
