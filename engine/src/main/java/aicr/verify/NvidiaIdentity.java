package aicr.verify;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.sigstore.SignerPolicy;
import aicr.sigstore.StringMatch;

/**
 * The identity NVIDIA's release pipeline signs with (binary attestations, the recipe catalog):
 * GitHub Actions OIDC, the aicr repository's tag workflow. An override must stay inside the
 * NVIDIA repository.
 */
public final class NvidiaIdentity {
    private NvidiaIdentity() {
    }

    public static final String ISSUER = "https://token.actions.githubusercontent.com";
    public static final String DEFAULT_PATTERN = "^https://github\\.com/NVIDIA/aicr/\\.github/workflows/on-tag\\.yaml@refs/tags/.*";

    /** INVALID_REQUEST unless the pattern is non-empty and names the NVIDIA repository. */
    public static void validate(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "certificate identity pattern cannot be empty");
        }
        if (!pattern.contains("://github.com/NVIDIA/aicr/") && !pattern.contains("://github\\.com/NVIDIA/aicr/")) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "certificate identity pattern must contain "
                    + "\"://github.com/NVIDIA/aicr/\" to pin to the NVIDIA repository");
        }
        StringMatch.regex(pattern);
    }

    /** The signer policy for a pattern (null: the default pin). */
    public static SignerPolicy.Keyless policy(String pattern) {
        String p = pattern == null ? DEFAULT_PATTERN : pattern;
        validate(p);
        return new SignerPolicy.Keyless(StringMatch.literal(ISSUER), StringMatch.regex(p));
    }
}
