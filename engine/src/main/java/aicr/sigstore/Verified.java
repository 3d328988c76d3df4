package aicr.sigstore;

/**
 * A bundle that verified: who signed, the statement it carries (parsed from the verified
 * payload) and what the transparency log proved.
 *
 * @param identity          certificate SAN, or the key's identity
 * @param issuer            OIDC issuer of the certificate; "" for keys
 * @param logIndex          first transparency-log entry's index; 0 when none
 * @param transparencyLogged false for a key-signed bundle without a Rekor entry: the signing time is not proven
 */
public record Verified(String identity, String issuer, long logIndex, boolean transparencyLogged, Statement.Parsed statement) {
}
