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

    /**
     * Runs a TUF update against {@code mirror} from the trusted TUF root (the public-good one
     * shipped with the library when {@code tufRoot} is null), keeping metadata in {@code repoDir};
     * returns the verified {@code trusted_root.json} target. SERVICE_UNAVAILABLE when the mirror
     * cannot be reached, UNAUTHORIZED when the metadata does not verify.
     */
    byte[] refreshTrustedRoot(java.net.URI mirror, java.nio.file.Path repoDir, java.nio.file.Path tufRoot, long deadlineNanos);

    /** The implementation; loading it loads the Sigstore library (see {@link SigstoreLibrary}). */
    static KeylessCrypto load() {
        return SigstoreLibrary.crypto();
    }
}
