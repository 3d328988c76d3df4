package aicr.bundle.localformat;

/** The two kinds of numbered folder. */
public enum FolderKind {
    /** Values and an install script for a chart pulled from its repository at install time. */
    UPSTREAM_HELM("upstream-helm"),
    /** A wrapper chart (Chart.yaml + templates/) built from manifests or a Kustomize build. */
    LOCAL_HELM("local-helm");

    private final String id;

    FolderKind(String id) {
        this.id = id;
    }

    @Override
    public String toString() {
        return id;
    }
}
