package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import aicr.cli.sigstore.FakeSigstore;
import aicr.cli.sigstore.FakeSigstoreServer;
import aicr.sigstore.BundleVerifier;
import aicr.sigstore.Digests;
import aicr.sigstore.PemKeys;
import aicr.sigstore.SignerPolicy;
import aicr.sigstore.TrustedRoot;
import aicr.sigstore.Verified;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with Sigstore's own CLI, Debian's {@code cosign} (built on sigstore-go, the
 * library the reference verifies with): cosign accepts aicr-j's key-signed and keyless bundle
 * attestations, and aicr-j accepts cosign's key-signed attestation.
 *
 * <p>cosign is found through {@code AICR_COSIGN}, then {@code PATH}, then
 * {@code ${XDG_CACHE_HOME:-~/.cache}/aicr-ci/cosign/usr/bin/cosign} (where {@code .ci/run}
 * unpacks the Debian package). Without it the tests are <em>skipped</em>, visibly, unless
 * {@code AICR_REQUIRE_COSIGN=1} (set by {@code .ci/run}), which turns a missing cosign into a
 * failure.
 */
class CosignInteropTest {
    @TempDir
    Path tmp;

    static Path cosign;

    @BeforeAll
    static void findCosign() {
        cosign = locate();
        if (cosign == null) {
            if ("1".equals(System.getenv("AICR_REQUIRE_COSIGN"))) {
                fail("AICR_REQUIRE_COSIGN=1 but no cosign binary was found (AICR_COSIGN, PATH, ~/.cache/aicr-ci/cosign)");
            }
            Assumptions.abort("cosign not installed: run .ci/run, or set AICR_COSIGN (skipped, not passed)");
        }
    }

