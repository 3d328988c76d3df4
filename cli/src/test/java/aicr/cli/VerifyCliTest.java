package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.sigstore.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aicr verify} on the reference's own helm bundle and its tampered copies: the
 * reference's stdout, stderr and exit code (transcripts b1..b6), plus aicr-j's stricter
 * checks (unlisted files, the unlisted recipe.yaml warning).
 */
class VerifyCliTest {
    @TempDir
    Path tmp;

    private Path b1() {
        return SupplyFixtures.copy(SupplyFixtures.REFERENCE_HELM_BUNDLE, tmp.resolve("b1"));
    }

    private static CliRunner.Result verify(Path dir, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("verify", dir.toString()));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void referenceBundleIsUnverifiedWithTheRecipeWarning() {
        Path b = b1();
        CliRunner.Result r = verify(b);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(SupplyFixtures.withRecipeWarning(SupplyFixtures.transcript("verify-unattested", "stdout")), r.stdout());
        assertEquals("[cli] verifying bundle: dir=" + b + "\n", r.stderr());
    }

    @Test
    void jsonAddsOnlyTheWarnings() {
        CliRunner.Result r = verify(b1(), "--format", "json");
        assertEquals(0, r.exitCode(), r.stderr());
        String ref = SupplyFixtures.transcript("verify-unattested-json", "stdout");
        String expected = ref.substring(0, ref.lastIndexOf("\n}")) + ",\n  \"warnings\": [\n    \"recipe.yaml is not listed in "
                + "checksums.txt (bundles made by the reference CLI leave it out), so its content is not verified\"\n  ]\n}\n";
        assertEquals(expected, r.stdout());
    }

    @Test
    void editedFileIsAChecksumMismatch() throws Exception {
        Path b = b1();
        Files.writeString(b.resolve("deploy.sh"), "\n# edited\n", StandardOpenOption.APPEND);
        CliRunner.Result r = verify(b);
        assertEquals(4, r.exitCode());
        String got = Digests.fileSha256Hex(b.resolve("deploy.sh"));
        String expected = SupplyFixtures.transcript("verify-checksum-mismatch", "stdout")
                .replace("733b1a54081bcee36758cd258632d0dbeab64b0bf55148bfa2a1bc8d56202c8a", got);
        assertEquals(SupplyFixtures.withRecipeWarning(expected), r.stdout());
        assertTrue(r.stderr().endsWith("[cli] command failed: error=[UNAUTHORIZED] bundle verification failed: checksum "
                + "mismatch: deploy.sh (expected 35b23ceed70f8c6319b87edc99ca4577810c50d65e24b459a7d18a46a565a413, got " + got
                + ") exitCode=4\n"), r.stderr());
    }

    @Test
    void missingChecksums() throws Exception {
        Path b = b1();
        Files.delete(b.resolve("checksums.txt"));
        CliRunner.Result r = verify(b);
        assertEquals(4, r.exitCode());
        assertEquals(SupplyFixtures.transcript("verify-no-checksums", "stdout"), r.stdout());
        assertEquals(SupplyFixtures.transcript("verify-no-checksums", "stderr").replace("run/b3", b.toString()), r.stderr());
    }

    @Test
    void traversalAndMalformedLinesComeFirst() throws Exception {
        Path b = b1();
        Files.writeString(b.resolve("checksums.txt"), "0000  ../etc/passwd\nbadline\n");
        CliRunner.Result r = verify(b);
        assertEquals(4, r.exitCode());
        String ref = SupplyFixtures.transcript("verify-traversal", "stdout");
        String head = ref.substring(0, ref.indexOf("\nBundle verification"));
        assertTrue(r.stdout().startsWith(head + "  - file not listed in checksums.txt: 001-aws-ebs-csi-driver/"), r.stdout());
        assertTrue(r.stderr().contains("error=[UNAUTHORIZED] bundle verification failed: path traversal detected in "
                + "checksum entry: ../etc/passwd exitCode=4"), r.stderr());
    }

    @Test
    void absolutePathsOfTheReferencesOciStagingAreTraversal() throws Exception {
        Path b = b1();
        Files.writeString(b.resolve("checksums.txt"), Files.readString(b.resolve("checksums.txt"))
                .replace("  ", "  " + b + "/"));
        CliRunner.Result r = verify(b);
        assertEquals(4, r.exitCode());
        assertTrue(r.stdout().contains("  - path traversal detected in checksum entry: " + b + "/001-aws-ebs-csi-driver/values.yaml\n"));
    }

    @Test
    void attestationOfNoMediaTypeFailsThePolicy() throws Exception {
        Path b = b1();
        Files.createDirectories(b.resolve("attestation"));
        Files.writeString(b.resolve("attestation/bundle-attestation.sigstore.json"), "{}");
        CliRunner.Result r = verify(b);
        assertEquals(2, r.exitCode());
        assertEquals(SupplyFixtures.withRecipeWarning(SupplyFixtures.transcript("verify-bad-attestation", "stdout")), r.stdout());
        assertTrue(r.stderr().endsWith("[cli] command failed: error=[INVALID_REQUEST] trust level \"unknown\" does not meet "
                + "maximum achievable \"unverified\" for this bundle exitCode=2\n"), r.stderr());
    }

