package aicr.sigstore.keyless;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
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
import java.time.Duration;

/**
 * A TUF update with sigstore-java's updater (root rotation, expiry, thresholds, target hashes),
 * fetching over the JDK HTTP client instead of the library's Apache transport.
 */
final class TufRefresh {
    private TufRefresh() {
    }

    static byte[] run(URI mirror, Path repoDir, Path tufRoot, long deadline) {
        try {
            Files.createDirectories(repoDir);
            FileSystemTufStore store = FileSystemTufStore.newFileSystemStore(repoDir);
            Updater updater = Updater.builder()
                    .setTrustedRootPath(tufRoot != null ? RootProvider.fromFile(tufRoot)
                            : RootProvider.fromResource(SigstoreTufClient.PUBLIC_GOOD_ROOT_RESOURCE))
                    .setTrustedMetaStore(TrustedMetaStore.newTrustedMetaStore(
                            PassthroughCacheMetaStore.newPassthroughMetaCache(store)))
                    .setTargetStore(store)
                    .setMetaFetcher(MetaFetcher.newFetcher(new JdkFetcher(mirror, deadline)))
                    .setTargetFetcher(new JdkFetcher(mirror.resolve("targets/"), deadline))
                    .build();
            updater.update();
            try (InputStream in = store.getTargetInputSteam("trusted_root.json")) {
                return in.readAllBytes();
            }
        } catch (Unreachable e) {
            throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, e.getMessage());
        } catch (TufException e) {
            throw new AicrException(ErrorCode.UNAUTHORIZED, "TUF verification failed: " + e.getMessage());
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException
                 | dev.sigstore.json.JsonParseException e) {
            if (e instanceof AicrException a) {
                throw a;
            }
            throw new AicrException(ErrorCode.INTERNAL, "TUF update failed: " + e);
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
                throw new Unreachable("Get " + aicr.gocompat.GoStrings.quote(uri.toString()) + ": "
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
                    throw new Unreachable("Get " + aicr.gocompat.GoStrings.quote(uri.toString()) + ": HTTP " + r.statusCode());
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
