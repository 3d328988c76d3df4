package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.bundle.oci.TestRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -o oci://...} stages the bundle in {@code ./bundle} of the working directory, so these
 * cases run the CLI as a separate process inside a temporary directory.
 */
class BundleOciTest {
    @TempDir
    Path tmp;

    @Test
    void failedPushLeavesTheStagedFluxTree() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRunner.Result r = CliRunner.runProcess(tmp, Map.of(),
                "bundle", "-r", BundleFixtures.INPUTS.resolve("mini-manifest-only.yaml").toString(),
                "--data", BundleFixtures.INPUTS.resolve("mydata").toString(), "-d", "flux",
                "-o", "oci://127.0.0.1:" + port + "/acme/aicr-bundle:1.0.0", "--plain-http", "--flux-oci-source-name", "my-oci");
        assertEquals(6, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("[SERVICE_UNAVAILABLE] failed to push bundle"), r.stderr());
        List<String> problems = GoldenTree.compare("flux-oci-mini",
                BundleFixtures.GOLDEN.resolve("_manifests/variants_flux-oci-mini.txt"), tmp.resolve("bundle"));
        assertEquals(List.of(), problems);
    }

    @Test
    void pushesTheStagedTreeAsOneLayerWithCredentialsFromTheDockerCredsStore() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path helper = bin.resolve("docker-credential-teststore");
        Files.writeString(helper, "#!/bin/sh\ncat > /dev/null\nprintf '{\"ServerURL\":\"x\",\"Username\":\"ci\",\"Secret\":\"s3cret\"}'\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
        Path docker = Files.createDirectories(tmp.resolve("docker"));
        Files.writeString(docker.resolve("config.json"), "{\"credsStore\":\"teststore\"}");
        try (TestRegistry registry = new TestRegistry(TestRegistry.Auth.tokenFor("ci", "s3cret"))) {
            Path refs = tmp.resolve("refs.txt");
            Path work = Files.createDirectories(tmp.resolve("work"));
            CliRunner.Result r = CliRunner.runProcess(work,
                    Map.of("DOCKER_CONFIG", docker.toString(), "PATH", bin + ":/usr/bin:/bin"),
                    "bundle", "-r", BundleFixtures.GOLDEN.resolve("recipe.yaml").toString(), "-d", "helm",
                    "-o", "oci://" + registry.host() + "/acme/stack:v1.2.3", "--plain-http", "--image-refs", refs.toString());
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("", r.stdout());
            String manifest = registry.manifest("acme/stack:v1.2.3");
            assertTrue(manifest.contains("\"artifactType\":\"application/vnd.nvidia.aicr.artifact\""), manifest);
            assertTrue(manifest.contains("application/vnd.oci.image.layer.v1.tar+gzip"), manifest);
            assertEquals(2, registry.blobs().size());
            assertEquals(TestRegistry.digest(manifest.getBytes(StandardCharsets.UTF_8)) + "\n", Files.readString(refs));
            Path layer = registry.unpackLayer("acme/stack:v1.2.3", tmp.resolve("layer"));
            assertEquals(files(work.resolve("bundle"), ""), files(layer, ""));
        }
    }

    @Test
    void argocdHelmIsPushedAsAChartVersionedByTheTag() throws Exception {
        try (TestRegistry registry = new TestRegistry(TestRegistry.Auth.ANONYMOUS_TOKEN)) {
            String ref = "oci://" + registry.host() + "/acme/charts/my-stack:1.0.0";
            CliRunner.Result r = CliRunner.runProcess(tmp, Map.of(),
                    "bundle", "-r", BundleFixtures.GOLDEN.resolve("recipe.yaml").toString(), "-d",
                    "argocd-helm", "-o", ref, "--plain-http");
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(registry.manifest("acme/charts/my-stack:1.0.0").contains("application/vnd.cncf.helm.chart.content.v1.tar+gzip"));
            assertTrue(r.stdout().contains("argocd-helm bundle pushed: " + ref), r.stdout());
            assertTrue(Files.readString(tmp.resolve("bundle/values.yaml")).contains("repoURL: oci://" + registry.host()
                    + "/acme/charts\n"));
            assertTrue(Files.readString(tmp.resolve("bundle/Chart.yaml")).contains("name: \"my-stack\""));
            Path layer = registry.unpackLayer("acme/charts/my-stack:1.0.0", tmp.resolve("layer"));
            Map<String, String> staged = files(tmp.resolve("bundle"), "my-stack/");
            Map<String, String> pushed = files(layer, "");
            assertTrue(Files.readString(layer.resolve("my-stack/Chart.yaml")).contains("\nversion: \"1.0.0\"\n"));
            staged.remove("my-stack/Chart.yaml");
            pushed.remove("my-stack/Chart.yaml");
            assertEquals(staged, pushed);
        }
    }

    /** Every regular file under {@code root} (path prefixed) with its mode and sha256. */
    private static Map<String, String> files(Path root, String prefix) throws IOException {
        Map<String, String> out = new TreeMap<>();
        GoldenTree.snapshot(root).forEach((rel, modeAndDigest) -> {
            if (modeAndDigest.contains(" ")) {
                out.put(prefix + rel, modeAndDigest);
            }
        });
        return out;
    }
}
