package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.cli.sigstore.FakeSigstore;
import aicr.io.JsonReader;
import aicr.io.Values;
import aicr.sigstore.KeySigner;
import aicr.sigstore.PemKeys;
import aicr.sigstore.Statement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recipe evidence against the reference's goldens: the digest, the bundle {@code validate
 * --emit-attestation} writes, and {@code evidence verify} of the reference's own bundle and its
 * tampered copies (Markdown and JSON, byte for byte).
 */
class EvidenceCliTest {
    @TempDir
    Path tmp;

    static final Path EVIDENCE = SupplyFixtures.GOLDEN.resolve("evidence");
    static final Path GOLDEN_BUNDLE = EVIDENCE.resolve("evidence-emit");
    static final Path VALIDATE = BundleFixtures.ROOT.resolve("golden/validate/reference");
    static final String RECIPE = VALIDATE.resolve("recipe-eks-h100-ubuntu-training.yaml").toString();
    static final String SNAPSHOT = VALIDATE.resolve("snapshot-satisfies.yaml").toString();

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void digestIsTheReferences() {
        CliRunner.Result r = CliRunner.run("evidence", "digest", "-r", RECIPE);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(SupplyFixtures.transcript("evidence-digest", "stdout"), r.stdout());
        assertEquals("093cb6ca4b32248ebfdfbd006a82e48cf8a218ac18911b0cc5df3e0c3f8e84f0\n", r.stdout());
        CliRunner.Result none = CliRunner.run("evidence", "digest");
        assertEquals(2, none.exitCode());
        assertTrue(none.stderr().contains("--recipe is required"));
    }

    @Test
    void digestOfEveryGoldenRecipeIsItsCanonicalFormsHash() throws Exception {
        int n = 0;
        try (Stream<Path> dirs = Files.list(BundleFixtures.ROOT.resolve("golden/recipes"))) {
            for (Path d : (Iterable<Path>) dirs.sorted()::iterator) {
                Path recipe = d.resolve("recipe.yaml");
                if (!Files.isRegularFile(recipe)) {
                    continue;
                }
                CliRunner.Result r = CliRunner.run("evidence", "digest", "-r", recipe.toString());
                assertEquals(0, r.exitCode(), d + ": " + r.stderr());
                assertTrue(r.stdout().matches("[0-9a-f]{64}\n"), r.stdout());
                n++;
            }
        }
        assertTrue(n > 10, "golden recipes found: " + n);
    }

    @Test
    void verifiesTheReferencesBundle() {
        CliRunner.Result md = CliRunner.run("evidence", "verify", GOLDEN_BUNDLE.resolve("summary-bundle").toString());
        assertEquals(0, md.exitCode(), md.stderr());
        assertEquals(read(EVIDENCE.resolve("out-evidence-verify.stdout.md")).replace("evidence-emit/summary-bundle",
                GOLDEN_BUNDLE.resolve("summary-bundle").toString()), md.stdout());
        assertEquals("", md.stderr());
        CliRunner.Result json = CliRunner.run("evidence", "verify", GOLDEN_BUNDLE.toString(), "-t", "json");
        assertEquals(0, json.exitCode());
        assertEquals(read(EVIDENCE.resolve("out-evidence-verify.stdout.json")).replace("evidence-emit/summary-bundle",
                GOLDEN_BUNDLE.resolve("summary-bundle").toString()), json.stdout());
    }

    @Test
    void recordedPhaseFailureIsValidButExitsTwo() throws Exception {
        Path evt = SupplyFixtures.copy(GOLDEN_BUNDLE, tmp.resolve("evt"));
        Path stmt = evt.resolve("summary-bundle/statement.intoto.json");
        Files.writeString(stmt, read(stmt).replace("\"deployment\":{\"ctrfDigest\":\"sha256:c05993682f85b6d372517782027a491fb775d323c3fecdd757e29724850f15e0\", \"failed\":0",
                "\"deployment\":{\"ctrfDigest\":\"sha256:c05993682f85b6d372517782027a491fb775d323c3fecdd757e29724850f15e0\", \"failed\":1"));
        CliRunner.Result r = CliRunner.run("evidence", "verify", evt.toString());
        assertEquals(2, r.exitCode());
        assertEquals(read(EVIDENCE.resolve("out-evidence-verify-phasefail.stdout.md")).replace("/WORKDIR/evt", evt.toString()),
                r.stdout());
        assertEquals(read(EVIDENCE.resolve("out-evidence-verify-phasefail.stderr.txt")), r.stderr());
    }

