package aicr.trust;

import java.nio.file.Path;

/** Where {@code aicr trust update} keeps the TUF metadata and the verified trusted root. */
public final class TufCache {
    private TufCache() {
    }

    /** {@code $AICR_TUF_CACHE}, else {@code ${XDG_CACHE_HOME:-~/.cache}/aicr/sigstore-tuf}. */
    public static Path dir() {
        String own = System.getenv("AICR_TUF_CACHE");
        if (own != null && !own.isEmpty()) {
            return Path.of(own);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("aicr").resolve("sigstore-tuf");
    }

    public static Path trustedRootFile() {
        return dir().resolve("trusted_root.json");
    }
}
