package aicr.trust;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import aicr.sigstore.TrustedRoot;
import dev.sigstore.tuf.FileExceedsMaxLengthException;
import dev.sigstore.tuf.Fetcher;
import dev.sigstore.tuf.FileSystemTufStore;
import dev.sigstore.tuf.MetaFetcher;
import dev.sigstore.tuf.PassthroughCacheMetaStore;
import dev.sigstore.tuf.RootProvider;
import dev.sigstore.tuf.SigstoreTufClient;
import dev.sigstore.tuf.TrustedMetaStore;
import dev.sigstore.tuf.TufException;
import dev.sigstore.tuf.Updater;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * {@code aicr trust update}: refreshes the Sigstore trusted root through TUF (sigstore-java's
 * updater: root rotation, expiry and signature checks from the root shipped with it), then
 * keeps the verified {@code trusted_root.json} where verification looks for it first. HTTP
 * goes through the JDK client, not the library's Apache transport.
 */
public final class TrustUpdate {
    private TrustUpdate() {
    }

    public static final String PUBLIC_MIRROR = "https://tuf-repo-cdn.sigstore.dev";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    /** What was fetched. */
    public record Result(TrustedRoot root, Path file) {
    }

    /**
     * @param mirror  TUF repository URL, or null for Sigstore's public-good CDN ({@code AICR_TUF_MIRROR})
     * @param tufRoot initial TUF {@code root.json} to trust, or null for the public-good one shipped with sigstore-java
     */
    public static Result run(String mirror, Path tufRoot) {
        String m = mirror != null && !mirror.isEmpty() ? mirror
                : System.getenv("AICR_TUF_MIRROR") != null && !System.getenv("AICR_TUF_MIRROR").isEmpty()
                ? System.getenv("AICR_TUF_MIRROR") : PUBLIC_MIRROR;
        URI base = URI.create(m.endsWith("/") ? m : m + "/");
        Path cache = TufCache.dir();
        Path repo = cache.resolve("repo");
        Log.info("fetching latest Sigstore trusted root via TUF...", "mirror", base);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            Files.createDirectories(repo);
            FileSystemTufStore store = FileSystemTufStore.newFileSystemStore(repo);
            Updater updater = Updater.builder()
                    .setTrustedRootPath(tufRoot != null ? RootProvider.fromFile(tufRoot)
                            : RootProvider.fromResource(SigstoreTufClient.PUBLIC_GOOD_ROOT_RESOURCE))
                    .setTrustedMetaStore(TrustedMetaStore.newTrustedMetaStore(
                            PassthroughCacheMetaStore.newPassthroughMetaCache(store)))
                    .setTargetStore(store)
                    .setMetaFetcher(MetaFetcher.newFetcher(new JdkFetcher(base, deadline)))
                    .setTargetFetcher(new JdkFetcher(base.resolve("targets/"), deadline))
                    .build();
            updater.update();
            byte[] json;
            try (InputStream in = store.getTargetInputSteam("trusted_root.json")) {
                json = in.readAllBytes();
            }
            TrustedRoot root = TrustedRoot.parse(json, "TUF " + base);
            Path file = TufCache.trustedRootFile();
            Path tmp = Files.createTempFile(cache, ".trusted_root.", ".tmp");
            Files.write(tmp, json);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Result(root, file);
        } catch (Unreachable e) {
            throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "failed to update the trusted root from " + base + ": "
                    + e.getMessage() + " (verification keeps using the cached or shipped root)");
        } catch (AicrException e) {
            throw e;
        } catch (TufException e) {
            throw new AicrException(ErrorCode.UNAUTHORIZED, "TUF verification of the trusted root failed: " + e.getMessage());
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException
                 | dev.sigstore.json.JsonParseException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to update the trusted root: " + e);
        }
    }

    /** A transport failure: the mirror could not be reached. */
    private static final class Unreachable extends IOException {
        Unreachable(String msg) {
            super(msg);
        }
    }

    /** TUF file fetches over the JDK HTTP client; 404 means "no such version" to the updater. */
    private record JdkFetcher(URI base, long deadline) implements Fetcher {
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NORMAL).build();

        @Override
        public String getSource() {
            return base.toString();
        }

        @Override
        public byte[] fetchResource(String filename, int maxLength) throws IOException, FileExceedsMaxLengthException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new Unreachable("timed out");
            }
            URI uri = base.resolve(filename);
            HttpResponse<InputStream> r;
            try {
                r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(left)).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new Unreachable("Get " + aicr.io.GoStrings.quote(uri.toString()) + ": "
                        + (e instanceof java.net.ConnectException ? "connection refused"
                        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unreachable("interrupted");
            }
            try (InputStream in = r.body()) {
                if (r.statusCode() == 404) {
                    return null;
                }
                if (r.statusCode() != 200) {
                    throw new Unreachable("Get " + aicr.io.GoStrings.quote(uri.toString()) + ": HTTP " + r.statusCode());
                }
                byte[] b = in.readNBytes(maxLength);
                if (b.length == maxLength && in.read() != -1) {
                    throw new FileExceedsMaxLengthException(uri.toString(), maxLength);
                }
                return b;
            }
        }
    }
}
