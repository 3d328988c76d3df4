package aicr.sigstore;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.JsonReader;
import aicr.io.Values;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Verifies a Sigstore DSSE bundle with the reference's policy (sigstore-go as aicr uses it):
 * the in-toto payload is bound to an artifact digest through a subject; a keyless bundle needs
 * a trusted Fulcio chain, a transparency-log entry with a signed entry timestamp (the observer
 * timestamp) and inclusion proof, and a matching identity; a key-signed bundle needs a valid
 * signature by the given key, and its Rekor entries, when it has any, must verify too. A
 * key-signed bundle without a Rekor entry is accepted and reported as not transparency-logged
 * (the reference cannot verify such bundles at all).
 */
public final class BundleVerifier {
    private BundleVerifier() {
    }

    /**
     * @param artifactDigest the sha256 the statement must name as a subject; null to bind to the
     *                       statement's own first subject (directory-form evidence, spec D12)
     */
    public static Verified verify(byte[] bundleJson, byte[] artifactDigest, SignerPolicy policy, TrustedRoot root) {
        SigstoreBundle bundle = SigstoreBundle.parse(bundleJson);
        if (!Dsse.INTOTO_PAYLOAD_TYPE.equals(bundle.envelope().payloadType())) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "unexpected DSSE payload type "
                    + aicr.gocompat.GoStrings.quote(bundle.envelope().payloadType()));
        }
        Statement.Parsed statement = Statement.parse(bundle.envelope().payload());
        byte[] digest = artifactDigest != null ? artifactDigest : ownSubject(statement);
        if (policy instanceof SignerPolicy.Key k) {
            return key(bundle, statement, digest, k, root);
        }
        return keyless(bundleJson, bundle, statement, digest, (SignerPolicy.Keyless) policy, root);
    }

    private static byte[] ownSubject(Statement.Parsed s) {
        Statement.Subject subject = s.firstSha256Subject();
        if (subject == null) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "statement has no subject with a sha256 digest");
        }
        return Digests.unhexSha256(subject.digest().get("sha256"), "statement subject digest");
    }

    private static Verified keyless(byte[] json, SigstoreBundle bundle, Statement.Parsed statement, byte[] digest,
                                    SignerPolicy.Keyless policy, TrustedRoot root) {
        if (!bundle.isKeyless()) {
            throw new AicrException(ErrorCode.UNAUTHORIZED,
                    "bundle is signed with a key, not a Fulcio certificate; verify it with the signer's public key (--key)");
        }
        requireObserverTimestamp(bundle);
        X509Certificate leaf = KeylessCrypto.load().verify(json, root, digest);
        requireValidAtEntryTime(leaf, bundle.tlogEntries().get(0).integratedTime());
        CertIdentity id = CertIdentity.of(leaf);
        if (!policy.issuer().matches(id.issuer()) || !policy.identity().matches(id.identity())) {
            throw new AicrException(ErrorCode.UNAUTHORIZED, "certificate identity " + aicr.gocompat.GoStrings.quote(id.identity())
                    + " (issuer " + aicr.gocompat.GoStrings.quote(id.issuer()) + ") does not match the expected identity "
                    + policy.identity() + " (issuer " + policy.issuer() + ")");
        }
        return new Verified(id.identity(), id.issuer(), bundle.tlogEntries().get(0).logIndex(), true, statement);
    }

    /** The short-lived certificate must have been valid when the log saw the signature. */
    private static void requireValidAtEntryTime(X509Certificate leaf, long integratedTime) {
        try {
            leaf.checkValidity(new java.util.Date(integratedTime * 1000));
        } catch (java.security.cert.CertificateException e) {
            throw new AicrException(ErrorCode.UNAUTHORIZED, "certificate was not valid at the transparency log entry's "
                    + "time (" + java.time.Instant.ofEpochSecond(integratedTime) + "): " + e.getMessage());
        }
    }

    /** sigstore-go's policy: a Rekor v1 entry proves the signing time only through its signed entry timestamp. */
    private static void requireObserverTimestamp(SigstoreBundle bundle) {
        if (bundle.tlogEntries().isEmpty()) {
            throw new AicrException(ErrorCode.UNAUTHORIZED, "bundle has no transparency log entry; at least one is required");
        }
        byte[] set = bundle.tlogEntries().get(0).signedEntryTimestamp();
        if (set == null || set.length == 0) {
            throw new AicrException(ErrorCode.UNAUTHORIZED,
                    "no verifiable timestamp: the transparency log entry has no signed entry timestamp");
        }
    }

    private static Verified key(SigstoreBundle bundle, Statement.Parsed statement, byte[] digest, SignerPolicy.Key policy,
                                TrustedRoot root) {
        if (bundle.isKeyless()) {
            throw new AicrException(ErrorCode.UNAUTHORIZED,
                    "bundle is signed keyless (it carries a Fulcio certificate); --key verifies key-signed bundles only");
        }
        PublicKey key = policy.key();
        boolean valid;
        try {
            Signature s = Signature.getInstance(PemKeys.algorithm(key));
            s.initVerify(key);
            s.update(bundle.envelope().pae());
            valid = s.verify(bundle.envelope().signatures().get(0));
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            byte[] hint = bundle.publicKeyHint();
            boolean otherKey = hint != null && hint.length == 32
                    && !MessageDigest.isEqual(hint, Digests.sha256(key.getEncoded()));
            throw new AicrException(ErrorCode.UNAUTHORIZED, "DSSE signature is not valid for the given key"
                    + (otherKey ? " (the bundle names another key)" : ""));
        }
        requireSubject(statement, digest);
        if (bundle.tlogEntries().isEmpty()) {
            return new Verified(policy.identity(), "", 0, false, statement);
        }
        requireObserverTimestamp(bundle);
        SigstoreBundle.TlogEntry entry = bundle.tlogEntries().get(0);
        KeylessCrypto.load().verifyEntry(entry, root);
        requireEntryBinds(entry, bundle);
        return new Verified(policy.identity(), "", entry.logIndex(), true, statement);
    }

    private static void requireSubject(Statement.Parsed statement, byte[] digest) {
        if (!statement.hasSubjectSha256(Digests.hex(digest))) {
            throw new AicrException(ErrorCode.UNAUTHORIZED,
                    "provided artifact digest does not match any subject sha256 digest in the statement");
        }
    }

    /** A Rekor {@code dsse} entry must record this envelope's payload hash and signature. */
    private static void requireEntryBinds(SigstoreBundle.TlogEntry entry, SigstoreBundle bundle) {
        Map<String, Object> body;
        try {
            body = Values.mapOf(JsonReader.parse(new String(entry.canonicalizedBody(), StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            throw new AicrException(ErrorCode.UNAUTHORIZED, "transparency log entry body does not parse");
        }
        String payloadHash = Digests.sha256Hex(bundle.envelope().payload());
        String sig = Base64.getEncoder().encodeToString(bundle.envelope().signatures().get(0));
        boolean ok = false;
        if (body != null && body.get("spec") instanceof Map<?, ?> spec) {
            boolean hash = spec.get("payloadHash") instanceof Map<?, ?> ph && payloadHash.equals(ph.get("value"));
            boolean signature = spec.get("signatures") instanceof List<?> sigs && sigs.stream()
                    .anyMatch(o -> o instanceof Map<?, ?> m && sig.equals(m.get("signature")));
            ok = hash && signature;
        }
        if (!ok) {
            throw new AicrException(ErrorCode.UNAUTHORIZED, "transparency log entry does not record this signature");
        }
    }
}