    @Test
    void tamperedFileIsAnIntegrityFailure() throws Exception {
        Path evt = SupplyFixtures.copy(GOLDEN_BUNDLE, tmp.resolve("evt2"));
        Files.writeString(evt.resolve("summary-bundle/snapshot.yaml"), "x\n", java.nio.file.StandardOpenOption.APPEND);
        CliRunner.Result r = CliRunner.run("evidence", "verify", evt.toString());
        assertEquals(2, r.exitCode());
        assertEquals(read(EVIDENCE.resolve("out-evidence-verify-tampered.stdout.md")).replace("/WORKDIR/evt2", evt.toString()),
                r.stdout());
        assertEquals(read(EVIDENCE.resolve("out-evidence-verify-tampered.stderr.txt")), r.stderr());

        Path extra = SupplyFixtures.copy(GOLDEN_BUNDLE, tmp.resolve("evt3"));
        Files.writeString(extra.resolve("summary-bundle/ctrf/extra.json"), "{}");
        CliRunner.Result e = CliRunner.run("evidence", "verify", extra.toString());
        assertEquals(2, e.exitCode());
        assertTrue(e.stdout().contains("  - `ctrf/extra.json` \u2014 file not in manifest.json (unsigned)\n"), e.stdout());
    }

    @Test
    void signatureOfAnotherPredicateTypeFails() throws Exception {
        Path ev2 = SupplyFixtures.copy(GOLDEN_BUNDLE, tmp.resolve("ev2"));
        KeyPair k = FakeSigstore.ec();
        byte[] slsa = new Statement("checksums.txt", "0".repeat(64), Statement.SLSA_PROVENANCE_V1, Map.of()).toJson();
        Files.write(ev2.resolve("summary-bundle/attestation.intoto.jsonl"),
                new KeySigner(new PemKeys.Signing(k.getPrivate(), k.getPublic(), "SHA256withECDSA")).sign(slsa).toJson());
        CliRunner.Result r = CliRunner.run("evidence", "verify", ev2.toString());
        assertEquals(2, r.exitCode());
        assertEquals(SupplyFixtures.transcript("evidence-verify-dir-wrong-predicate", "stdout").replace("ev2/summary-bundle",
                ev2.resolve("summary-bundle").toString()), r.stdout());
    }

    @Test
    void badInputs() throws Exception {
        CliRunner.Result http = CliRunner.run("evidence", "verify", "https://example.test/x");
        assertEquals(2, http.exitCode());
        assertTrue(http.stderr().contains("http(s):// inputs are not supported"));
        Path txt = Files.writeString(tmp.resolve("x.txt"), "x");
        assertTrue(CliRunner.run("evidence", "verify", txt.toString()).stderr().contains("unrecognized extension"));
        Path bad = Files.writeString(tmp.resolve("p.yaml"), "schemaVersion: 2.0.0\nrecipe: r\n");
        CliRunner.Result ptr = CliRunner.run("evidence", "verify", bad.toString());
        assertEquals(2, ptr.exitCode());
        assertTrue(ptr.stderr().contains("unsupported pointer schemaVersion 2.0.0 (verifier supports 1.0.x)"), ptr.stderr());
        CliRunner.Result tag = CliRunner.run("evidence", "verify", "oci://127.0.0.1:1/acme/ev:v1");
        assertEquals(2, tag.exitCode());
        assertTrue(tag.stdout().contains("is tag-only — refusing to pull an unpinned reference"), tag.stdout());
    }

    @Test
    void signingAnUnpushedPointerIsRefused() throws Exception {
        Path ev = SupplyFixtures.copy(GOLDEN_BUNDLE, tmp.resolve("ev"));
        CliRunner.Result r = CliRunner.run("evidence", "sign", ev.resolve("pointer.yaml").toString());
        assertEquals(2, r.exitCode());
        assertEquals(SupplyFixtures.transcript("evidence-sign-unpushed", "stderr"), r.stderr());
    }

