package aicr.trust;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import aicr.sigstore.KeylessCrypto;
import aicr.sigstore.TrustedRoot;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * {@code aicr trust update}: refreshes the Sigstore trusted root through TUF (sigstore-java's
 * updater: root rotation, expiry and signature checks from the TUF root shipped with it), then
 * keeps the verified {@code trusted_root.json} where verification looks for it first.
 */
public final class TrustUpdate {
    private TrustUpdate() {
    }

    public static final String PUBLIC_MIRROR = "https://tuf-repo-cdn.sigstore.dev";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** What was fetched and where it is kept. */
    public record Result(TrustedRoot root, Path file) {
    }

    /**
     * @param mirror  TUF repository URL, or null for Sigstore's CDN ({@code AICR_TUF_MIRROR} overrides it)
     * @param tufRoot initial TUF {@code root.json} to trust, or null for the public-good one
     */
    public static Result run(String mirror, Path tufRoot) {
        String env = System.getenv("AICR_TUF_MIRROR");
        String m = mirror != null && !mirror.isEmpty() ? mirror : env != null && !env.isEmpty() ? env : PUBLIC_MIRROR;
        URI base = URI.create(m.endsWith("/") ? m : m + "/");
        Path cache = TufCache.dir();
        Log.info("fetching latest Sigstore trusted root via TUF...", "mirror", base);
        byte[] json;
        try {
            json = KeylessCrypto.load().refreshTrustedRoot(base, cache.resolve("repo"), tufRoot,
                    System.nanoTime() + TIMEOUT.toNanos());
        } catch (AicrException e) {
            String why = e.code() == ErrorCode.SERVICE_UNAVAILABLE ? " (verification keeps using the cached or shipped root)" : "";
            throw AicrException.wrap(e.code(), "failed to update the trusted root from " + base + why, e);
        }
        TrustedRoot root = TrustedRoot.parse(json, "TUF " + base);
        Path file = TufCache.trustedRootFile();
        try {
            Path tmp = Files.createTempFile(cache, ".trusted_root.", ".tmp");
            Files.write(tmp, json);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to store the trusted root in " + cache + ": " + e.getMessage());
        }
        return new Result(root, file);
    }
}
