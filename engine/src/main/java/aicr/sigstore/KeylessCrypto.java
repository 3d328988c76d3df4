package aicr.sigstore;

import java.security.cert.X509Certificate;

/**
 * The checks that need a Sigstore library: a keyless bundle's certificate chain, SCT,
 * transparency-log proofs, DSSE signature and subject digest against a trusted root, and a
 * Rekor entry of a key-signed bundle. Implemented over sigstore-java in
 * {@code aicr.sigstore.keyless}, which only signing and verification commands load.
 */
public interface KeylessCrypto {

    /** Verifies everything but the identity; returns the leaf certificate. UNAUTHORIZED/INVALID_REQUEST on failure. */
    X509Certificate verify(byte[] bundleJson, TrustedRoot root, byte[] artifactDigest);

    /** Verifies one Rekor entry (SET, inclusion proof, checkpoint) against the root's logs. */
    void verifyEntry(SigstoreBundle.TlogEntry entry, TrustedRoot root);

    /** The implementation; loading it loads the Sigstore library. */
    static KeylessCrypto load() {
        return new aicr.sigstore.keyless.SigstoreJava();
    }
}
