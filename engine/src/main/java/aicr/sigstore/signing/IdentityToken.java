package aicr.sigstore.signing;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.JsonReader;
import aicr.io.Values;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * An OIDC identity token for Fulcio. Only its claims are read here (the subject Fulcio binds
 * the certificate to); Fulcio verifies the signature.
 *
 * @param source where it came from, for logs ("pre-fetched", "GitHub Actions", "device flow")
 */
public record IdentityToken(String jwt, String source) {

    /** The subject Fulcio's proof of possession signs: the e-mail claim when present, else {@code sub}. */
    public String subject() {
        Map<String, Object> claims = claims();
        Object email = claims.get("email");
        if (email instanceof String e && !e.isEmpty()) {
            return e;
        }
        Object sub = claims.get("sub");
        if (sub instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw invalid();
    }

    Map<String, Object> claims() {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw invalid();
        }
        try {
            Map<String, Object> m = Values.mapOf(JsonReader.parse(new String(Base64.getUrlDecoder().decode(
                    parts[1].replace("=", "")), StandardCharsets.UTF_8)));
            if (m == null) {
                throw invalid();
            }
            return m;
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static AicrException invalid() {
        return new AicrException(ErrorCode.INVALID_REQUEST, "invalid identity token: unable to get subject from identity token");
    }
}
