package aicr.verify;

import aicr.io.JsonWriter;

/** The text and JSON renderings of a verification (the reference's layout, plus aicr-j's warnings). */
public final class VerifyReport {
    private VerifyReport() {
    }

    public static String json(VerifyResult r) {
        return JsonWriter.write(r.toStruct(), true);
    }

    /** @param policyFailure the unmet requirement, or null */
    public static String text(VerifyResult r, String policyFailure) {
        StringBuilder b = new StringBuilder();
        b.append(r.checksumsPassed() ? "  \u2713 Checksums verified (" + r.checksumFiles() + " files)\n"
                : "  \u2717 Checksum verification failed\n");
        if (r.bundleAttested()) {
            b.append("  \u2713 Bundle attested by: ").append(r.bundleCreator()).append('\n');
        }
        if (r.binaryAttested()) {
            b.append("  \u2713 Binary built by: ").append(r.binaryBuilder()).append('\n');
        }
        if (r.identityPinned()) {
            b.append("  \u2713 Identity pinned to NVIDIA CI\n");
        }
        b.append("  Trust level: ").append(r.trustLevel().id()).append('\n');
        if (r.trustReason() != null && !r.trustReason().isEmpty()) {
            b.append("    \u21b3 ").append(r.trustReason()).append('\n');
        }
        if (!r.errors().isEmpty()) {
            b.append("\nDetails:\n");
            r.errors().forEach(e -> b.append("  - ").append(e).append('\n'));
        }
        if (!r.warnings().isEmpty()) {
            b.append("\nWarnings:\n");
            r.warnings().forEach(w -> b.append("  ! ").append(w).append('\n'));
        }
        if (policyFailure != null) {
            b.append("\nBundle verification: FAILED\n  ").append(policyFailure).append('\n');
        } else if (!r.errors().isEmpty()) {
            b.append("\nBundle verification: FAILED\n");
        } else {
            b.append("\nBundle verification: PASSED\n");
        }
        return b.toString();
    }
}
