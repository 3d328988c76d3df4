package aicr.verify;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.util.Locale;

/** How far a bundle's provenance chain verified, weakest first. */
public enum TrustLevel {
    /** Checksums missing or wrong, or an attestation present that failed. */
    UNKNOWN,
    /** Checksums valid, no attestation. */
    UNVERIFIED,
    /** Bundle attestation verified; binary attestation missing, or external data included. */
    ATTESTED,
    /** Checksums, bundle attestation and an NVIDIA-CI binary attestation verified, embedded data only. */
    VERIFIED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean meets(TrustLevel min) {
        return ordinal() >= min.ordinal();
    }

    /** Case-insensitive after trimming; INVALID_REQUEST naming the choices otherwise. */
    public static TrustLevel parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        for (TrustLevel l : values()) {
            if (l.id().equals(t)) {
                return l;
            }
        }
        throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid trust level " + aicr.gocompat.GoStrings.quote(s)
                + ": must be one of unknown, unverified, attested, verified");
    }
}
