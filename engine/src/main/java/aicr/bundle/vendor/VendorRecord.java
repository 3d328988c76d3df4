package aicr.bundle.vendor;

/**
 * Where a vendored chart came from, as provenance.yaml records it.
 *
 * @param name          the component
 * @param pullerVersion e.g. {@code helm-cli v3.16.2}; "" when unknown
 */
public record VendorRecord(String name, String chart, String version, String repository, String sha256,
                           String tarballName, String pullerVersion) {
}
