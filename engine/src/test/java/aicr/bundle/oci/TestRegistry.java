package aicr.bundle.oci;

import aicr.io.JsonReader;
import aicr.io.Values;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An in-process OCI registry for tests (loopback, free port), strict where a real one is:
 * a blob upload whose content does not hash to its digest is refused (400 DIGEST_INVALID), a
 * manifest that names a blob the registry does not hold is refused (400 MANIFEST_BLOB_UNKNOWN),
 * and, when auth is on, every {@code /v2/} request without the issued token gets a 401 Bearer
 * challenge whose realm is this server's {@code /token} endpoint. The token endpoint checks the
 * service and scope, and, when credentials are required, HTTP Basic or an OAuth2 refresh-token
 * grant. Pushed layers are unpacked with the system's {@code tar}, an implementation
 * independent of ours.
 */
public final class TestRegistry implements AutoCloseable {
    public static final String SERVICE = "test-registry";

    private final HttpServer server;
    private final Auth auth;
    private final String issuedToken = UUID.randomUUID().toString();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /**
     * How clients must authenticate.
     *
     * @param bearer registry requests need a token from /token
     * @param basicUser with bearer: the token endpoint wants these credentials (null: anonymous tokens);
     *                  without bearer: the registry answers a Basic challenge for them
     * @param refreshToken with bearer: an identity token accepted by the refresh-token grant
     */
    public record Auth(boolean bearer, String basicUser, String basicPassword, String refreshToken) {
        public static final Auth NONE = new Auth(false, null, null, null);
        public static final Auth ANONYMOUS_TOKEN = new Auth(true, null, null, null);

        public static Auth tokenFor(String user, String password) {
            return new Auth(true, user, password, null);
        }

        public static Auth tokenForRefreshToken(String refreshToken) {
            return new Auth(true, null, null, refreshToken);
        }

        public static Auth basic(String user, String password) {
            return new Auth(false, user, password, null);
        }
    }

    public TestRegistry(Auth auth) {
        this.auth = auth;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v2/", this::registry);
        server.createContext("/token", this::token);
        server.start();
    }

    /** {@code 127.0.0.1:<port>}, the registry part of an {@code oci://} reference. */
    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The manifest pushed under {@code repository:tag}, or null. */
    public String manifest(String repositoryAndTag) {
        byte[] m = manifests.get(repositoryAndTag);
        return m == null ? null : new String(m, StandardCharsets.UTF_8);
    }

    public Map<String, byte[]> blobs() {
        return Map.copyOf(blobs);
    }

    /** {@code METHOD path -> status} of every request, in order. */
    public List<String> log() {
        return List.copyOf(log);
    }

    /**
     * Extracts the first layer of the manifest under {@code repository:tag} into {@code dir} with
     * {@code tar -xpzf} (modes kept), and returns {@code dir}.
     */
    public Path unpackLayer(String repositoryAndTag, Path dir) throws IOException, InterruptedException {
        String manifest = manifest(repositoryAndTag);
        if (manifest == null) {
            throw new AssertionError("nothing pushed as " + repositoryAndTag + "; log: " + log());
        }
        Map<String, Object> m = Values.mapOf(JsonReader.parse(manifest));
        String digest = (String) ((Map<?, ?>) ((List<?>) m.get("layers")).get(0)).get("digest");
        Path tgz = Files.createTempFile("layer", ".tar.gz");
        try {
            Files.write(tgz, blobs.get(digest));
            Files.createDirectories(dir);
            Process p = new ProcessBuilder("tar", "-xpzf", tgz.toString(), "-C", dir.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("tar did not finish");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("tar -x failed: " + out);
            }
            return dir;
        } finally {
            Files.delete(tgz);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void registry(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            int status = authorized(ex) ? handle(ex, body) : challenge(ex);
            log.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " -> " + status);
        }
    }

    private boolean authorized(HttpExchange ex) {
        String given = ex.getRequestHeaders().getFirst("Authorization");
        if (auth.bearer()) {
            return ("Bearer " + issuedToken).equals(given);
        }
        return auth.basicUser() == null || basic(auth.basicUser(), auth.basicPassword()).equals(given);
    }

