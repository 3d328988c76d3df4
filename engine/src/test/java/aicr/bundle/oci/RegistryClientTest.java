package aicr.bundle.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.bundle.tree.BundleTree;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes to {@link TestRegistry}: blobs are checked against their digests, the layer is unpacked
 * by GNU tar and compared with the tree, and each way of authenticating (anonymous token, Docker
 * config auths, credsStore, credHelpers, identity token, Basic) is exercised, with fake
 * {@code docker-credential-*} helpers on a private PATH.
 */
class RegistryClientTest {
    @TempDir
    Path tmp;

    static BundleTree tree() {
        BundleTree t = new BundleTree();
        t.dir("001-cert-manager", 0755);
        t.put("README.md", "# bundle\n", 0600);
        t.put("deploy.sh", "#!/bin/sh\n", 0755);
        t.put("001-cert-manager/values.yaml", "a: 1\n", 0600);
        t.put(TarGzTest.SPLITTABLE, "kind: ConfigMap\n", 0644);
        t.put(TarGzTest.LONG_NAME, "kind: Secret\n", 0600);
        t.put(TarGzTest.VERY_LONG, "x\n", 0600);
        return t;
    }

    private String push(TestRegistry registry, DockerConfig docker) {
        OciTarget target = new OciTarget(registry.host(), "acme/stack", "v1");
        return new RegistryClient(target, true, false, docker).push(Artifact.bundle(tree(), "dev"));
    }