    static Path locate() {
        String env = System.getenv("AICR_COSIGN");
        if (env != null && !env.isEmpty()) {
            return Files.isExecutable(Path.of(env)) ? Path.of(env) : null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "cosign"))) {
                return Path.of(dir, "cosign");
            }
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        Path p = cache.resolve("aicr-ci/cosign/usr/bin/cosign");
        return Files.isExecutable(p) ? p : null;
    }

    record Run(int exit, String output) {
    }

    static Run cosign(Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(cosign.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("COSIGN_PASSWORD", "");
        pb.environment().put("HOME", cwd.toString()); // no TUF cache of the user's, nothing written outside
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }

    @Test
    void cosignVerifiesAKeySignedBundleAttestation() throws Exception {
        KeyPair k = FakeSigstore.ec();
        Path key = BundleAttestTest.writeKey(tmp.resolve("key.pem"), k, "sec1");
        Path pub = BundleAttestTest.writePub(tmp.resolve("pub.pem"), k);
        Path out = tmp.resolve("bundle");
        CliRunner.Result r = CliRunner.run("bundle", "-r", BundleAttestTest.RECIPE, "-o", out.toString(), "--attest",
                "--signing-key", key.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        Run ok = cosign(out, "verify-blob-attestation", "--key", pub.toString(), "--type", "https://slsa.dev/provenance/v1",
                "--insecure-ignore-tlog=true", "--bundle", "attestation/bundle-attestation.sigstore.json", "checksums.txt");
        assertEquals(0, ok.exit(), ok.output());
        assertTrue(ok.output().contains("Verified OK"), ok.output());
        assertEquals(0, CliRunner.run("verify", out.toString(), "--key", pub.toString()).exitCode());

        Files.writeString(out.resolve("checksums.txt"), "\n", java.nio.file.StandardOpenOption.APPEND);
        Run tampered = cosign(out, "verify-blob-attestation", "--key", pub.toString(), "--type",
                "https://slsa.dev/provenance/v1", "--insecure-ignore-tlog=true", "--bundle",
                "attestation/bundle-attestation.sigstore.json", "checksums.txt");
        assertTrue(tampered.exit() != 0, "cosign refuses a changed checksums.txt: " + tampered.output());
        Run wrongKey = cosign(out, "verify-blob-attestation", "--key",
                BundleAttestTest.writePub(tmp.resolve("other.pem"), FakeSigstore.ec()).toString(), "--type",
                "https://slsa.dev/provenance/v1", "--insecure-ignore-tlog=true", "--bundle",
                "attestation/bundle-attestation.sigstore.json", "checksums.txt");
        assertTrue(wrongKey.exit() != 0, wrongKey.output());
    }

    @Test
    void cosignVerifiesAKeylessBundleAttestationAgainstTheFakeRoot() throws Exception {
        FakeSigstore stack = new FakeSigstore();
        Path out = tmp.resolve("bundle");
        try (FakeSigstoreServer server = new FakeSigstoreServer(stack, tmp)) {
            ProcessCli.Result r = ProcessCli.run(tmp, server.jvmFlags(), Map.of(), "bundle", "-r", BundleAttestTest.RECIPE,
                    "-o", out.toString(), "--attest", "--identity-token", FakeSigstoreServer.token(FakeSigstore.IDENTITY,
                            FakeSigstore.ISSUER), "--fulcio-url", server.url(), "--rekor-url", server.url());
            assertEquals(0, r.exitCode(), r.stderr());
        }
        Path root = stack.writeTrustedRoot(tmp.resolve("trusted_root.json"));
        Run ok = cosign(out, "verify-blob-attestation", "--trusted-root", root.toString(), "--certificate-identity",
                FakeSigstore.IDENTITY, "--certificate-oidc-issuer", FakeSigstore.ISSUER, "--type",
                "https://slsa.dev/provenance/v1", "--bundle", "attestation/bundle-attestation.sigstore.json", "checksums.txt");
        assertEquals(0, ok.exit(), ok.output());
        assertTrue(ok.output().contains("Verified OK"), ok.output());
        Run wrongIdentity = cosign(out, "verify-blob-attestation", "--trusted-root", root.toString(), "--certificate-identity",
                "mallory@evil.test", "--certificate-oidc-issuer", FakeSigstore.ISSUER, "--type",
                "https://slsa.dev/provenance/v1", "--bundle", "attestation/bundle-attestation.sigstore.json", "checksums.txt");
        assertTrue(wrongIdentity.exit() != 0, wrongIdentity.output());
    }

    @Test
    void aicrVerifiesCosignsKeySignedAttestation() throws Exception {
        KeyPair k = FakeSigstore.ec();
        Path key = BundleAttestTest.writeKey(tmp.resolve("plain.pem"), k, "pkcs8");
        Run imported = cosign(tmp, "import-key-pair", "--key", key.toString(), "--output-key-prefix", "imported");
        assertEquals(0, imported.exit(), imported.output());
        Files.writeString(tmp.resolve("artifact.txt"), "hello\n");
        Files.writeString(tmp.resolve("predicate.json"), "{\"buildType\":\"https://example.test/v1\"}");
        Files.writeString(tmp.resolve("signing-config.json"), "{\"mediaType\":\"application/vnd.dev.sigstore.signingconfig."
                + "v0.2+json\",\"caUrls\":[],\"oidcUrls\":[],\"rekorTlogUrls\":[],\"tsaUrls\":[],\"rekorTlogConfig\":"
                + "{\"selector\":\"ANY\"},\"tsaConfig\":{\"selector\":\"ANY\"}}");
        Run attest = cosign(tmp, "attest-blob", "--key", "imported.key", "--predicate", "predicate.json", "--type",
                "https://slsa.dev/provenance/v1", "--signing-config", "signing-config.json", "--bundle", "cosign.sigstore.json",
                "--yes", "artifact.txt");
        assertEquals(0, attest.exit(), attest.output());
        byte[] bundle = Files.readAllBytes(tmp.resolve("cosign.sigstore.json"));
        Verified v = BundleVerifier.verify(bundle, Digests.sha256("hello\n".getBytes(StandardCharsets.UTF_8)),
                new SignerPolicy.Key(k.getPublic(), PemKeys.identity(k.getPublic())), TrustedRoot.embedded());
        assertEquals("https://slsa.dev/provenance/v1", v.statement().predicateType());
    }
}
