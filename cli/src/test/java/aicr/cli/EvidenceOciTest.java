package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.cli.sigstore.FakeSigstore;
import aicr.cli.sigstore.FakeSigstoreServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push legs of recipe evidence against an in-process registry: {@code validate --push
 * --no-sign}, {@code evidence publish}, {@code evidence sign} and {@code validate --push} with
 * keyless signing through a fake Fulcio/Rekor, and {@code evidence verify} of pointers and
 * OCI references (registries with and without the referrers API).
 */
class EvidenceOciTest {
    @TempDir
    Path tmp;

    private CliRunner.Result emit(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("validate", "--recipe", EvidenceCliTest.RECIPE, "--snapshot",
                EvidenceCliTest.SNAPSHOT, "--no-cluster", "-o", tmp.resolve("report.json").toString(), "--emit-attestation",
                out.toString()));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.strip().startsWith(prefix)).findFirst().orElse("").strip();
    }

    @Test
    void pushUnsignedThenVerifyByPointerAndDigest() throws Exception {
        try (OciTestRegistry reg = new OciTestRegistry(false)) {
            Path out = tmp.resolve("ev");
            CliRunner.Result r = emit(out, "--push", "oci://" + reg.host() + "/acme/evidence", "--no-sign", "--plain-http");
            assertEquals(0, r.exitCode(), r.stderr());
            String pointer = EvidenceCliTest.read(out.resolve("pointer.yaml"));
            String oci = line(pointer, "oci:").substring(5);
            String digest = line(pointer, "digest:").substring(8);
            assertTrue(oci.matches("127\\.0\\.0\\.1:\\d+/acme/evidence:h100-eks-ubuntu-training-[0-9a-f]{12}"), pointer);
            assertTrue(digest.matches("sha256:[0-9a-f]{64}"), pointer);
            assertFalse(pointer.contains("signer:"));
            assertTrue(r.stderr().contains("evidence bundle pushed unsigned (--no-sign)"), r.stderr());
            String manifest = new String(reg.manifests.get("acme/evidence@" + digest));
            assertTrue(manifest.contains("\"org.opencontainers.image.title\":\"AICR Recipe Evidence\""), manifest);
            assertTrue(manifest.contains("\"io.deis.oras.content.unpack\":\"true\""), manifest);

            CliRunner.Result v = CliRunner.run("evidence", "verify", out.resolve("pointer.yaml").toString(), "--plain-http");
            assertEquals(0, v.exitCode(), v.stdout() + v.stderr());
            assertTrue(v.stdout().contains("**Bundle digest:** " + digest), v.stdout());
            assertTrue(v.stdout().contains("| 1 | materialize-bundle | passed | bundle at " + reg.host() + "/acme/evidence@"
                    + digest + " |"), v.stdout());
            assertTrue(v.stdout().endsWith("pending signature (exit 0)\n"));

            String byDigest = reg.host() + "/acme/evidence@" + digest;
            assertEquals(0, CliRunner.run("evidence", "verify", byDigest, "--plain-http").exitCode());
            assertEquals(0, CliRunner.run("evidence", "verify", "oci://" + oci, "--plain-http", "--allow-unpinned-tag")
                    .exitCode());
            CliRunner.Result missing = CliRunner.run("evidence", "verify", reg.host() + "/acme/evidence@sha256:" + "0".repeat(64),
                    "--plain-http", "-t", "json");
            assertEquals(2, missing.exitCode());
            assertTrue(missing.stdout().contains("\"class\": \"not-found\""), missing.stdout());
            assertTrue(missing.stdout().contains("\"httpStatus\": 404"), missing.stdout());
        }
    }

    @Test
    void publishAnEmittedBundle() throws Exception {
        try (OciTestRegistry reg = new OciTestRegistry(true)) {
            Path out = tmp.resolve("ev");
            assertEquals(0, emit(out).exitCode());
            CliRunner.Result p = CliRunner.run("evidence", "publish", out.toString(), "--push",
                    "oci://" + reg.host() + "/acme/evidence:v1", "--no-sign", "--plain-http");
            assertEquals(0, p.exitCode(), p.stderr());
            assertTrue(EvidenceCliTest.read(out.resolve("pointer.yaml")).contains("oci: " + reg.host() + "/acme/evidence:v1\n"));
            assertEquals(2, CliRunner.run("evidence", "publish", out.toString()).exitCode());
            assertTrue(CliRunner.run("evidence", "publish", tmp.toString(), "--push", "oci://" + reg.host() + "/a/b")
                    .stderr().contains("does not look like a summary bundle"));
        }
    }

    @Test
    void unreachableRegistryFailsThePush() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path out = tmp.resolve("ev");
        CliRunner.Result r = emit(out, "--push", "oci://127.0.0.1:" + port + "/acme/evidence", "--no-sign", "--plain-http");
        assertEquals(6, r.exitCode(), r.stderr());
        assertFalse(Files.exists(out.resolve("pointer.yaml")), "no pointer for a bundle that was not pushed");
        CliRunner.Result bad = emit(tmp.resolve("ev2"), "--push", "not a ref");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().contains("[INVALID_REQUEST] invalid push reference"), bad.stderr());
        assertFalse(Files.exists(tmp.resolve("ev2")), "a bad reference fails before anything is written");
    }

    /** Sign an unsigned push with `evidence sign`, and push-and-sign with `validate --push`, through a fake Sigstore. */
    @Test
    void keylessSigningAndVerification() throws Exception {
        FakeSigstore stack = new FakeSigstore();
        Path root = stack.writeTrustedRoot(tmp.resolve("fake_root.json"));
        for (boolean referrersApi : new boolean[]{false, true}) {
            try (OciTestRegistry reg = new OciTestRegistry(referrersApi); FakeSigstoreServer sig = new FakeSigstoreServer(stack, tmp)) {
                Map<String, String> env = Map.of("AICR_FULCIO_URL", sig.url(), "AICR_REKOR_URL", sig.url(),
                        "COSIGN_IDENTITY_TOKEN", FakeSigstoreServer.token(FakeSigstore.IDENTITY, FakeSigstore.ISSUER));
                Path out = tmp.resolve("ev-" + referrersApi);
                assertEquals(0, emit(out, "--push", "oci://" + reg.host() + "/acme/evidence", "--no-sign", "--plain-http")
                        .exitCode());
                Path pointer = out.resolve("pointer.yaml");
                ProcessCli.Result s = ProcessCli.run(tmp, sig.jvmFlags(), env, "evidence", "sign", pointer.toString(),
                        "--plain-http");
                assertEquals(0, s.exitCode(), s.stderr());
                String signed = EvidenceCliTest.read(pointer);
                assertTrue(signed.contains("    signer:\n      identity: signer@aicr-j.test\n      issuer: "
                        + FakeSigstore.ISSUER + "\n"), signed);

                CliRunner.Result v = CliRunner.run("evidence", "verify", pointer.toString(), "--plain-http", "--trusted-root",
                        root.toString(), "--expected-issuer", FakeSigstore.ISSUER, "--expected-identity-regexp",
                        "^signer@aicr-j\\.test$");
                assertEquals(0, v.exitCode(), v.stdout() + v.stderr());
                assertTrue(v.stdout().contains("**Signer:** signer@aicr-j.test (issuer " + FakeSigstore.ISSUER + ")"), v.stdout());
                assertTrue(v.stdout().contains("(from verified DSSE payload)"), v.stdout());
                assertTrue(v.stdout().endsWith("**Verdict:** bundle valid \u2014 all checks passed (exit 0)\n"), v.stdout());

                CliRunner.Result other = CliRunner.run("evidence", "verify", pointer.toString(), "--plain-http",
                        "--trusted-root", root.toString(), "--expected-identity-regexp", "^someone@else$");
                assertEquals(2, other.exitCode());
                assertTrue(other.stdout().contains("**Cause:** `signature`"), other.stdout());
                CliRunner.Result publicRoot = CliRunner.run("evidence", "verify", pointer.toString(), "--plain-http");
                assertEquals(2, publicRoot.exitCode(), "the fake CA is not trusted by the public-good root");
                assertTrue(publicRoot.stdout().contains("trusted root may be stale"), publicRoot.stdout());

                CliRunner.Result again = CliRunner.run("evidence", "sign", pointer.toString(), "--plain-http");
                assertEquals(2, again.exitCode());
                assertTrue(again.stderr().contains("[CONFLICT] pointer is already signed"), again.stderr());

                Path out2 = tmp.resolve("signed-" + referrersApi);
                ProcessCli.Result push = ProcessCli.run(tmp, sig.jvmFlags(), env, "validate", "--recipe", EvidenceCliTest.RECIPE,
                        "--snapshot", EvidenceCliTest.SNAPSHOT, "--no-cluster", "-o", tmp.resolve("r.json").toString(),
                        "--emit-attestation", out2.toString(), "--push", "oci://" + reg.host() + "/acme/signed", "--plain-http");
                assertEquals(0, push.exitCode(), push.stderr());
                assertTrue(Files.exists(out2.resolve("summary-bundle/attestation.intoto.jsonl")));
                assertTrue(push.stderr().contains("copyTo=recipes/evidence/h100-eks-ubuntu-training/"), push.stderr());
                CliRunner.Result local = CliRunner.run("evidence", "verify", out2.toString(), "--trusted-root", root.toString());
                assertEquals(0, local.exitCode(), local.stdout());
                assertEquals(0, CliRunner.run("evidence", "verify", out2.resolve("pointer.yaml").toString(), "--plain-http",
                        "--trusted-root", root.toString()).exitCode());
            }
        }
    }
}
