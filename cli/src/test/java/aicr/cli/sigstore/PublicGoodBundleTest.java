package aicr.cli.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.errors.AicrException;
import aicr.sigstore.BundleVerifier;
import aicr.sigstore.SignerPolicy;
import aicr.sigstore.StringMatch;
import aicr.sigstore.TrustedRoot;
import aicr.sigstore.Verified;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * A genuine public-good bundle (sigstore-java's test vector, GitHub Actions signer) verifies
 * offline against the trusted root shipped in the jar: no TUF, no network.
 */
class PublicGoodBundleTest {
    static final Path DIR = Path.of("").toAbsolutePath().getParent().resolve("golden/supply/public-good");
    static final byte[] DIGEST = HexFormat.of().parseHex("a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf");

    @Test
    void verifiesOfflineWithTheShippedRoot() throws Exception {
        byte[] bundle = Files.readAllBytes(DIR.resolve("bundle.dsse.sigstore"));
        Verified v = BundleVerifier.verify(bundle, DIGEST, new SignerPolicy.Keyless(
                StringMatch.literal("https://token.actions.githubusercontent.com"),
                StringMatch.regex("^https://github.com/loosebazooka/aa-test/")), TrustedRoot.embedded());
        assertEquals("https://token.actions.githubusercontent.com", v.issuer());
        assertTrue(v.identity().startsWith("https://github.com/loosebazooka/aa-test/"), v.identity());
        assertTrue(v.logIndex() > 0);
    }

    @Test
    void refusesABadSignatureAndAnotherSigner() throws Exception {
        byte[] bad = Files.readAllBytes(DIR.resolve("bundle.dsse.bad-signature.sigstore"));
        assertThrows(AicrException.class, () -> BundleVerifier.verify(bad, DIGEST, SignerPolicy.Keyless.anyone(),
                TrustedRoot.embedded()));
        byte[] good = Files.readAllBytes(DIR.resolve("bundle.dsse.sigstore"));
        String e = assertThrows(AicrException.class, () -> BundleVerifier.verify(good, DIGEST, new SignerPolicy.Keyless(
                StringMatch.any(), StringMatch.regex("^https://github.com/NVIDIA/")), TrustedRoot.embedded())).render();
        assertTrue(e.contains("does not match the expected identity"), e);
    }
}
