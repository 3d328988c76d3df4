package aicr.sigstore.keyless;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.sigstore.KeylessCrypto;
import aicr.sigstore.SigstoreBundle;
import aicr.sigstore.TrustedRoot;
import dev.sigstore.KeylessVerificationException;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.VerificationOptions;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.bundle.BundleParseException;
import dev.sigstore.encryption.certificates.Certificates;
import dev.sigstore.rekor.client.ImmutableInclusionProof;
import dev.sigstore.rekor.client.ImmutableRekorEntry;
import dev.sigstore.rekor.client.ImmutableVerification;
import dev.sigstore.rekor.client.RekorVerificationException;
import dev.sigstore.rekor.client.RekorVerifier;
import dev.sigstore.trustroot.SigstoreConfigurationException;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;

/**
 * {@link KeylessCrypto} over sigstore-java 2.0: Fulcio chain and SCT, Rekor SET, inclusion
 * proof and checkpoint, DSSE signature and subject digest. Identity matching is left to the
 * caller (Go regexp semantics), so no certificate matcher is passed.
 */
public final class SigstoreJava implements KeylessCrypto {

    @Override
    public X509Certificate verify(byte[] bundleJson, TrustedRoot root, byte[] artifactDigest) {
        Bundle bundle;
        try {
            bundle = Bundle.from(new StringReader(new String(bundleJson, StandardCharsets.UTF_8)));
        } catch (BundleParseException | RuntimeException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid sigstore bundle: " + e.getMessage());
        }
        KeylessVerifier verifier;
        try {
            verifier = KeylessVerifier.builder().trustedRootProvider(() -> trusted(root)).build();
        } catch (SigstoreConfigurationException | GeneralSecurityException | RuntimeException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid trusted root (" + root.source() + "): "
                    + e.getMessage());
        }
        try {
            verifier.verify(artifactDigest, bundle, VerificationOptions.empty());
        } catch (KeylessVerificationException e) {
            throw new AicrException(ErrorCode.UNAUTHORIZED, describe(e));
        } catch (RuntimeException e) {
            throw new AicrException(ErrorCode.UNAUTHORIZED, "signature verification failed: " + e.getMessage());
        }
        return Certificates.getLeaf(bundle.getCertPath());
    }

    @Override
    public void verifyEntry(SigstoreBundle.TlogEntry e, TrustedRoot root) {
        if (e.proof() == null) {
            throw new AicrException(ErrorCode.UNAUTHORIZED, "transparency log entry has no inclusion proof");
        }
        Base64.Encoder b64 = Base64.getEncoder();
        HexFormat hex = HexFormat.of();
        ImmutableInclusionProof.Builder proof = ImmutableInclusionProof.builder().logIndex(e.proof().logIndex())
                .rootHash(hex.formatHex(e.proof().rootHash())).treeSize(e.proof().treeSize())
                .checkpoint(e.proof().checkpoint());
        e.proof().hashes().forEach(h -> proof.addHashes(hex.formatHex(h)));
        ImmutableVerification.Builder v = ImmutableVerification.builder().inclusionProof(proof.build());
        if (e.signedEntryTimestamp() != null) {
            v.signedEntryTimestamp(b64.encodeToString(e.signedEntryTimestamp()));
        }
        try {
            RekorVerifier.newRekorVerifier(trusted(root)).verifyEntry(ImmutableRekorEntry.builder()
                    .body(b64.encodeToString(e.canonicalizedBody())).integratedTime(e.integratedTime())
                    .logID(hex.formatHex(e.logKeyId())).logIndex(e.logIndex()).verification(v.build()).build());
        } catch (RekorVerificationException ex) {
            throw new AicrException(ErrorCode.UNAUTHORIZED, "transparency log entry could not be verified: " + ex.getMessage());
        } catch (SigstoreConfigurationException ex) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid trusted root (" + root.source() + "): "
                    + ex.getMessage());
        }
    }

    @Override
    public byte[] refreshTrustedRoot(java.net.URI mirror, java.nio.file.Path repoDir, java.nio.file.Path tufRoot,
                                     long deadlineNanos) {
        return TufRefresh.run(mirror, repoDir, tufRoot, deadlineNanos);
    }

    private static SigstoreTrustedRoot trusted(TrustedRoot root) throws SigstoreConfigurationException {
        return SigstoreTrustedRoot.from(new ByteArrayInputStream(root.json()));
    }

    /** The library's message with its cause, on one line. */
    private static String describe(KeylessVerificationException e) {
        StringBuilder b = new StringBuilder(e.getMessage() == null ? "verification failed" : e.getMessage());
        Throwable c = e.getCause();
        if (c != null && c.getMessage() != null && !b.toString().contains(c.getMessage())) {
            b.append(": ").append(c.getMessage());
        }
        return b.toString().replace('\n', ' ');
    }
}
