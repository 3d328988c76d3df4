package aicr.sigstore;

import java.security.PublicKey;

/** Whose signature a verification accepts: a given public key, or a Fulcio certificate identity. */
public sealed interface SignerPolicy permits SignerPolicy.Key, SignerPolicy.Keyless {

    /**
     * A key-signed bundle by this key.
     *
     * @param identity how the signer is reported (a KMS URI, or {@code pem:<fingerprint>})
     */
    record Key(PublicKey key, String identity) implements SignerPolicy {
    }

    /** A keyless bundle whose certificate names a matching issuer and identity (SAN). */
    record Keyless(StringMatch issuer, StringMatch identity) implements SignerPolicy {
        /** Any Fulcio identity from any issuer: proves that someone real signed. */
        public static Keyless anyone() {
            return new Keyless(StringMatch.any(), StringMatch.any());
        }
    }
}
