package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.cli.fakecluster.FakeCluster;
import aicr.cli.fakecluster.PodFinisher;
import aicr.io.HostileDocuments;
import aicr.io.InputLimits;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cluster hands back is input like any file: ConfigMap documents read through
 * {@code cm://} (by validate, diff, query, recipe) and the snapshot the agent leaves in its
 * ConfigMap are held to the same bounds (size, alias expansion, nesting) and fail in one line
 * with no output. The fake API server does not enforce Kubernetes' 1 MiB ConfigMap limit, as
 * anything answering in a real server's place need not.
 */
class HostileClusterInputTest {
    @TempDir
    Path tmp;

    private static void put(FakeCluster c, String name, String key, String text) {
        c.client().configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .endMetadata().withData(Map.of(key, text)).build()).create();
    }

    private void assertRefused(CliRunner.Result r, int exit, String expected, Path out) {
        assertEquals(exit, r.exitCode(), r.stderr());
        String last = SnapshotJobTest.lastLine(r);
        assertTrue(last.startsWith("[cli] command failed: ") && last.contains(expected), r.stderr());
        assertEquals(1, r.stderr().lines().filter(l -> l.contains("command failed")).count(), r.stderr());
        assertFalse(r.stderr().contains("\tat "), r.stderr());
        assertEquals("", r.stdout());
        assertFalse(Files.exists(out), "no output after a failure");
    }

    @Test
    void configMapDocumentsAreBounded() throws Exception {
        try (FakeCluster c = FakeCluster.start(tmp)) {
            String k = c.kubeconfig().toString();
            Path good = SnapshotLocalTest.GOLDEN.resolve("reference/a100x8-rhel9.snapshot.yaml");
            put(c, "laughs", "snapshot.yaml", HostileDocuments.laughs(9, 10, "[lol]"));
            put(c, "deep", "snapshot.json", HostileDocuments.nested("[", "", "]", 10_000));
            put(c, "huge", "snapshot.yaml", "k: " + "x".repeat(InputLimits.MAX_DOCUMENT_BYTES) + "\n");
            Path out = tmp.resolve("out.yaml");

            assertRefused(CliRunner.run("diff", "--baseline", "cm://default/laughs", "--target", good.toString(), "-k", k,
                    "-o", out.toString()), 2, "[INVALID_REQUEST] refused input cm://default/laughs", out);
            assertRefused(CliRunner.run("validate", "-r", "cm://default/deep", "-s", good.toString(), "--no-cluster", "-k", k,
                    "-o", out.toString()), 2, "nesting exceeds 256 levels", out);
            assertRefused(CliRunner.run("query", "--snapshot", "cm://default/huge", "-k", k, "--selector", "criteria"), 2,
                    "[INVALID_REQUEST] ConfigMap default/huge: snapshot.yaml exceeds maximum allowed size of 1048576 bytes", out);
            assertRefused(CliRunner.run("diff", "--baseline", good.toString(), "--target", "cm://default/huge", "-k", k,
                    "-o", out.toString()), 2, "exceeds maximum allowed size", out);
        }
    }

    @Test
    void theAgentsSnapshotIsBounded() throws Exception {
        try (FakeCluster c = FakeCluster.start(tmp)) {
            c.addNode("cpu-node-1", Map.of("kubernetes.io/hostname", "cpu-node-1"));
            // an agent (or anything writing its ConfigMap) that leaves more than any snapshot can be
            c.kubelet().on("", (cl, job, pod) -> {
                put(cl, "aicr-snapshot", "snapshot.yaml", "k: " + "x".repeat(InputLimits.MAX_DOCUMENT_BYTES) + "\n");
                return PodFinisher.Outcome.exit(0, "");
            });
            Path out = tmp.resolve("s.yaml");
            CliRunner.Result r = CliRunner.run("snapshot", "-k", c.kubeconfig().toString(), "-o", out.toString());
            assertRefused(r, 8, "failed to retrieve snapshot: [INVALID_REQUEST] ConfigMap default/aicr-snapshot: "
                    + "snapshot.yaml exceeds maximum allowed size of 1048576 bytes", out);
            assertTrue(c.client().batch().v1().jobs().inNamespace("default").withName("aicr").get() == null, "Job cleaned up");
        }
    }
}
