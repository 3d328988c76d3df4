package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.cli.sigstore.FakeSigstore;
import aicr.cli.sigstore.FakeSigstoreServer;
import aicr.sigstore.PemKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aicr bundle --attest}: signed with a local key (PKCS#8, SEC1 and PKCS#1 PEM files) or
 * keyless through a fake Fulcio and Rekor over HTTPS, then verified with {@code aicr verify}.
 */
class BundleAttestTest {
    @TempDir
    Path tmp;

    static final String RECIPE = BundleFixtures.GOLDEN.resolve("recipe.yaml").toString();

    static Path writeKey(Path file, KeyPair k, String format) throws Exception {
        byte[] pkcs8 = k.getPrivate().getEncoded();
        String type = "PRIVATE KEY";
        byte[] der = pkcs8;
        if (!format.equals("pkcs8")) {
            der = PrivateKeyInfo.getInstance(pkcs8).parsePrivateKey().toASN1Primitive().getEncoded();
            type = format.equals("sec1") ? "EC PRIVATE KEY" : "RSA PRIVATE KEY";
        }
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n");
        return file;
    }

    static Path writePub(Path file, KeyPair k) throws Exception {
        Files.writeString(file, PemKeys.toPem(k.getPublic()));
        return file;
    }

    @Test
    void keySignedBundleVerifiesWithItsPublicKey() throws Exception {
        KeyPair k = FakeSigstore.ec();
        Path key = writeKey(tmp.resolve("key.pem"), k, "pkcs8");
        Path pub = writePub(tmp.resolve("pub.pem"), k);
        Path out = tmp.resolve("b");
        CliRunner.Result r = CliRunner.run("bundle", "-r", RECIPE, "-o", out.toString(), "--attest", "--signing-key", key.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        String id = PemKeys.identity(k.getPublic());
        assertTrue(r.stdout().contains("  \u26a0 bundle attestation signed with key " + id + "; no transparency-log entry: the "
                + "signature is not publicly logged and its time is not proven (verify: aicr verify <dir> --key <public key> "
                + "--min-trust-level attested)\n"), r.stdout());
        Path att = out.resolve("attestation/bundle-attestation.sigstore.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(att)));
        assertTrue(Files.readString(out.resolve("checksums.txt")).contains("  recipe.yaml\n"), "aicr-j lists recipe.yaml");

        CliRunner.Result v = CliRunner.run("verify", out.toString(), "--key", pub.toString());
        assertEquals(0, v.exitCode(), v.stdout() + v.stderr());
        assertTrue(v.stdout().startsWith("  \u2713 Checksums verified (60 files)\n  \u2713 Bundle attested by: " + id + "\n"
                + "  Trust level: attested\n"), v.stdout());
        assertTrue(v.stdout().contains("! the bundle attestation has no transparency-log entry"), v.stdout());
        assertTrue(v.stdout().endsWith("\nBundle verification: PASSED\n"));
        assertEquals(0, CliRunner.run("verify", out.toString(), "--key", pub.toString(), "--require-creator", id,
                "--cli-version-constraint", "== dev").exitCode(), "creator and tool version match");

        CliRunner.Result json = CliRunner.run("verify", out.toString(), "--key", pub.toString(), "--format", "json");
        assertTrue(json.stdout().contains("\"bundleCreator\": \"" + id + "\",\n  \"toolVersion\": \"dev\","), json.stdout());

        Path other = writePub(tmp.resolve("other.pem"), FakeSigstore.ec());
        CliRunner.Result wrong = CliRunner.run("verify", out.toString(), "--key", other.toString());
        assertEquals(2, wrong.exitCode());
        assertTrue(wrong.stdout().contains("  - bundle attestation verification failed: [UNAUTHORIZED] DSSE signature is not "
                + "valid for the given key (the bundle names another key)\n"), wrong.stdout());

        CliRunner.Result keyless = CliRunner.run("verify", out.toString());
        assertEquals(2, keyless.exitCode());
        assertTrue(keyless.stdout().contains("bundle is signed with a key, not a Fulcio certificate"), keyless.stdout());
    }

    @Test
    void attestationBindsChecksumsTxt() throws Exception {
        KeyPair k = FakeSigstore.ec();
        Path out = tmp.resolve("b");
        assertEquals(0, CliRunner.run("bundle", "-r", RECIPE, "-o", out.toString(), "--attest", "--signing-key",
                writeKey(tmp.resolve("key.pem"), k, "sec1").toString()).exitCode());
        Path pub = writePub(tmp.resolve("pub.pem"), k);
        // a consistent edit: file and checksum line both changed; only the signature can tell
        Path values = out.resolve("003-cert-manager/values.yaml");
        String before = aicr.sigstore.Digests.fileSha256Hex(values);
        Files.writeString(values, "\n# edited\n", java.nio.file.StandardOpenOption.APPEND);
        String after = aicr.sigstore.Digests.fileSha256Hex(values);
        Path sums = out.resolve("checksums.txt");
        Files.writeString(sums, Files.readString(sums).replace(before, after));
        CliRunner.Result r = CliRunner.run("verify", out.toString(), "--key", pub.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.stdout().contains("[UNAUTHORIZED] provided artifact digest does not match any subject sha256 digest"),
                r.stdout());
        assertTrue(r.stdout().contains("Trust level: unknown"));
    }

    @Test
    void rsaKeysInPkcs1Work() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair k = g.generateKeyPair();
        Path out = tmp.resolve("b");
        CliRunner.Result r = CliRunner.run("bundle", "-r", RECIPE, "-o", out.toString(), "--attest", "--signing-key",
                writeKey(tmp.resolve("rsa.pem"), k, "pkcs1").toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(0, CliRunner.run("verify", out.toString(), "--key", writePub(tmp.resolve("rsa.pub"), k).toString())
                .exitCode());
    }

    @Test
    void keylessThroughFulcioAndRekor() throws Exception {
        FakeSigstore stack = new FakeSigstore();
        try (FakeSigstoreServer server = new FakeSigstoreServer(stack, tmp)) {
            Path out = tmp.resolve("b");
            String token = FakeSigstoreServer.token(FakeSigstore.IDENTITY, FakeSigstore.ISSUER);
            ProcessCli.Result r = ProcessCli.run(tmp, server.jvmFlags(), Map.of(), "bundle", "-r", RECIPE, "-o", out.toString(),
                    "--attest", "--identity-token", token, "--fulcio-url", server.url(), "--rekor-url", server.url());
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals(1, server.fulcioCalls.get());
            assertEquals(1, server.rekorCalls.get());
            assertTrue(r.stderr().contains("[cli] using pre-fetched OIDC identity token\n"), r.stderr());
            assertFalse(r.stderr().contains("identity disclosure"), "a pre-fetched token needs no disclosure");
            assertTrue(r.stdout().contains("bundle attestation signed as " + FakeSigstore.IDENTITY + " (issuer "
                    + FakeSigstore.ISSUER + "), Rekor log index 0"), r.stdout());
            Path root = stack.writeTrustedRoot(tmp.resolve("fake_root.json"));

            CliRunner.Result v = CliRunner.run("verify", out.toString(), "--trust-root", root.toString());
            assertEquals(0, v.exitCode(), v.stdout() + v.stderr());
            assertTrue(v.stdout().contains("  \u2713 Bundle attested by: signer@aicr-j.test\n  Trust level: attested\n"), v.stdout());
            assertFalse(v.stdout().contains("Warnings"), v.stdout());

            CliRunner.Result pinned = CliRunner.run("verify", out.toString(), "--trust-root", root.toString(),
                    "--require-creator", "someone@else.test");
            assertEquals(2, pinned.exitCode());
            assertTrue(pinned.stdout().contains("  bundle creator \"signer@aicr-j.test\" does not match required "
                    + "\"someone@else.test\"\n"));

            CliRunner.Result publicOnly = CliRunner.run("verify", out.toString());
            assertEquals(2, publicOnly.exitCode(), "the fake CA is not trusted without --trust-root");
            assertTrue(publicOnly.stdout().contains("Fulcio certificate was not valid"), publicOnly.stdout());
            assertTrue(publicOnly.stdout().contains("run `aicr trust update`, or pass --trusted-root"), publicOnly.stdout());

            CliRunner.Result replaced = CliRunner.run("verify", out.toString(), "--trusted-root", root.toString());
            assertEquals(0, replaced.exitCode(), "--trusted-root replaces the public-good root");
        }
    }

    @Test
    void unreachableFulcioIsRetriedAndLeavesNothing() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path out = tmp.resolve("b");
        String url = "https://127.0.0.1:" + port;
        ProcessCli.Result r = ProcessCli.run(tmp, List.of(), Map.of(), "bundle", "-r", RECIPE, "-o", out.toString(), "--attest",
                "--identity-token", FakeSigstoreServer.token("a@b.test", "https://x.test"), "--fulcio-url", url,
                "--rekor-url", url);
        assertEquals(8, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("[cli] sigstore signing attempt failed, retrying: attempt=1 budget=3 backoff=1s error="
                + "Post \"" + url + "/api/v2/signingCert\": connection refused\n"), r.stderr());
        assertTrue(r.stderr().contains("attempt=2 budget=3 backoff=5s"), r.stderr());
        assertTrue(r.stderr().contains("error=[INTERNAL] bundle attestation failed: [SERVICE_UNAVAILABLE] sigstore signing "
                + "failed after retries: Post \"" + url + "/api/v2/signingCert\": connection refused exitCode=8"), r.stderr());
        assertFalse(Files.exists(out), "nothing written when signing fails");
    }

    @Test
    void noTokenSourceShowsTheDisclosureThenStops() throws Exception {
        Path out = tmp.resolve("b");
        ProcessCli.Result r = ProcessCli.run(tmp, List.of(), Map.of(), "bundle", "-r", RECIPE, "-o", out.toString(), "--attest");
        assertEquals(8, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("  Keyless signing \u2014 identity disclosure\n"), r.stderr());
        assertTrue(r.stderr().contains("  Rekor (log):   https://rekor.sigstore.dev\n"), r.stderr());
        assertTrue(r.stderr().contains("Non-interactive stdin detected; emitting disclosure and proceeding.\n"), r.stderr());
        assertTrue(r.stderr().contains("[SERVICE_UNAVAILABLE] no OIDC identity token for keyless signing"), r.stderr());
        assertFalse(Files.exists(out));
        ProcessCli.Result yes = ProcessCli.run(tmp, List.of(), Map.of("AICR_ASSUME_YES", "1"), "bundle", "-r", RECIPE, "-o",
                out.toString(), "--attest");
        assertTrue(yes.stderr().contains("Proceeding without confirmation (--yes / AICR_ASSUME_YES set).\n"), yes.stderr());
    }

    @Test
    void signingKeyIsExclusiveWithKeylessFlags() {
        CliRunner.Result r = CliRunner.run("bundle", "-r", RECIPE, "-o", tmp.resolve("b").toString(), "--attest",
                "--signing-key", "k.pem", "--fulcio-url", "https://f.test");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("--signing-key is mutually exclusive with --fulcio-url"), r.stderr());
    }
}