    private int challenge(HttpExchange ex) throws IOException {
        String value = auth.bearer()
                ? "Bearer realm=\"http://" + host() + "/token\",service=\"" + SERVICE + "\",scope=\"" + scope(ex) + "\""
                : "Basic realm=\"" + SERVICE + "\"";
        ex.getResponseHeaders().add("WWW-Authenticate", value);
        return reply(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
    }

    private static String scope(HttpExchange ex) {
        String path = ex.getRequestURI().getPath().substring("/v2/".length());
        int end = path.indexOf("/blobs/") >= 0 ? path.indexOf("/blobs/") : path.indexOf("/manifests/");
        return "repository:" + (end < 0 ? path : path.substring(0, end)) + ":pull,push";
    }

    private int handle(HttpExchange ex, byte[] body) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        int blobsAt = path.indexOf("/blobs/");
        int manifestsAt = path.indexOf("/manifests/");
        if (method.equals("HEAD") && blobsAt > 0 && !path.contains("/uploads/")) {
            return reply(ex, blobs.containsKey(path.substring(blobsAt + 7)) ? 200 : 404, null);
        }
        if (method.equals("POST") && path.endsWith("/blobs/uploads/")) {
            ex.getResponseHeaders().add("Location", path + UUID.randomUUID());
            return reply(ex, 202, null);
        }
        if (method.equals("PUT") && path.contains("/blobs/uploads/")) {
            String digest = query(ex).get("digest");
            if (digest == null || !digest.equals(digest(body))) {
                return reply(ex, 400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\"}]}");
            }
            blobs.put(digest, body);
            ex.getResponseHeaders().add("Docker-Content-Digest", digest);
            return reply(ex, 201, null);
        }
        if (method.equals("PUT") && manifestsAt > 0) {
            for (String d : referencedBlobs(body)) {
                if (!blobs.containsKey(d)) {
                    return reply(ex, 400, "{\"errors\":[{\"code\":\"MANIFEST_BLOB_UNKNOWN\",\"detail\":\"" + d + "\"}]}");
                }
            }
            manifests.put(path.substring(4, manifestsAt) + ":" + path.substring(manifestsAt + 11), body);
            ex.getResponseHeaders().add("Docker-Content-Digest", digest(body));
            return reply(ex, 201, null);
        }
        return reply(ex, 404, null);
    }

    private static List<String> referencedBlobs(byte[] manifest) {
        Map<String, Object> m = Values.mapOf(JsonReader.parse(new String(manifest, StandardCharsets.UTF_8)));
        List<String> out = new ArrayList<>();
        out.add((String) ((Map<?, ?>) m.get("config")).get("digest"));
        for (Object layer : (List<?>) m.get("layers")) {
            out.add((String) ((Map<?, ?>) layer).get("digest"));
        }
        return out;
    }

    private void token(HttpExchange ex) throws IOException {
        try (ex) {
            String form = ex.getRequestMethod().equals("POST")
                    ? new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    : ex.getRequestURI().getRawQuery();
            Map<String, String> params = decode(form);
            boolean ok = SERVICE.equals(params.get("service")) && params.getOrDefault("scope", "").startsWith("repository:")
                    && params.get("scope").endsWith(":pull,push") && credentialsAccepted(ex, params);
            int status = ok ? reply(ex, 200, "{\"token\":\"" + issuedToken + "\"}") : reply(ex, 401, "{}");
            log.add(ex.getRequestMethod() + " /token -> " + status);
        }
    }

    private boolean credentialsAccepted(HttpExchange ex, Map<String, String> params) {
        if (auth.refreshToken() != null) {
            return ex.getRequestMethod().equals("POST") && "refresh_token".equals(params.get("grant_type"))
                    && auth.refreshToken().equals(params.get("refresh_token"));
        }
        return auth.basicUser() == null
                || basic(auth.basicUser(), auth.basicPassword()).equals(ex.getRequestHeaders().getFirst("Authorization"));
    }

    private static Map<String, String> query(HttpExchange ex) {
        return decode(ex.getRequestURI().getRawQuery());
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> out = new HashMap<>();
        if (form == null) {
            return out;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static int reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        if (json != null) {
            ex.getResponseHeaders().add("Content-Type", "application/json");
        }
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
        return status;
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
