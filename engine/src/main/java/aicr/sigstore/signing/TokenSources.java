package aicr.sigstore.signing;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.JsonReader;
import aicr.io.Values;
import aicr.log.Log;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Where the OIDC token for keyless signing comes from, in the reference's precedence: a
 * pre-fetched token ({@code --identity-token} / {@code COSIGN_IDENTITY_TOKEN}), GitHub
 * Actions' ambient token, the OAuth device flow ({@code --oidc-device-flow}). The reference's
 * last resort, a browser sign-in, is not offered (aicr-j runs headless): without any of the
 * three, signing stops with a message naming them.
 */
public final class TokenSources {
    private TokenSources() {
    }

    /** Which source a run will use, decided before any network call (the disclosure gate needs it). */
    public enum Kind { PREFETCHED, GITHUB_ACTIONS, DEVICE_FLOW, NONE }

    /**
     * @param token       the pre-fetched token (flag or env), or null
     * @param deviceFlow  {@code --oidc-device-flow} / {@code AICR_OIDC_DEVICE_FLOW}
     */
    public record Options(String token, boolean deviceFlow) {
        public Kind kind() {
            if (token != null && !token.isEmpty()) {
                return Kind.PREFETCHED;
            }
            String url = System.getenv("ACTIONS_ID_TOKEN_REQUEST_URL");
            String bearer = System.getenv("ACTIONS_ID_TOKEN_REQUEST_TOKEN");
            if (url != null && !url.isEmpty() && bearer != null && !bearer.isEmpty()) {
                return Kind.GITHUB_ACTIONS;
            }
            return deviceFlow ? Kind.DEVICE_FLOW : Kind.NONE;
        }

        /** Whether a person's identity is being published interactively (the disclosure gate applies). */
        public boolean interactive() {
            return kind() == Kind.DEVICE_FLOW || kind() == Kind.NONE;
        }
    }

    /** Resolves the token just before signing (Fulcio wants a fresh one). */
    public static IdentityToken resolve(Options o) {
        return switch (o.kind()) {
            case PREFETCHED -> {
                Log.info("using pre-fetched OIDC identity token");
                yield new IdentityToken(o.token().strip(), "pre-fetched");
            }
            case GITHUB_ACTIONS -> new IdentityToken(githubActions(), "GitHub Actions");
            case DEVICE_FLOW -> new IdentityToken(DeviceFlow.run(), "device flow");
            case NONE -> throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "no OIDC identity token for keyless "
                    + "signing: pass --identity-token (or COSIGN_IDENTITY_TOKEN), run in GitHub Actions with id-token "
                    + "permission, or use --oidc-device-flow; interactive browser sign-in is not available in aicr-j");
        };
    }

    /** GitHub Actions' ambient token for audience {@code sigstore}: three tries, 5xx and transport errors retried. */
    static String githubActions() {
        String url = System.getenv("ACTIONS_ID_TOKEN_REQUEST_URL") + "&audience=sigstore";
        String bearer = System.getenv("ACTIONS_ID_TOKEN_REQUEST_TOKEN");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String last = "";
        long[] backoff = {1000, 5000};
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    Map<String, Object> m = Values.mapOf(JsonReader.parse(r.body()));
                    if (m != null && m.get("value") instanceof String v && !v.isEmpty()) {
                        return v;
                    }
                    throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "GitHub Actions OIDC authentication failed: "
                            + "answer has no token");
                }
                last = "HTTP " + r.statusCode();
                if (r.statusCode() < 500) {
                    break;
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof AicrException a) {
                    throw a;
                }
                last = String.valueOf(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AicrException(ErrorCode.TIMEOUT, "GitHub Actions OIDC authentication timed out");
            }
            if (attempt < 3) {
                sleep(backoff[attempt - 1]);
            }
        }
        throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "GitHub Actions OIDC authentication failed: " + last);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AicrException(ErrorCode.TIMEOUT, "interrupted");
        }
    }

    static String form(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }
}
