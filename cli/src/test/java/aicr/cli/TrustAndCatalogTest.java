package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.cli.sigstore.FakeSigstore;
import aicr.sigstore.Statement;
import aicr.verify.CatalogVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aicr trust update} offline, the trusted-root precedence, and {@code aicr recipe verify-catalog}. */
class TrustAndCatalogTest {
    @TempDir
    Path tmp;

    static final String NVIDIA = "https://github.com/NVIDIA/aicr/.github/workflows/on-tag.yaml@refs/tags/v0.12.0";
    static final String GITHUB = "https://token.actions.githubusercontent.com";

    @Test
    void trustUpdateOfflineFailsCleanly() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessCli.Result r = ProcessCli.run(tmp, List.of(), Map.of("XDG_CACHE_HOME", tmp.resolve("cache").toString()),
                "trust", "update", "--mirror", "http://127.0.0.1:" + port);
        assertEquals(6, r.exitCode(), r.stderr());
        assertEquals("", r.stdout());
        assertTrue(r.stderr().contains("[SERVICE_UNAVAILABLE] failed to update the trusted root from http://127.0.0.1:" + port
                + "/ (verification keeps using the cached or shipped root): [SERVICE_UNAVAILABLE] Get \"http://127.0.0.1:"
                + port + "/"), r.stderr());
        assertFalse(Files.exists(tmp.resolve("cache/aicr/sigstore-tuf/trusted_root.json")), "no root cached");
    }

    /** A catalog bundle signed by a fake NVIDIA release identity, over this build's catalog digest. */
    private Path catalogBundle(FakeSigstore stack, String identity) throws Exception {
        byte[] statement = new Statement("recipe-catalog", CatalogVerification.digest(), Statement.SLSA_PROVENANCE_V1,
                Map.of("buildDefinition", Map.of("buildType", "https://aicr.run/recipe-catalog/v1"))).toJson();
        Path file = tmp.resolve("recipe-catalog-" + identity.hashCode() + ".sigstore.json");
        Files.write(file, stack.signKeyless(statement, identity, GITHUB).toJson());
        return file;
    }

    @Test
    void verifyCatalog() throws Exception {
        FakeSigstore stack = new FakeSigstore();
        Path root = stack.writeTrustedRoot(tmp.resolve("root.json"));
        Path good = catalogBundle(stack, NVIDIA);
        CliRunner.Result r = CliRunner.run("recipe", "verify-catalog", good.toString(), "--trusted-root", root.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("catalog verified\n  digest: sha256:" + CatalogVerification.digest() + "\n  identity: " + NVIDIA + "\n",
                r.stdout());

        Path fork = catalogBundle(stack, "https://github.com/someone/aicr/.github/workflows/on-tag.yaml@refs/tags/v1");
        CliRunner.Result f = CliRunner.run("recipe", "verify-catalog", fork.toString(), "--trusted-root", root.toString());
        assertEquals(4, f.exitCode());
        assertTrue(f.stderr().contains("[UNAUTHORIZED] catalog attestation verification failed: [UNAUTHORIZED] certificate "
                + "identity \"https://github.com/someone/aicr/"), f.stderr());

        CliRunner.Result publicRoot = CliRunner.run("recipe", "verify-catalog", good.toString());
        assertEquals(4, publicRoot.exitCode(), "the fake CA is not in the shipped public-good root");

        CliRunner.Result pattern = CliRunner.run("recipe", "verify-catalog", good.toString(), "--identity-pattern", ".*");
        assertEquals(2, pattern.exitCode());
        assertTrue(pattern.stderr().contains("invalid catalog identity pattern: [INVALID_REQUEST] certificate identity "
                + "pattern must contain"), pattern.stderr());
        CliRunner.Result missing = CliRunner.run("recipe", "verify-catalog", tmp.resolve("none.json").toString());
        assertEquals(3, missing.exitCode());
        assertTrue(missing.stderr().contains("[NOT_FOUND] catalog bundle not found: "));
        assertEquals(2, CliRunner.run("recipe", "verify-catalog").exitCode());
    }

    @Test
    void trustedRootFromTheEnvironmentReplacesTheShippedOne() throws Exception {
        FakeSigstore stack = new FakeSigstore();
        Path root = stack.writeTrustedRoot(tmp.resolve("root.json"));
        Path good = catalogBundle(stack, NVIDIA);
        ProcessCli.Result r = ProcessCli.run(tmp, List.of(), Map.of("AICR_TRUSTED_ROOT", root.toString()), "recipe",
                "verify-catalog", good.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        Path cache = tmp.resolve("cache/aicr/sigstore-tuf");
        Files.createDirectories(cache);
        Files.copy(root, cache.resolve("trusted_root.json"));
        ProcessCli.Result cached = ProcessCli.run(tmp, List.of(), Map.of("XDG_CACHE_HOME", tmp.resolve("cache").toString()),
                "recipe", "verify-catalog", good.toString());
        assertEquals(0, cached.exitCode(), "the root `trust update` cached is used: " + cached.stderr());
    }
}
