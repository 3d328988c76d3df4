package aicr.bundle.vendor;

/** Fetches an upstream chart tarball for {@code --vendor-charts}. */
public interface ChartPuller {
    /** A pulled chart: the tarball's bytes, its file name and its provenance. */
    record Pulled(byte[] tgz, String tarball, VendorRecord record) {
    }

    /**
     * @param repository Helm repository URL or {@code oci://} location
     * @param chart      chart name
     * @param version    chart version as the recipe gives it
     */
    Pulled pull(String component, String repository, String chart, String version);
}