    /** The emitted bundle has the reference's layout: same files, modes, recipe and snapshot bytes, statement. */
    @Test
    void emitMatchesTheGoldenLayout() throws Exception {
        Path out = tmp.resolve("evidence-emit");
        CliRunner.Result r = CliRunner.run("validate", "--recipe", RECIPE, "--snapshot", SNAPSHOT, "--no-cluster",
                "-o", tmp.resolve("report.json").toString(), "--emit-attestation", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        Path sb = out.resolve("summary-bundle");
        Path gb = GOLDEN_BUNDLE.resolve("summary-bundle");
        assertEquals(files(GOLDEN_BUNDLE), files(out));
        for (String f : List.of("recipe.yaml", "snapshot.yaml")) {
            assertEquals(read(gb.resolve(f)), read(sb.resolve(f)), f);
        }
        try (Stream<Path> all = Files.walk(out)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertEquals(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-------", mode, p.toString());
            }
        }
        for (String phase : List.of("deployment", "performance", "conformance")) {
            Map<String, Object> ours = json(sb.resolve("ctrf/" + phase + ".json"));
            Map<String, Object> ref = json(gb.resolve("ctrf/" + phase + ".json"));
            ref.remove("timestamp");
            ((Map<?, ?>) ((Map<?, ?>) ref.get("results")).get("summary")).keySet().removeAll(List.of("start", "stop"));
            ((Map<String, Object>) ((Map<?, ?>) ref.get("results")).get("tool")).put("version", "0.1.0-SNAPSHOT");
            assertEquals(ref, ours, phase);
        }
        Map<String, Object> bom = json(sb.resolve("bom.cdx.json"));
        Map<String, Object> refBom = json(gb.resolve("bom.cdx.json"));
        refBom.remove("serialNumber");
        bom.remove("serialNumber");
        ((Map<?, ?>) refBom.get("metadata")).remove("timestamp");
        assertEquals(refBom, bom);
        Map<String, Object> stmt = json(sb.resolve("statement.intoto.json"));
        Map<String, Object> refStmt = json(gb.resolve("statement.intoto.json"));
        for (Map<String, Object> s : List.of(stmt, refStmt)) {
            Map<?, ?> p = (Map<?, ?>) s.get("predicate");
            p.keySet().removeAll(List.of("attestedAt", "bom", "manifest"));
            ((Map<?, ?>) p.get("phases")).values().forEach(v -> ((Map<?, ?>) v).remove("ctrfDigest"));
        }
        assertEquals(refStmt, stmt);
        assertEquals(read(GOLDEN_BUNDLE.resolve("pointer.yaml")).replaceAll("attestedAt: .*", ""),
                read(out.resolve("pointer.yaml")).replaceAll("attestedAt: .*", ""));
        String refLog = read(EVIDENCE.resolve("out-emit-attestation.stderr.txt"));
        for (String line : refLog.lines().filter(l -> l.contains("evidence ")).toList()) {
            assertTrue(r.stderr().contains(line.replace("evidence-emit", out.toString())), line + "\n" + r.stderr());
        }
        CliRunner.Result v = CliRunner.run("evidence", "verify", out.toString());
        assertEquals(0, v.exitCode(), v.stdout());
        assertTrue(v.stdout().endsWith("**Verdict:** bundle valid but unsigned \u2014 pending signature (exit 0)\n"));
    }

    @Test
    void fullKeepsEverythingAndBomIsTakenVerbatim() throws Exception {
        Path bom = Files.writeString(tmp.resolve("my.cdx.json"), "{\"bomFormat\":\"CycloneDX\",\"components\":[{},{}]}");
        Path out = tmp.resolve("ev");
        CliRunner.Result r = CliRunner.run("validate", "--recipe", RECIPE, "--snapshot", SNAPSHOT, "--no-cluster",
                "-o", tmp.resolve("report.json").toString(), "--emit-attestation", out.toString(), "--full", "--bom",
                bom.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(read(out.resolve("summary-bundle/snapshot.yaml")).contains("source-node: ip-10-0-1-23.ec2.internal"));
        assertEquals(read(bom), read(out.resolve("summary-bundle/bom.cdx.json")));
        Map<?, ?> pred = (Map<?, ?>) json(out.resolve("summary-bundle/statement.intoto.json")).get("predicate");
        assertFalse(pred.containsKey("redaction"));
        assertEquals(2.0, ((Map<?, ?>) pred.get("bom")).get("imageCount"));
        CliRunner.Result bad = CliRunner.run("validate", "--recipe", RECIPE, "--snapshot", SNAPSHOT, "--no-cluster",
                "-o", tmp.resolve("report2.json").toString(), "--emit-attestation", tmp.resolve("ev2").toString(), "--bom",
                tmp.resolve("none.json").toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().contains("failed to read BOM"), bad.stderr());
        assertFalse(Files.exists(tmp.resolve("ev2/summary-bundle")), "nothing half-written");
    }

    static TreeSet<String> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Path p) {
        return (Map<String, Object>) Values.of(JsonReader.parse(read(p)));
    }
}
