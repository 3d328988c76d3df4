package aicr.cli.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.errors.AicrException;
import aicr.sigstore.BundleVerifier;
import aicr.sigstore.Digests;
import aicr.sigstore.SignerPolicy;
import aicr.sigstore.SigstoreBundle;
import aicr.sigstore.Statement;
import aicr.sigstore.StringMatch;
import aicr.sigstore.TrustedRoot;
import aicr.sigstore.Verified;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keyless verification against a fake Sigstore stack generated for this run: a good bundle
 * verifies, and every way of being wrong (digest, identity, signature, root, timestamp,
 * certificate time, CT log) is refused with its reason.
 */
class KeylessMatrixTest {
    static final FakeSigstore STACK = new FakeSigstore();
    static final byte[] ARTIFACT = "checksums of something\n".getBytes(StandardCharsets.UTF_8);
    static final String DIGEST = Digests.sha256Hex(ARTIFACT);
    static final byte[] STATEMENT = new Statement("checksums.txt", DIGEST, Statement.SLSA_PROVENANCE_V1,
            Map.of("buildDefinition", Map.of("buildType", "https://aicr.run/bundle/v1"))).toJson();

    private static TrustedRoot root() {
        return TrustedRoot.parse(STACK.trustedRoot(), "fake");
    }

    private static Verified verify(SigstoreBundle b, byte[] digest, SignerPolicy p, TrustedRoot root) {
        return BundleVerifier.verify(b.toJson(), digest, p, root);
    }

    private static String refused(SigstoreBundle b, byte[] digest, SignerPolicy p, TrustedRoot root) {
        return assertThrows(AicrException.class, () -> verify(b, digest, p, root)).render();
    }

    @Test
    void goodBundleVerifiesAndNamesItsSigner() {
        SigstoreBundle b = STACK.signKeyless(STATEMENT, FakeSigstore.IDENTITY, FakeSigstore.ISSUER);
        Verified v = verify(b, Digests.sha256(ARTIFACT), SignerPolicy.Keyless.anyone(), root());
        assertEquals(FakeSigstore.IDENTITY, v.identity());
        assertEquals(FakeSigstore.ISSUER, v.issuer());
        assertTrue(v.transparencyLogged());
        assertEquals("https://slsa.dev/provenance/v1", v.statement().predicateType());
        Verified pinned = verify(b, Digests.sha256(ARTIFACT), new SignerPolicy.Keyless(
                StringMatch.literal(FakeSigstore.ISSUER), StringMatch.regex("^signer@aicr-j\\.test$")), root());
        assertEquals(FakeSigstore.IDENTITY, pinned.identity());
    }

    @Test
    void wrongDigest() {
        SigstoreBundle b = STACK.signKeyless(STATEMENT, FakeSigstore.IDENTITY, FakeSigstore.ISSUER);
        String e = refused(b, Digests.sha256("other".getBytes(StandardCharsets.UTF_8)), SignerPolicy.Keyless.anyone(), root());
        assertTrue(e.startsWith("[UNAUTHORIZED]") && e.contains("does not match any subject"), e);
    }

    @Test
    void wrongIdentityOrIssuer() {
        SigstoreBundle b = STACK.signKeyless(STATEMENT, "mallory@evil.test", FakeSigstore.ISSUER);
        String e = refused(b, Digests.sha256(ARTIFACT), new SignerPolicy.Keyless(StringMatch.any(),
                StringMatch.regex("^signer@aicr-j\\.test$")), root());
        assertTrue(e.contains("certificate identity \"mallory@evil.test\"") && e.contains("does not match"), e);
        SigstoreBundle other = STACK.signKeyless(STATEMENT, FakeSigstore.IDENTITY, "https://evil.test");
        String e2 = refused(other, Digests.sha256(ARTIFACT), new SignerPolicy.Keyless(StringMatch.literal(FakeSigstore.ISSUER),
                StringMatch.any()), root());
        assertTrue(e2.contains("issuer \"https://evil.test\""), e2);
    }

    @Test
    void badSignature() {
        SigstoreBundle good = STACK.signKeyless(STATEMENT, FakeSigstore.IDENTITY, FakeSigstore.ISSUER);
        byte[] sig = good.envelope().signatures().get(0).clone();
        sig[sig.length - 1] ^= 1;
        SigstoreBundle bad = new SigstoreBundle(good.mediaType(), good.certificate(), List.of(), null, good.tlogEntries(),
                new aicr.sigstore.Dsse.Envelope(good.envelope().payload(), good.envelope().payloadType(), List.of(sig)));
        String e = refused(bad, Digests.sha256(ARTIFACT), SignerPolicy.Keyless.anyone(), root());
        assertTrue(e.startsWith("[UNAUTHORIZED]"), e);
    }

