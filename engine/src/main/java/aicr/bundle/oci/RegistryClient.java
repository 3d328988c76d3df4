package aicr.bundle.oci;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.JsonReader;
import aicr.io.Node;
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
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The push half of the OCI distribution API: blobs (checked with HEAD, uploaded with a
 * monolithic POST+PUT) and the manifest. Registries that answer 401 with a Bearer challenge
 * get a token from their realm, anonymously or with the credentials of
 * {@code ~/.docker/config.json}.
 */
final class RegistryClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final HttpClient http;
    private final String base;
    private final OciTarget target;
    private String authorization;

    RegistryClient(OciTarget target, boolean plainHttp, boolean insecureTls) {
        this.target = target;
        this.base = (plainHttp ? "http://" : "https://") + target.registry() + "/v2/" + target.repository();
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (insecureTls) {
            b.sslContext(trustAll());
        }
        this.http = b.build();
        this.authorization = DockerCredentials.basic(target.registry());
    }

    /** Pushes blobs then the manifest under the target's tag; returns the manifest digest. */
    String push(Artifact a) {
        for (Map.Entry<String, byte[]> blob : a.blobs().entrySet()) {
            if (send(HttpRequest.newBuilder(uri(base + "/blobs/" + blob.getKey()))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode() == 200) {
                continue;
            }
            HttpResponse<String> start = send(HttpRequest.newBuilder(uri(base + "/blobs/uploads/"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
            expect(start, 202, "start blob upload");
            String location = start.headers().firstValue("Location")
                    .orElseThrow(() -> failure("registry returned no upload location", null));
            URI upload = uri(base).resolve(location);
            String sep = upload.getQuery() == null ? "?" : "&";
            HttpResponse<String> put = send(HttpRequest.newBuilder(uri(upload + sep + "digest="
                            + URLEncoder.encode(blob.getKey(), StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(blob.getValue())));
            expect(put, 201, "upload blob " + blob.getKey());
        }
        HttpResponse<String> m = send(HttpRequest.newBuilder(uri(base + "/manifests/" + target.tag()))
                .header("Content-Type", a.manifestMediaType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(a.manifest())));
        expect(m, 201, "push manifest");
        return m.headers().firstValue("Docker-Content-Digest").orElse(Artifact.digest(a.manifest()));
    }

    private static final int ATTEMPTS = 3;

    /**
     * One request, authenticated on a Bearer challenge; busy or failing registries (429, 5xx)
     * get two more tries with a growing pause. An unreachable registry fails at once.
     */
    private HttpResponse<String> send(HttpRequest.Builder req) {
        HttpResponse<String> r = authenticated(req);
        for (int attempt = 1; attempt < ATTEMPTS && (r.statusCode() == 429 || r.statusCode() >= 500); attempt++) {
            try {
                Thread.sleep(500L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AicrException(ErrorCode.TIMEOUT, "push interrupted", e);
            }
            r = authenticated(req);
        }
        return r;
    }

    private HttpResponse<String> authenticated(HttpRequest.Builder req) {
        HttpResponse<String> r = once(req);
        if (r.statusCode() == 401) {
            String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
            if (challenge.regionMatches(true, 0, "Bearer ", 0, 7)) {
                authorization = "Bearer " + token(challenge);
                r = once(req);
            }
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new AicrException(ErrorCode.UNAUTHORIZED, "registry " + target.registry() + " refused the push (HTTP "
                    + r.statusCode() + ")");
        }
        return r;
    }

    private HttpResponse<String> once(HttpRequest.Builder req) {
        req.timeout(TIMEOUT);
        if (authorization != null) {
            req.setHeader("Authorization", authorization);
        }
        try {
            return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
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
        String url = realm + "?service=" + URLEncoder.encode(service, StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode("repository:" + target.repository() + ":pull,push", StandardCharsets.UTF_8);
        HttpRequest.Builder req = HttpRequest.newBuilder(uri(url)).timeout(TIMEOUT).GET();
        String basic = DockerCredentials.basic(target.registry());
        if (basic != null) {
            req.header("Authorization", basic);
        }
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

    /** Registry credentials from the Docker client configuration, if any. */
    static final class DockerCredentials {
        private DockerCredentials() {
        }

        static String basic(String registry) {
            String dir = System.getenv("DOCKER_CONFIG");
            java.nio.file.Path p = dir != null ? java.nio.file.Path.of(dir, "config.json")
                    : java.nio.file.Path.of(System.getProperty("user.home"), ".docker", "config.json");
            if (!java.nio.file.Files.isRegularFile(p)) {
                return null;
            }
            try {
                Node n = JsonReader.parse(java.nio.file.Files.readString(p));
                Map<String, Object> cfg = Values.mapOf(n);
                if (cfg != null && cfg.get("auths") instanceof Map<?, ?> auths
                        && auths.get(registry) instanceof Map<?, ?> entry && entry.get("auth") instanceof String auth) {
                    Base64.getDecoder().decode(auth);
                    return "Basic " + auth;
                }
            } catch (IOException | RuntimeException e) {
                return null;
            }
            return null;
        }
    }
}
