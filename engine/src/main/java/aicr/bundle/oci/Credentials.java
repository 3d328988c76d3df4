package aicr.bundle.oci;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Registry credentials: a user name and password, or an identity token (an OAuth2 refresh token
 * that the registry's token service exchanges for an access token, as {@code docker login}
 * stores for some registries).
 */
record Credentials(String username, String password, String identityToken) {
    static Credentials basic(String username, String password) {
        return new Credentials(username, password, null);
    }

    static Credentials identityToken(String token) {
        return new Credentials(null, null, token);
    }

    boolean hasIdentityToken() {
        return identityToken != null;
    }

    /** The {@code Authorization} value for HTTP Basic. */
    String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return hasIdentityToken() ? "Credentials[identity token]" : "Credentials[" + username + ", password]";
    }
}