    @Test
    void minimumLevelNotMet() {
        CliRunner.Result r = verify(b1(), "--min-trust-level", "verified");
        assertEquals(2, r.exitCode());
        assertEquals(SupplyFixtures.withRecipeWarning(SupplyFixtures.transcript("verify-min-verified", "stdout")), r.stdout());
        assertTrue(r.stderr().endsWith("error=[INVALID_REQUEST] trust level \"unverified\" does not meet minimum \"verified\" "
                + "exitCode=2\n"), r.stderr());
        assertEquals(0, verify(tmp.resolve("b1"), "--min-trust-level", " Unverified ").exitCode());
        CliRunner.Result bad = verify(tmp.resolve("b1"), "--min-trust-level", "MAX");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().contains("invalid trust level \"MAX\": must be one of unknown, unverified, attested, verified"));
    }

    @Test
    void identityPatternMustPinNvidia() {
        Path b = b1();
        CliRunner.Result r = verify(b, "--certificate-identity-regexp", ".*");
        assertEquals(2, r.exitCode());
        assertEquals("", r.stdout());
        assertEquals(SupplyFixtures.transcript("verify-bad-pattern", "stderr").replace("run/b1", b.toString()), r.stderr());
    }

    @Test
    void policyNeedsAnAttestationForCreatorAndVersion() {
        Path b = b1();
        CliRunner.Result creator = verify(b, "--require-creator", "jdoe@example.com");
        assertEquals(2, creator.exitCode());
        assertTrue(creator.stdout().contains("  bundle creator \"\" does not match required \"jdoe@example.com\"\n"));
        CliRunner.Result version = verify(b, "--cli-version-constraint", "0.8.0");
        assertEquals(2, version.exitCode());
        assertTrue(version.stdout().contains("  tool version not available in attestation (bundle may be unattested)\n"));
    }

    @Test
    void badArguments() {
        assertEquals(2, CliRunner.run("verify").exitCode());
        assertTrue(CliRunner.run("verify").stderr().contains("bundle directory is required: aicr verify <bundle-dir>"));
        CliRunner.Result missing = CliRunner.run("verify", tmp.resolve("nope").toString());
        assertEquals(3, missing.exitCode());
        assertTrue(missing.stderr().contains("[NOT_FOUND] bundle directory not found: " + tmp.resolve("nope")));
        CliRunner.Result format = CliRunner.run("verify", tmp.toString(), "--format", "yaml");
        assertEquals(2, format.exitCode());
        assertTrue(format.stderr().contains("invalid --format: must be text or json"));
        CliRunner.Result kms = CliRunner.run("verify", tmp.toString(), "--key", "awskms:///alias/x");
        assertEquals(2, kms.exitCode());
        assertTrue(kms.stderr().contains("KMS keys (awskms://) are not supported"), kms.stderr());
    }

    @Test
    void trustRootFileProblemsFailBeforeChecksums() throws Exception {
        Path b = b1();
        Files.writeString(tmp.resolve("root.json"), "{}");
        CliRunner.Result r = verify(b, "--trust-root", tmp.resolve("root.json").toString());
        assertEquals(2, r.exitCode());
        assertEquals("", r.stdout());
        assertTrue(r.stderr().contains("[INVALID_REQUEST] invalid trusted root: unsupported TrustedRoot media type: "), r.stderr());
        Files.writeString(tmp.resolve("notjson.json"), "not json");
        assertTrue(verify(b, "--trusted-root", tmp.resolve("notjson.json").toString()).stderr()
                .contains("[INVALID_REQUEST] invalid trusted root"));
    }

    /** Every tampering of a reference-made bundle fails with exit 4 and names what changed. */
    @Test
    void tamperingMatrix() throws Exception {
        record Case(String name, java.util.function.Consumer<Path> tamper, String error) {
        }
        List<Case> cases = List.of(
                new Case("flipped byte", b -> flip(b.resolve("003-cert-manager/values.yaml")),
                        "checksum mismatch: 003-cert-manager/values.yaml"),
                new Case("added file", b -> write(b.resolve("004-nfd/extra.yaml"), "x: 1\n"),
                        "file not listed in checksums.txt: 004-nfd/extra.yaml"),
                new Case("removed file", b -> delete(b.resolve("README.md")), "failed to read README.md: "),
                new Case("missing checksums.txt", b -> delete(b.resolve("checksums.txt")), "checksums.txt not found"),
                new Case("edited checksum line", b -> replaceIn(b.resolve("checksums.txt"), "35b23cee", "45b23cee"),
                        "checksum mismatch: deploy.sh (expected 45b23cee"),
                new Case("symbolic link", b -> link(b.resolve("005-nodewright-operator/link.yaml"), b.resolve("deploy.sh")),
                        "symbolic link in bundle (not allowed): 005-nodewright-operator/link.yaml"));
        int n = 0;
        for (Case c : cases) {
            Path b = SupplyFixtures.copy(SupplyFixtures.REFERENCE_HELM_BUNDLE, tmp.resolve("t" + n++));
            c.tamper().accept(b);
            CliRunner.Result r = verify(b);
            assertEquals(4, r.exitCode(), c.name() + ": " + r.stderr());
            assertTrue(r.stdout().contains("  \u2717 Checksum verification failed\n  Trust level: unknown\n"), c.name());
            assertTrue(r.stdout().contains("\n  - " + c.error()), c.name() + ": " + r.stdout());
            assertTrue(r.stdout().endsWith("\nBundle verification: FAILED\n"), c.name());
        }
    }

    static void flip(Path p) {
        try {
            byte[] b = Files.readAllBytes(p);
            b[b.length / 2] ^= 0x20;
            Files.write(p, b);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void write(Path p, String s) {
        try {
            Files.writeString(p, s, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void replaceIn(Path p, String from, String to) {
        try {
            Files.writeString(p, Files.readString(p).replace(from, to));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void link(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
