package aicr.bundle.argocd;

import aicr.bundle.localformat.Folder;

/**
 * One child Argo CD Application: a numbered folder of the bundle deployed at its sync wave.
 *
 * @param name        the Application name (namePrefix applied)
 * @param repository  the upstream Helm repository ({@code <oci source>/<chart>} for OCI), "" for local charts
 * @param version     chart version (leading {@code v} removed for HTTP repositories)
 * @param valuesYaml  inline values, 8-space indented, when the bundle repository is OCI
 */
public record ChildApp(String name, Folder folder, String namespace, String repository, String chart, String version,
                       int syncWave, boolean isLocalChart, String valuesYaml) {
}
