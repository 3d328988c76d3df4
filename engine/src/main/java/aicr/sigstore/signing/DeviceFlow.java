package aicr.sigstore.signing;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.JsonReader;
import aicr.io.Values;
import aicr.log.Log;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OAuth 2.0 device authorization grant (RFC 8628) against Sigstore's OIDC issuer: prints a
 * code and a URL to stderr, then polls until the user signs in (five minutes at most).
 * {@code AICR_OIDC_ISSUER} replaces the issuer (private Sigstore deployments).
 */
final class DeviceFlow {
    private DeviceFlow() {
    }

    static final String ISSUER = "https://oauth2.sigstore.dev/auth";
    static final String CLIENT_ID = "sigstore";
    private static final Duration CAP = Duration.ofMinutes(5);

    static String run() {
        String issuer = System.getenv("AICR_OIDC_ISSUER");
        issuer = issuer == null || issuer.isEmpty() ? ISSUER : issuer;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + CAP.toNanos();
        Map<String, Object> discovery = get(http, issuer.replaceAll("/$", "") + "/.well-known/openid-configuration");
        String deviceEndpoint = str(discovery, "device_authorization_endpoint");
        String tokenEndpoint = str(discovery, "token_endpoint");
        Map<String, String> start = new LinkedHashMap<>();
        start.put("client_id", CLIENT_ID);
        start.put("scope", "openid email");
        Map<String, Object> device = post(http, deviceEndpoint, start);
        String uri = device.get("verification_uri_complete") instanceof String c ? c : str(device, "verification_uri");
        System.err.println("To sign in, open " + uri + " and enter the code " + str(device, "user_code"));
        long interval = device.get("interval") instanceof Number n ? Math.max(1, n.longValue()) : 5;
        Map<String, String> poll = new LinkedHashMap<>();
        poll.put("grant_type", "urn:ietf:params:oauth:grant-type:device_code");
        poll.put("device_code", str(device, "device_code"));
        poll.put("client_id", CLIENT_ID);
        while (System.nanoTime() < deadline) {
            TokenSources.sleep(interval * 1000);
            Map<String, Object> r = post(http, tokenEndpoint, poll);
            if (r.get("id_token") instanceof String t && !t.isEmpty()) {
                return t;
            }
            String error = r.get("error") instanceof String e ? e : "";
            if (error.equals("slow_down")) {
                interval += 5;
            } else if (!error.equals("authorization_pending")) {
                throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "device flow OIDC authentication failed: " + error);
            }
        }
        throw new AicrException(ErrorCode.TIMEOUT, "device flow OIDC authentication timed out");
    }

    private static Map<String, Object> get(HttpClient http, String url) {
        return send(http, HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET());
    }

    private static Map<String, Object> post(HttpClient http, String url, Map<String, String> form) {
        return send(http, HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TokenSources.form(form))));
    }

    private static Map<String, Object> send(HttpClient http, HttpRequest.Builder req) {
        try {
            HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> m = Values.mapOf(JsonReader.parse(r.body()));
            if (m == null) {
                throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "device flow OIDC authentication failed: HTTP "
                        + r.statusCode());
            }
            return m;
        } catch (IOException e) {
            Log.debug("device flow request failed", "error", e.getMessage());
            throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "device flow OIDC authentication failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AicrException(ErrorCode.TIMEOUT, "device flow OIDC authentication timed out");
        } catch (RuntimeException e) {
            if (e instanceof AicrException a) {
                throw a;
            }
            throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "device flow OIDC authentication failed: " + e.getMessage());
        }
    }

    private static String str(Map<String, Object> m, String key) {
        if (m.get(key) instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "device flow OIDC authentication failed: answer has no " + key);
    }
}
