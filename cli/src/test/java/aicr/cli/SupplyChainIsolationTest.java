package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signing and verification code loads only on the commands that need it: recipe, query,
 * validate without evidence flags and bundle without --attest load no Sigstore, BouncyCastle,
 * protobuf or supply-chain class; a key-based verification loads aicr's own Sigstore code but
 * not the library; a keyless one loads sigstore-java.
 */
class SupplyChainIsolationTest {
    @TempDir
    Path tmp;

    static final List<String> SUPPLY_CHAIN = List.of("dev.sigstore.", "org.bouncycastle.", "com.google.protobuf.",
            "com.google.gson.", "com.google.common.", "aicr.sigstore.", "aicr.attest.", "aicr.evidence.", "aicr.verify.",
            "aicr.trust.");

    private static String classes(int expectExit, String... args) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>(List.of(java, "-verbose:class", "-cp", cp, "aicr.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(expectExit, p.waitFor(), out.lines().filter(l -> !l.startsWith("[")).toList().toString());
        assertTrue(out.contains("aicr.cli.Main"), "class loading was observed");
        return out;
    }

    private static List<String> loaded(String classes, List<String> prefixes) {
        return classes.lines().filter(l -> l.contains("[class,load]"))
                .map(l -> l.replaceAll(".*\\[class,load\\] (\\S+).*", "$1"))
                .filter(c -> prefixes.stream().anyMatch(c::startsWith)).toList();
    }

    @Test
    void offlineCommandsLoadNoSupplyChainClass() throws Exception {
        String recipe = EvidenceCliTest.RECIPE;
        List<String[]> runs = List.of(
                new String[]{"recipe", "--service", "eks", "--accelerator", "h100", "--os", "ubuntu", "--intent", "training"},
                new String[]{"query", "--service", "eks", "--accelerator", "h100", "--os", "ubuntu", "--intent", "training",
                        "--selector", "components.gpu-operator.values.driver.version"},
                new String[]{"validate", "-r", recipe, "-s", EvidenceCliTest.SNAPSHOT, "--no-cluster", "-o",
                        tmp.resolve("r.json").toString()},
                new String[]{"bundle", "-r", BundleFixtures.GOLDEN.resolve("recipe.yaml").toString(), "-o",
                        tmp.resolve("b").toString()});
        for (String[] args : runs) {
            assertEquals(List.of(), loaded(classes(0, args), SUPPLY_CHAIN), String.join(" ", args));
        }
    }

    @Test
    void keyVerificationLoadsOwnCodeOnly() throws Exception {
        java.security.KeyPair k = aicr.cli.sigstore.FakeSigstore.ec();
        Path out = tmp.resolve("b");
        assertEquals(0, CliRunner.run("bundle", "-r", BundleAttestTest.RECIPE, "-o", out.toString(), "--attest",
                "--signing-key", BundleAttestTest.writeKey(tmp.resolve("k.pem"), k, "pkcs8").toString()).exitCode());
        String key = classes(0, "verify", out.toString(), "--key", BundleAttestTest.writePub(tmp.resolve("p.pem"), k).toString());
        assertTrue(loaded(key, List.of("aicr.sigstore.")).contains("aicr.sigstore.BundleVerifier"));
        assertEquals(List.of(), loaded(key, List.of("dev.sigstore.", "org.bouncycastle.", "com.google.")));
        String keyless = classes(0, "evidence", "verify", EvidenceCliTest.GOLDEN_BUNDLE.toString());
        assertEquals(List.of(), loaded(keyless, List.of("dev.sigstore.")), "an unsigned bundle needs no Sigstore library");
    }

    @Test
    void keylessVerificationLoadsSigstoreJava() throws Exception {
        aicr.cli.sigstore.FakeSigstore stack = new aicr.cli.sigstore.FakeSigstore();
        Path root = stack.writeTrustedRoot(tmp.resolve("root.json"));
        byte[] statement = new aicr.sigstore.Statement("recipe-catalog", aicr.verify.CatalogVerification.digest(),
                aicr.sigstore.Statement.SLSA_PROVENANCE_V1, java.util.Map.of()).toJson();
        Path bundle = tmp.resolve("c.json");
        java.nio.file.Files.write(bundle, stack.signKeyless(statement, TrustAndCatalogTest.NVIDIA, TrustAndCatalogTest.GITHUB)
                .toJson());
        String out = classes(0, "recipe", "verify-catalog", bundle.toString(), "--trusted-root", root.toString());
        assertTrue(loaded(out, List.of("dev.sigstore.")).contains("dev.sigstore.KeylessVerifier"));
    }
}
