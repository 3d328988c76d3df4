package aicr.trust;

import aicr.log.Log;
import aicr.sigstore.TrustedRoot;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which public-good Sigstore trusted root a verification uses, without touching the network:
 * {@code --trusted-root FILE}, else {@code AICR_TRUSTED_ROOT}, else the root {@code aicr trust
 * update} last fetched and verified through TUF, else the snapshot shipped in the jar. (The
 * reference fetches through TUF on first use and cannot verify offline until it has; see
 * docs/supply-chain.md.)
 */
public final class TrustedRoots {
    private TrustedRoots() {
    }

    public static final String ENV = "AICR_TRUSTED_ROOT";

    /** @param flag {@code --trusted-root}, or null */
    public static TrustedRoot publicGood(Path flag) {
        if (flag != null) {
            return TrustedRoot.readFile(flag);
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isEmpty()) {
            return TrustedRoot.readFile(Path.of(env));
        }
        Path cached = TufCache.trustedRootFile();
        if (Files.isRegularFile(cached)) {
            Log.debug("using the trusted root from the TUF cache", "path", cached);
            return TrustedRoot.readFile(cached);
        }
        Log.debug("using the trusted root shipped with aicr (run `aicr trust update` for a fresher one)");
        return TrustedRoot.embedded();
    }
}
