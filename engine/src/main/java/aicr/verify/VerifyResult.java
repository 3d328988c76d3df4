package aicr.verify;

import aicr.io.Struct;
import java.util.List;

/**
 * What {@code aicr verify} found. {@code warnings} is aicr-j's addition (the reference has no
 * such field): things that do not fail verification but limit what it proves.
 */
public record VerifyResult(TrustLevel trustLevel, boolean checksumsPassed, int checksumFiles, boolean bundleAttested,
                           boolean binaryAttested, boolean identityPinned, String bundleCreator, String binaryBuilder,
                           String toolVersion, boolean hasExternalData, String trustReason, List<String> errors,
                           List<String> warnings, TrustLevel maxAchievable) {

    /** The reference's JSON fields in its order; empty strings and lists are left out. */
    public Struct toStruct() {
        Struct s = new Struct().with("trustLevel", trustLevel.id()).with("checksumsPassed", checksumsPassed)
                .with("checksumFiles", (long) checksumFiles).with("bundleAttested", bundleAttested)
                .with("binaryAttested", binaryAttested).with("identityPinned", identityPinned);
        optional(s, "bundleCreator", bundleCreator);
        optional(s, "binaryBuilder", binaryBuilder);
        optional(s, "toolVersion", toolVersion);
        s.with("hasExternalData", hasExternalData);
        optional(s, "trustReason", trustReason);
        if (!errors.isEmpty()) {
            s.with("errors", errors);
        }
        if (!warnings.isEmpty()) {
            s.with("warnings", warnings);
        }
        return s;
    }

    private static void optional(Struct s, String key, String v) {
        if (v != null && !v.isEmpty()) {
            s.with(key, v);
        }
    }
}