    @Test
    void foreignRoot() {
        SigstoreBundle b = STACK.signKeyless(STATEMENT, FakeSigstore.IDENTITY, FakeSigstore.ISSUER);
        String e = refused(b, Digests.sha256(ARTIFACT), SignerPolicy.Keyless.anyone(), TrustedRoot.embedded());
        assertTrue(e.startsWith("[UNAUTHORIZED]") && e.contains("Fulcio certificate was not valid"), e);
        TrustedRoot other = TrustedRoot.parse(new FakeSigstore().trustedRoot(), "other fake");
        assertTrue(refused(b, Digests.sha256(ARTIFACT), SignerPolicy.Keyless.anyone(), other).startsWith("[UNAUTHORIZED]"));
    }

    @Test
    void unionWithTheForeignRootVerifies() {
        SigstoreBundle b = STACK.signKeyless(STATEMENT, FakeSigstore.IDENTITY, FakeSigstore.ISSUER);
        TrustedRoot union = TrustedRoot.embedded().union(root());
        assertEquals(FakeSigstore.IDENTITY, verify(b, Digests.sha256(ARTIFACT), SignerPolicy.Keyless.anyone(), union).identity());
    }

    @Test
    void missingTimestamp() {
        KeyPair k = FakeSigstore.ec();
        SigstoreBundle b = STACK.signWith(STATEMENT, k, STACK.issue(k.getPublic(), FakeSigstore.IDENTITY, FakeSigstore.ISSUER),
                false, null);
        String e = refused(b, Digests.sha256(ARTIFACT), SignerPolicy.Keyless.anyone(), root());
        assertTrue(e.contains("no signed entry timestamp"), e);
    }

    @Test
    void entrySignedByAnotherLog() {
        KeyPair k = FakeSigstore.ec();
        SigstoreBundle b = STACK.signWith(STATEMENT, k, STACK.issue(k.getPublic(), FakeSigstore.IDENTITY, FakeSigstore.ISSUER),
                true, FakeSigstore.ec().getPrivate());
        String e = refused(b, Digests.sha256(ARTIFACT), SignerPolicy.Keyless.anyone(), root());
        assertTrue(e.contains("Transparency log entry could not be verified"), e);
    }

    @Test
    void certificateExpiredBeforeTheLogEntry() {
        KeyPair k = FakeSigstore.ec();
        SigstoreBundle b = STACK.signWith(STATEMENT, k, STACK.issue(k.getPublic(), FakeSigstore.IDENTITY, FakeSigstore.ISSUER,
                STACK.now() - 3600, STACK.now() - 1800, true), true, null);
        assertTrue(refused(b, Digests.sha256(ARTIFACT), SignerPolicy.Keyless.anyone(), root()).contains("not valid at"));
    }

    @Test
    void certificateWithoutSct() {
        KeyPair k = FakeSigstore.ec();
        SigstoreBundle b = STACK.signWith(STATEMENT, k, STACK.issue(k.getPublic(), FakeSigstore.IDENTITY, FakeSigstore.ISSUER,
                STACK.now() - 60, STACK.now() + 600, false), true, null);
        assertTrue(refused(b, Digests.sha256(ARTIFACT), SignerPolicy.Keyless.anyone(), root()).contains("SCT"));
    }

    @Test
    void keySignedBundleIsNotAcceptedAsKeyless() {
        KeyPair k = FakeSigstore.ec();
        aicr.sigstore.SigstoreBundle keyed = new aicr.sigstore.KeySigner(new aicr.sigstore.PemKeys.Signing(k.getPrivate(),
                k.getPublic(), "SHA256withECDSA")).sign(STATEMENT);
        assertTrue(refused(keyed, Digests.sha256(ARTIFACT), SignerPolicy.Keyless.anyone(), root()).contains("signed with a key"));
        Verified v = verify(keyed, Digests.sha256(ARTIFACT), new SignerPolicy.Key(k.getPublic(), "pem:x"), root());
        assertEquals("pem:x", v.identity());
        assertTrue(!v.transparencyLogged());
        String wrongKey = refused(keyed, Digests.sha256(ARTIFACT), new SignerPolicy.Key(FakeSigstore.ec().getPublic(), "pem:y"),
                root());
        assertTrue(wrongKey.contains("not valid for the given key (the bundle names another key)"), wrongKey);
    }
}
