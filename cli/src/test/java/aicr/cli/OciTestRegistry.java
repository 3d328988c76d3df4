package aicr.cli;

import aicr.io.JsonReader;
import aicr.io.JsonWriter;
import aicr.io.Struct;
import aicr.io.Values;
import aicr.sigstore.Digests;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-process OCI registry on loopback for the evidence push/pull legs: blobs (monolithic
 * upload, digest-checked), manifests by tag and by digest, and optionally the referrers API
 * (without it clients fall back to the {@code sha256-<hex>} tag schema).
 */
final class OciTestRegistry implements AutoCloseable {
    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    /** repo + "@" + digest, and repo + ":" + tag (pointing at the digest key). */
    final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    final Map<String, String> types = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final boolean referrersApi;

    OciTestRegistry(boolean referrersApi) throws IOException {
        this.referrersApi = referrersApi;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/", this::handle);
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        byte[] body = ex.getRequestBody().readAllBytes();
        int blobsAt = path.indexOf("/blobs/");
        int manifestsAt = path.indexOf("/manifests/");
        int referrersAt = path.indexOf("/referrers/");
        if (blobsAt > 0 && path.contains("/blobs/uploads/")) {
            if (method.equals("POST")) {
                ex.getResponseHeaders().add("Location", path + "u-" + System.nanoTime());
                reply(ex, 202, null, null);
            } else if (method.equals("PUT")) {
                String digest = ex.getRequestURI().getQuery().replace("digest=", "").replace("%3A", ":");
                if (!digest.equals("sha256:" + Digests.sha256Hex(body))) {
                    reply(ex, 400, null, null);
                    return;
                }
                blobs.put(digest, body);
                reply(ex, 201, null, null);
            } else {
                reply(ex, 405, null, null);
            }
        } else if (blobsAt > 0) {
            byte[] b = blobs.get(path.substring(blobsAt + 7));
            if (method.equals("HEAD")) {
                reply(ex, b == null ? 404 : 200, null, null);
            } else {
                reply(ex, b == null ? 404 : 200, b, "application/octet-stream");
            }
        } else if (manifestsAt > 0) {
            String repo = path.substring(4, manifestsAt);
            String ref = path.substring(manifestsAt + 11);
            String key = ref.startsWith("sha256:") ? repo + "@" + ref : repo + ":" + ref;
            if (method.equals("PUT")) {
                String digest = "sha256:" + Digests.sha256Hex(body);
                manifests.put(repo + "@" + digest, body);
                manifests.put(key, body);
                types.put(repo + "@" + digest, ex.getRequestHeaders().getFirst("Content-Type"));
                ex.getResponseHeaders().add("Docker-Content-Digest", digest);
                reply(ex, 201, null, null);
            } else {
                byte[] m = manifests.get(key);
                if (m != null) {
                    ex.getResponseHeaders().add("Docker-Content-Digest", "sha256:" + Digests.sha256Hex(m));
                }
                reply(ex, m == null ? 404 : 200, method.equals("HEAD") ? null : m,
                        m == null ? null : types.getOrDefault(repo + "@sha256:" + Digests.sha256Hex(m),
                                "application/vnd.oci.image.manifest.v1+json"));
            }
        } else if (referrersAt > 0 && referrersApi) {
            String repo = path.substring(4, referrersAt);
            String subject = path.substring(referrersAt + 11);
            List<Object> found = new ArrayList<>();
            manifests.forEach((k, m) -> {
                if (k.startsWith(repo + "@")) {
                    Map<String, Object> doc = Values.mapOf(JsonReader.parse(new String(m, StandardCharsets.UTF_8)));
                    if (doc != null && doc.get("subject") instanceof Map<?, ?> s && subject.equals(s.get("digest"))) {
                        found.add(new Struct().with("mediaType", "application/vnd.oci.image.manifest.v1+json")
                                .with("digest", k.substring(repo.length() + 1)).with("size", (long) m.length)
                                .with("artifactType", String.valueOf(doc.get("artifactType"))));
                    }
                }
            });
            byte[] index = JsonWriter.write(new Struct().with("schemaVersion", 2L)
                    .with("mediaType", "application/vnd.oci.image.index.v1+json").with("manifests", found), false)
                    .getBytes(StandardCharsets.UTF_8);
            reply(ex, 200, index, "application/vnd.oci.image.index.v1+json");
        } else {
            reply(ex, 404, null, null);
        }
    }

    private static void reply(HttpExchange ex, int status, byte[] body, String type) throws IOException {
        if (type != null) {
            ex.getResponseHeaders().add("Content-Type", type);
        }
        ex.sendResponseHeaders(status, body == null ? -1 : body.length);
        if (body != null) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
