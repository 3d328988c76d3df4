package aicr.bundle.localformat;

import java.util.List;

/**
 * One numbered folder {@code NNN-<release>/} of the shared layout.
 *
 * @param name            the Helm release: the component, or {@code <c>-pre}/{@code -post}/{@code -readiness}
 * @param parent          the component the folder belongs to
 * @param upstream        chart coordinates, for {@link FolderKind#UPSTREAM_HELM} only
 * @param files           bundle-relative paths of the folder's files
 * @param createNamespace false when a template of the folder creates its own Namespace
 * @param postManifests   true for the injected {@code -post} folder
 */
public record Folder(int index, String dir, FolderKind kind, String name, String namespace, String parent,
                     Upstream upstream, List<String> files, boolean createNamespace, boolean postManifests) {

    /** Coordinates of an upstream chart as the recipe gives them. */
    public record Upstream(String chart, String repo, String version) {
    }

    public Folder withFiles(List<String> newFiles) {
        return new Folder(index, dir, kind, name, namespace, parent, upstream, List.copyOf(newFiles), createNamespace,
                postManifests);
    }
}
