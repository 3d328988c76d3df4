package aicr.bundle.oci;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.JsonReader;
import aicr.io.Values;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The push half of the OCI distribution API: blobs (checked with HEAD, uploaded with a
 * monolithic POST+PUT) and the manifest. A registry that answers 401 gets credentials from the
 * Docker config ({@link DockerConfig}, looked up once, on the first challenge): with a Basic
 * challenge they are sent as they are; with a Bearer challenge a token is fetched from the
 * challenge's realm, anonymously, with the credentials as HTTP Basic, or, for an identity token,
 * by the OAuth2 refresh-token grant (as the Docker client does).
 */
final class RegistryClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final HttpClient http;
    private final String base;
    private final OciTarget target;
    private final DockerConfig docker;
    private String authorization;
    /** Null until the first challenge asks for them; then the lookup's result, empty for none. */
    private Optional<Credentials> credentials;

    RegistryClient(OciTarget target, boolean plainHttp, boolean insecureTls) {
        this(target, plainHttp, insecureTls, DockerConfig.fromEnvironment());
    }

    RegistryClient(OciTarget target, boolean plainHttp, boolean insecureTls, DockerConfig docker) {
        this.target = target;
        this.docker = docker;
        this.base = (plainHttp ? "http://" : "https://") + target.registry() + "/v2/" + target.repository();
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (insecureTls) {
            b.sslContext(trustAll());
        }
        this.http = b.build();
    }

    /** Pushes blobs then the manifest under the target's tag; returns the manifest digest. */
    String push(Artifact a) {
        return push(a, target.tag());
    }

    private static final int ATTEMPTS = 3;

    /**
     * One request, authenticated on a Bearer challenge; busy or failing registries (429, 5xx)
     * get two more tries with a growing pause. An unreachable registry fails at once.
     */
    private HttpResponse<String> send(HttpRequest.Builder req) {
        return send(req, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder req, HttpResponse.BodyHandler<T> body) {
        HttpResponse<T> r = authenticated(req, body);
        for (int attempt = 1; attempt < ATTEMPTS && (r.statusCode() == 429 || r.statusCode() >= 500); attempt++) {
            try {
                Thread.sleep(500L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AicrException(ErrorCode.TIMEOUT, "push interrupted", e);
            }
            r = authenticated(req, body);
        }
        return r;
    }

    private <T> HttpResponse<T> authenticated(HttpRequest.Builder req, HttpResponse.BodyHandler<T> body) {
        HttpResponse<T> r = once(req, body);
        if (r.statusCode() == 401) {
            String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
            if (challenge.regionMatches(true, 0, "Bearer ", 0, 7)) {
                authorization = "Bearer " + token(challenge);
                r = once(req, body);
            } else if (challenge.regionMatches(true, 0, "Basic", 0, 5) && credentials().isPresent()
                    && !credentials().get().hasIdentityToken()) {
                authorization = credentials().get().basicAuthorization();
                r = once(req, body);
            }
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw withStatus(new AicrException(ErrorCode.UNAUTHORIZED, "registry " + target.registry()
                    + " refused the request (HTTP " + r.statusCode() + ")"), r.statusCode());
        }
        return r;
    }

    /** Marks an error with the registry's HTTP status (kept out of the rendered message). */
    static final class HttpStatus extends RuntimeException {
        final int status;

        HttpStatus(int status) {
            super("HTTP " + status, null, false, false);
            this.status = status;
        }
    }

    static AicrException withStatus(AicrException e, int status) {
        e.addSuppressed(new HttpStatus(status));
        return e;
    }

    /** The HTTP status a registry error carries, or 0. */
    static int status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof HttpStatus h) {
                    return h.status;
                }
            }
        }
        return 0;
    }

    private <T> HttpResponse<T> once(HttpRequest.Builder req, HttpResponse.BodyHandler<T> body) {
        req.timeout(TIMEOUT);
        if (authorization != null) {
            req.setHeader("Authorization", authorization);
        }
        try {
            return http.send(req.build(), body);
        } catch (java.net.ConnectException e) {
            throw failure("failed to reach registry " + target.registry() + ": connection refused", null);
        } catch (IOException e) {
            throw failure("failed to reach registry " + target.registry(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AicrException(ErrorCode.TIMEOUT, "push interrupted", e);
        }
    }

    /** Token from the challenge's realm for {@code repository:<repo>:pull,push}. */
    private String token(String challenge) {
        Matcher m = CHALLENGE_PARAM.matcher(challenge);
        String realm = "";
        String service = "";
        while (m.find()) {
            if (m.group(1).equals("realm")) {
                realm = m.group(2);
            } else if (m.group(1).equals("service")) {
                service = m.group(2);
            }
        }
        String scope = "repository:" + target.repository() + ":pull,push";
        Optional<Credentials> creds = credentials();
        HttpRequest.Builder req;
        if (creds.isPresent() && creds.get().hasIdentityToken()) {
            String form = "grant_type=refresh_token&client_id=aicr&service=" + enc(service) + "&scope=" + enc(scope)
                    + "&refresh_token=" + enc(creds.get().identityToken());
            req = HttpRequest.newBuilder(uri(realm)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            req = HttpRequest.newBuilder(uri(realm + (realm.contains("?") ? "&" : "?") + "service=" + enc(service)
                    + "&scope=" + enc(scope))).GET();
            creds.ifPresent(c -> req.header("Authorization", c.basicAuthorization()));
        }
        req.timeout(TIMEOUT);
        try {
            HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AicrException(ErrorCode.UNAUTHORIZED, "registry token request failed (HTTP " + r.statusCode() + ")");
            }
            Map<String, Object> body = Values.mapOf(JsonReader.parse(r.body()));
            Object t = body == null ? null : body.getOrDefault("token", body.get("access_token"));
            if (!(t instanceof String s)) {
                throw new AicrException(ErrorCode.UNAUTHORIZED, "registry token response has no token");
            }
            return s;
        } catch (IOException e) {
            throw failure("failed to reach the registry's token service", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AicrException(ErrorCode.TIMEOUT, "push interrupted", e);
        }
    }

    // ---- pull, referrers, manifests by digest (evidence bundles) ----

    static final String INDEX_TYPE = "application/vnd.oci.image.index.v1+json";

    /** A manifest by tag or digest: its bytes and digest; failures carry the HTTP status ({@link #status}). */
    record Fetched(byte[] body, String digest, String mediaType) {
    }

    Fetched manifest(String reference) {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri(base + "/manifests/" + reference))
                .header("Accept", Artifact.MANIFEST_TYPE + ", " + INDEX_TYPE).GET(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw failure(r.statusCode(), "fetch manifest " + reference);
        }
        String digest = Artifact.digest(r.body());
        return new Fetched(r.body(), digest, r.headers().firstValue("Content-Type").orElse(Artifact.MANIFEST_TYPE));
    }

    byte[] blob(String digest, long maxBytes) {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri(base + "/blobs/" + digest)).GET(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw failure(r.statusCode(), "fetch blob " + digest);
        }
        if (r.body().length > maxBytes) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "blob " + digest + " exceeds " + maxBytes + " bytes");
        }
        if (!Artifact.digest(r.body()).equals(digest)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "blob " + digest + " does not match its digest");
        }
        return r.body();
    }

    /** Uploads blobs and puts the manifest under {@code reference} (a tag or its own digest). */
    String push(Artifact a, String reference) {
        for (Map.Entry<String, byte[]> blob : a.blobs().entrySet()) {
            uploadBlob(blob.getKey(), blob.getValue());
        }
        return putManifest(reference, a.manifest(), a.manifestMediaType());
    }

    String putManifest(String reference, byte[] body, String mediaType) {
        HttpResponse<String> m = send(HttpRequest.newBuilder(uri(base + "/manifests/" + reference))
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
        expect(m, 201, "push manifest");
        return m.headers().firstValue("Docker-Content-Digest").orElse(Artifact.digest(body));
    }

    private void uploadBlob(String digest, byte[] content) {
        if (send(HttpRequest.newBuilder(uri(base + "/blobs/" + digest))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode() == 200) {
            return;
        }
        HttpResponse<String> start = send(HttpRequest.newBuilder(uri(base + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        expect(start, 202, "start blob upload");
        String location = start.headers().firstValue("Location")
                .orElseThrow(() -> failure("registry returned no upload location", null));
        URI upload = uri(base).resolve(location);
        String sep = upload.getQuery() == null ? "?" : "&";
        HttpResponse<String> put = send(HttpRequest.newBuilder(uri(upload + sep + "digest="
                        + URLEncoder.encode(digest, StandardCharsets.UTF_8)))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
        expect(put, 201, "upload blob " + digest);
    }

    /**
     * The referrers of {@code subject} as an image index: the referrers API, or on registries
     * without it the {@code sha256-<hex>} fallback tag; null when there are none.
     */
    byte[] referrers(String subject) {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri(base + "/referrers/" + subject))
                .header("Accept", INDEX_TYPE).GET(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 200) {
            return r.body();
        }
        if (r.statusCode() != 404) {
            throw failure(r.statusCode(), "list referrers of " + subject);
        }
        try {
            return manifest(fallbackTag(subject)).body();
        } catch (AicrException f) {
            if (status(f) == 404) {
                return null;
            }
            throw f;
        }
    }

    /** Whether the registry serves the referrers API (it then indexes pushed referrers itself). */
    boolean hasReferrersApi(String subject) {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri(base + "/referrers/" + subject))
                .header("Accept", INDEX_TYPE).GET(), HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode() == 200;
    }

    static String fallbackTag(String digest) {
        return digest.replace(':', '-');
    }

    /** A registry answer other than success, marked with its HTTP status. */
    static AicrException failure(int status, String what) {
        return withStatus(new AicrException(status == 404 ? ErrorCode.NOT_FOUND : ErrorCode.SERVICE_UNAVAILABLE,
                what + " failed (HTTP " + status + ")"), status);
    }

    private Optional<Credentials> credentials() {
        if (credentials == null) {
            credentials = docker.lookup(target.registry());
        }
        return credentials;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status && !(status == 201 && r.statusCode() == 200)) {
            throw failure(what + " failed (HTTP " + r.statusCode() + ")", null);
        }
    }

    private static AicrException failure(String msg, Throwable cause) {
        return new AicrException(ErrorCode.SERVICE_UNAVAILABLE, msg, cause);
    }

    private static URI uri(String s) {
        return URI.create(s);
    }

    private static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[]{new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] c, String a) {
                    // --insecure-tls: the user asked not to verify
                }

                @Override
                public void checkServerTrusted(X509Certificate[] c, String a) {
                    // --insecure-tls: the user asked not to verify
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException("TLS is part of every JDK", e);
        }
    }
}
