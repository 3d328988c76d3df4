package aicr.verify;

import aicr.data.DataSource;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.sigstore.BundleVerifier;
import aicr.sigstore.Digests;
import aicr.sigstore.Verified;
import aicr.trust.TrustedRoots;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * {@code aicr recipe verify-catalog}: the recipe catalog this build embeds (component registry
 * and validator catalog) is the one NVIDIA's release pipeline signed. The signed subject is
 * {@code sha256(u64be(len R) ‖ R ‖ u64be(len C) ‖ C)} over the exact bytes (spec §6).
 */
public final class CatalogVerification {
    private CatalogVerification() {
    }

    static final String REGISTRY = "registry.yaml";
    static final String VALIDATORS = "validators/catalog.yaml";

    public record Result(String identity, String digest) {
    }

    /** The catalog digest of this build's embedded data (hex). */
    public static String digest() {
        DataSource data = DataSource.embedded();
        byte[] r = data.readEmbeddedBytes(REGISTRY);
        byte[] c = data.readEmbeddedBytes(VALIDATORS);
        MessageDigest md = Digests.sha256();
        md.update(ByteBuffer.allocate(8).putLong(r.length).array());
        md.update(r);
        md.update(ByteBuffer.allocate(8).putLong(c.length).array());
        md.update(c);
        return Digests.hex(md.digest());
    }

    /**
     * @param pattern     identity pattern override (must stay in the NVIDIA repository), or null
     * @param trustedRoot {@code --trusted-root}, or null (env, cache, shipped)
     */
    public static Result run(Path bundle, String pattern, Path trustedRoot) {
        if (!Files.exists(bundle)) {
            throw new AicrException(ErrorCode.NOT_FOUND, "catalog bundle not found: " + bundle);
        }
        String digest = digest();
        try {
            NvidiaIdentity.validate(pattern == null ? NvidiaIdentity.DEFAULT_PATTERN : pattern);
        } catch (AicrException e) {
            throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "invalid catalog identity pattern", e);
        }
        try {
            Verified v = BundleVerifier.verify(Verification.readBundle(bundle), Digests.unhexSha256(digest, "catalog digest"),
                    NvidiaIdentity.policy(pattern), TrustedRoots.publicGood(trustedRoot));
            return new Result(v.identity(), digest);
        } catch (AicrException e) {
            if (e.code() != ErrorCode.UNAUTHORIZED) {
                throw e;
            }
            throw AicrException.wrap(ErrorCode.UNAUTHORIZED, "catalog attestation verification failed", e);
        }
    }
}