    private DockerConfig config(String json) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("docker"));
        if (json != null) {
            Files.writeString(dir.resolve("config.json"), json);
        }
        return new DockerConfig(dir.resolve("config.json"),
                new CredentialHelpers(List.of(tmp.resolve("bin")), Duration.ofSeconds(5)));
    }

    /** A fake {@code docker-credential-<name>} that records what it was asked and prints {@code answer}. */
    private void helper(String name, int exit, String answer) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path p = bin.resolve("docker-credential-" + name);
        Files.writeString(p, "#!/bin/sh\necho \"$1 $(cat)\" >> '" + tmp.resolve("asked-" + name) + "'\n"
                + "printf '%s' '" + answer + "'\nexit " + exit + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    }

    private String asked(String name) throws IOException {
        Path p = tmp.resolve("asked-" + name);
        return Files.exists(p) ? Files.readString(p) : "";
    }

    @Test
    void anonymousTokenPushUploadsVerifiedBlobsAndALayerThatUnpacksToTheTree() throws Exception {
        try (TestRegistry registry = new TestRegistry(TestRegistry.Auth.ANONYMOUS_TOKEN)) {
            String digest = push(registry, config(null));
            String manifest = registry.manifest("acme/stack:v1");
            assertEquals(TestRegistry.digest(manifest.getBytes(StandardCharsets.UTF_8)), digest);
            assertEquals(2, registry.blobs().size());
            assertTrue(registry.log().contains("GET /token -> 200"), registry.log().toString());
            Path out = registry.unpackLayer("acme/stack:v1", tmp.resolve("layer"));
            BundleTree want = tree();
            Map<String, String> got = new TreeMap<>();
            try (var s = Files.walk(out)) {
                for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                    String rel = out.relativize(p).toString();
                    assertArrayEquals(want.get(rel).bytes(), Files.readAllBytes(p), rel);
                    got.put(rel, PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                }
            }
            assertEquals(want.files().keySet(), got.keySet());
            assertEquals("rwxr-xr-x", got.get("deploy.sh"));
            assertEquals("rw-r--r--", got.get(TarGzTest.SPLITTABLE));
        }
    }

    @Test
    void theStandInRefusesABlobWhoseContentDoesNotMatchItsDigest() throws Exception {
        try (TestRegistry registry = new TestRegistry(TestRegistry.Auth.NONE)) {
            Artifact good = Artifact.bundle(tree(), "dev");
            Map<String, byte[]> blobs = new TreeMap<>(good.blobs());
            String layer = blobs.keySet().stream().filter(d -> blobs.get(d).length > 10).findFirst().orElseThrow();
            blobs.put(layer, "tampered".getBytes(StandardCharsets.UTF_8));
            Artifact bad = new Artifact(blobs, good.manifest(), good.manifestMediaType());
            OciTarget target = new OciTarget(registry.host(), "acme/stack", "v1");
            AicrException e = assertThrows(AicrException.class,
                    () -> new RegistryClient(target, true, false, config(null)).push(bad));
            assertEquals("upload blob " + layer + " failed (HTTP 400)", e.getMessage());
        }
    }

    @Test
    void authsCredentialsAreSentToTheTokenService() throws Exception {
        try (TestRegistry registry = new TestRegistry(TestRegistry.Auth.tokenFor("ci", "s3cret"))) {
            String auth = java.util.Base64.getEncoder().encodeToString("ci:s3cret".getBytes(StandardCharsets.UTF_8));
            push(registry, config("{\"auths\":{\"http://" + registry.host() + "/v2/\":{\"auth\":\"" + auth + "\"}}}"));
            assertTrue(registry.manifest("acme/stack:v1") != null);
        }
    }

    @Test
    void withoutCredentialsATokenRegistryRefusesThePush() throws Exception {
        try (TestRegistry registry = new TestRegistry(TestRegistry.Auth.tokenFor("ci", "s3cret"))) {
            AicrException e = assertThrows(AicrException.class, () -> push(registry, config("{}")));
            assertEquals(ErrorCode.UNAUTHORIZED, e.code());
            assertEquals("registry token request failed (HTTP 401)", e.getMessage());
        }
    }

    @Test
    void credsStoreHelperIsAskedForTheRegistry() throws Exception {
        helper("store", 0, "{\"ServerURL\":\"x\",\"Username\":\"ci\",\"Secret\":\"s3cret\"}");
        try (TestRegistry registry = new TestRegistry(TestRegistry.Auth.tokenFor("ci", "s3cret"))) {
            push(registry, config("{\"auths\":{},\"credsStore\":\"store\"}"));
            assertTrue(registry.manifest("acme/stack:v1") != null);
            assertEquals("get " + registry.host() + "\n", asked("store"));
        }
    }

    @Test
    void credHelpersEntryForTheRegistryWinsOverCredsStore() throws Exception {
        helper("store", 1, "must not be asked");
        helper("perhost", 0, "{\"ServerURL\":\"x\",\"Username\":\"ci\",\"Secret\":\"s3cret\"}");
        try (TestRegistry registry = new TestRegistry(TestRegistry.Auth.tokenFor("ci", "s3cret"))) {
            push(registry, config("{\"credsStore\":\"store\",\"credHelpers\":{\"" + registry.host() + "\":\"perhost\"}}"));
            assertEquals("", asked("store"));
            assertEquals("get " + registry.host() + "\n", asked("perhost"));
        }
    }

    @Test
    void identityTokenFromAHelperUsesTheRefreshTokenGrant() throws Exception {
        helper("oauth", 0, "{\"ServerURL\":\"x\",\"Username\":\"<token>\",\"Secret\":\"refresh-123\"}");
        try (TestRegistry registry = new TestRegistry(TestRegistry.Auth.tokenForRefreshToken("refresh-123"))) {
            push(registry, config("{\"credsStore\":\"oauth\"}"));
            assertTrue(registry.log().contains("POST /token -> 200"), registry.log().toString());
        }
    }

    @Test
    void basicChallengeIsAnsweredWithTheConfiguredCredentials() throws Exception {
        try (TestRegistry registry = new TestRegistry(TestRegistry.Auth.basic("ci", "s3cret"))) {
            push(registry, config("{\"auths\":{\"" + registry.host() + "\":{\"username\":\"ci\",\"password\":\"s3cret\"}}}"));
            assertTrue(registry.manifest("acme/stack:v1") != null);
        }
    }

    @Test
    void helperWithoutCredentialsMeansAnonymous() throws Exception {
        helper("empty", 1, "credentials not found in native keychain");
        try (TestRegistry registry = new TestRegistry(TestRegistry.Auth.ANONYMOUS_TOKEN)) {
            push(registry, config("{\"credsStore\":\"empty\"}"));
            assertTrue(registry.manifest("acme/stack:v1") != null);
        }
    }

    @Test
    void failingMissingSlowOrGarbledHelpersAreClearErrors() throws Exception {
        helper("broken", 3, "keychain locked");
        helper("garbled", 0, "not json");
        Path bin = tmp.resolve("bin");
        Files.writeString(bin.resolve("docker-credential-slow"), "#!/bin/sh\nexec sleep 30\n");
        Files.setPosixFilePermissions(bin.resolve("docker-credential-slow"), PosixFilePermissions.fromString("rwx------"));
        CredentialHelpers helpers = new CredentialHelpers(List.of(bin), Duration.ofSeconds(1));
        record Case(String helper, ErrorCode code, String message) {
        }
        for (Case c : List.of(
                new Case("broken", ErrorCode.UNAUTHORIZED, "get failed (exit 3): keychain locked"),
                new Case("garbled", ErrorCode.UNAUTHORIZED, "get answered no {\"Username\", \"Secret\"} JSON object"),
                new Case("missing", ErrorCode.NOT_FOUND, "not found on PATH"),
                new Case("slow", ErrorCode.TIMEOUT, "get did not answer within 1s"),
                new Case("../evil", ErrorCode.INVALID_REQUEST, "is not a valid helper name"))) {
            AicrException e = assertThrows(AicrException.class, () -> helpers.get(c.helper(), "r.example", "credsStore"));
            assertEquals(c.code(), e.code(), c.helper());
            assertEquals("registry credentials: docker-credential-" + c.helper() + " (credsStore in Docker config) "
                    + c.message(), e.getMessage());
        }
    }

    @Test
    void aHelperErrorFailsThePushWithItsCode() throws Exception {
        try (TestRegistry registry = new TestRegistry(TestRegistry.Auth.ANONYMOUS_TOKEN)) {
            AicrException e = assertThrows(AicrException.class, () -> push(registry, config("{\"credsStore\":\"nowhere\"}")));
            assertEquals(ErrorCode.NOT_FOUND, e.code());
        }
    }
}
