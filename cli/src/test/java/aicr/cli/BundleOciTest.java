package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    void pushesArtifactToARegistry() throws Exception {
        Map<String, byte[]> blobs = new ConcurrentHashMap<>();
        Map<String, String> manifests = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/", ex -> registry(ex, blobs, manifests));
        server.start();
        try {
            Path refs = tmp.resolve("refs.txt");
            CliRunner.Result r = CliRunner.runProcess(tmp, Map.of(),
                    "bundle", "-r", BundleFixtures.GOLDEN.resolve("recipe.yaml").toString(), "-d", "helm",
                    "-o", "oci://127.0.0.1:" + server.getAddress().getPort() + "/acme/stack:v1.2.3", "--plain-http",
                    "--image-refs", refs.toString());
            assertEquals(0, r.exitCode(), r.stderr());
            String manifest = manifests.get("acme/stack:v1.2.3");
            assertTrue(manifest.contains("\"artifactType\":\"application/vnd.nvidia.aicr.artifact\""), manifest);
            assertTrue(manifest.contains("application/vnd.oci.image.layer.v1.tar+gzip"), manifest);
            assertEquals(2, blobs.size());
            String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(manifest.getBytes(StandardCharsets.UTF_8)));
            assertEquals(digest + "\n", Files.readString(refs));
            assertEquals("", r.stdout());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void argocdHelmIsPushedAsAChartVersionedByTheTag() throws Exception {
        Map<String, byte[]> blobs = new ConcurrentHashMap<>();
        Map<String, String> manifests = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/", ex -> registry(ex, blobs, manifests));
        server.start();
        try {
            String ref = "oci://127.0.0.1:" + server.getAddress().getPort() + "/acme/charts/my-stack:1.0.0";
            CliRunner.Result r = CliRunner.runProcess(tmp, Map.of(),
                    "bundle", "-r", BundleFixtures.GOLDEN.resolve("recipe.yaml").toString(), "-d",
                    "argocd-helm", "-o", ref, "--plain-http");
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(manifests.get("acme/charts/my-stack:1.0.0").contains("application/vnd.cncf.helm.chart.content.v1.tar+gzip"));
            assertTrue(r.stdout().contains("argocd-helm bundle pushed: " + ref), r.stdout());
            assertTrue(Files.readString(tmp.resolve("bundle/values.yaml")).contains("repoURL: oci://127.0.0.1:"
                    + server.getAddress().getPort() + "/acme/charts\n"));
            assertTrue(Files.readString(tmp.resolve("bundle/Chart.yaml")).contains("name: \"my-stack\""));
        } finally {
            server.stop(0);
        }
    }

    /** A registry that accepts monolithic blob uploads and manifests. */
    private static void registry(HttpExchange ex, Map<String, byte[]> blobs, Map<String, String> manifests) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        byte[] body = ex.getRequestBody().readAllBytes();
        int blobsAt = path.indexOf("/blobs/");
        int manifestsAt = path.indexOf("/manifests/");
        if (method.equals("HEAD") && blobsAt > 0) {
            ex.sendResponseHeaders(blobs.containsKey(path.substring(blobsAt + 7)) ? 200 : 404, -1);
        } else if (method.equals("POST") && path.endsWith("/blobs/uploads/")) {
            ex.getResponseHeaders().add("Location", path + "session-1");
            ex.sendResponseHeaders(202, -1);
        } else if (method.equals("PUT") && path.contains("/blobs/uploads/")) {
            String digest = ex.getRequestURI().getQuery().replace("digest=", "").replace("%3A", ":");
            blobs.put(digest, body);
            ex.sendResponseHeaders(201, -1);
        } else if (method.equals("PUT") && manifestsAt > 0) {
            String repo = path.substring(4, manifestsAt);
            manifests.put(repo + ":" + path.substring(manifestsAt + 11), new String(body, StandardCharsets.UTF_8));
            ex.sendResponseHeaders(201, -1);
        } else {
            ex.sendResponseHeaders(404, -1);
        }
        ex.close();
    }
}
