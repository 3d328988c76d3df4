package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.cli.fakecluster.FakeCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cm://namespace/name} for every input and output that takes a path (spec §0.6), against
 * the fake cluster: what each command writes can be read back by the next, keys and labels are
 * the reference's, and bad URIs, missing ConfigMaps and unreachable clusters give their codes.
 */
class ConfigMapRoundTripTest {
    static final Path VALIDATE_REF = Path.of("..", "golden", "validate", "reference").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private static ConfigMap cm(FakeCluster c, String name) {
        return c.client().configMaps().inNamespace("default").withName(name).get();
    }

    private static void put(FakeCluster c, String name, Map<String, String> data) {
        c.client().configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .endMetadata().withData(data).build()).create();
    }

    @Test
    void everyCommandReadsWhatAnotherWrote() throws Exception {
        try (FakeCluster c = FakeCluster.start(tmp)) {
            String k = c.kubeconfig().toString();
            put(c, "satisfies", Map.of("snapshot.yaml", Files.readString(VALIDATE_REF.resolve("snapshot-satisfies.yaml"))));

            CliRunner.Result recipe = CliRunner.run("recipe", "--service", "eks", "--accelerator", "h100", "--os", "ubuntu",
                    "--intent", "training", "-k", k, "-o", "cm://default/recipe");
            assertEquals(0, recipe.exitCode(), recipe.stderr());
            ConfigMap rc = cm(c, "recipe");
            assertEquals("yaml", rc.getData().get("format"));
            assertTrue(rc.getData().get("snapshot.yaml").startsWith("apiVersion: aicr.run/v1alpha2\n"));
            assertEquals("RecipeResult", rc.getMetadata().getLabels().get("app.kubernetes.io/component"));
            assertEquals("aicr", rc.getMetadata().getLabels().get("app.kubernetes.io/name"));
            assertTrue(FakeClusterRequests.applied(c, "/api/v1/namespaces/default/configmaps/recipe"));

            CliRunner.Result validate = CliRunner.run("validate", "-r", "cm://default/recipe", "-s", "cm://default/satisfies",
                    "--no-cluster", "-k", k, "-o", "cm://default/report");
            assertEquals(0, validate.exitCode(), validate.stderr());
            ConfigMap report = cm(c, "report");
            assertEquals("json", report.getData().get("format"));
            assertTrue(report.getData().get("snapshot.json").contains("\"reportFormat\": \"CTRF\""));
            assertEquals("Snapshot", report.getMetadata().getLabels().get("app.kubernetes.io/component"));
            assertEquals("unknown", report.getMetadata().getLabels().get("app.kubernetes.io/version"));

            Path bundle = tmp.resolve("bundle");
            CliRunner.Result b = CliRunner.run("bundle", "-r", "cm://default/recipe", "-k", k, "-o", bundle.toString());
            assertEquals(0, b.exitCode(), b.stderr());
            assertTrue(Files.isRegularFile(bundle.resolve("deploy.sh")), b.stdout());

            CliRunner.Result q = CliRunner.run("query", "--snapshot", "cm://default/satisfies", "-k", k, "--selector", "criteria.service");
            assertEquals(0, q.exitCode(), q.stderr());
            assertEquals("eks\n", q.stdout());

            CliRunner.Result fromSnap = CliRunner.run("recipe", "--snapshot", "cm://default/satisfies", "-k", k, "-t", "json",
                    "-o", "cm://default/recipe-json");
            assertEquals(0, fromSnap.exitCode(), fromSnap.stderr());
            assertNotNull(cm(c, "recipe-json").getData().get("snapshot.json"));
            CliRunner.Result fromJson = CliRunner.run("validate", "-r", "cm://default/recipe-json", "-s", "cm://default/satisfies",
                    "--no-cluster", "-k", k, "--phase", "deployment");
            assertEquals(0, fromJson.exitCode(), fromJson.stderr());

            CliRunner.Result diff = CliRunner.run("diff", "--baseline", "cm://default/satisfies", "--target", "cm://default/satisfies",
                    "-k", k, "-t", "json", "-o", "cm://default/drift", "--fail-on-drift");
            assertEquals(0, diff.exitCode(), diff.stderr());
            assertTrue(cm(c, "drift").getData().get("snapshot.json").contains("\"baselineSource\": \"cm://default/satisfies\""));

            CliRunner.Result table = CliRunner.run("recipe", "--service", "eks", "-t", "table", "-k", k, "-o", "cm://default/rt");
            assertEquals(0, table.exitCode(), table.stderr());
            assertEquals("table", cm(c, "rt").getData().get("format"));
            assertTrue(cm(c, "rt").getData().get("snapshot.txt").startsWith("FIELD"));
            CliRunner.Result unreadable = CliRunner.run("validate", "-r", "cm://default/rt", "-s", "cm://default/satisfies",
                    "--no-cluster", "-k", k);
            assertEquals(8, unreadable.exitCode(), unreadable.stderr());
            assertTrue(SnapshotJobTest.lastLine(unreadable).contains(
                    "[INTERNAL] failed to create reader for ConfigMap data: [INVALID_REQUEST] unknown format: txt"), unreadable.stderr());
        }
    }

    @Test
    void badUrisMissingConfigMapsAndClusterErrors() throws Exception {
        try (FakeCluster c = FakeCluster.start(tmp)) {
            String k = c.kubeconfig().toString();
            put(c, "empty", Map.of("format", "yaml"));
            Path out = tmp.resolve("report.json");
            String[][] cases = {
                {"2", "[INVALID_REQUEST] invalid ConfigMap URI: [INVALID_REQUEST] invalid configmap URI format",
                    "recipe", "-s", "cm://nope", "-k", k},
                {"2", "[INVALID_REQUEST] invalid ConfigMap URI: [INVALID_REQUEST] namespace and name cannot be empty",
                    "recipe", "--service", "eks", "-o", "cm://default/ ", "-k", k},
                {"3", "[NOT_FOUND] failed to get ConfigMap default/missing: configmaps \"missing\" not found",
                    "validate", "-r", "cm://default/missing", "-s", "cm://default/missing", "--no-cluster", "-k", k, "-o", out.toString()},
                {"3", "[NOT_FOUND] ConfigMap default/empty has no snapshot data",
                    "diff", "--baseline", "cm://default/empty", "--target", "cm://default/empty", "-k", k},
                {"2", "[INVALID_REQUEST] table output does not support ConfigMap destinations",
                    "diff", "--baseline", "cm://default/empty", "--target", "x.yaml", "-t", "table", "-o", "cm://default/d", "-k", k},
                {"8", "[INTERNAL] failed to get kubernetes client: [INTERNAL] failed to build kube config: stat /nonexistent: no such file or directory",
                    "recipe", "-s", "cm://default/x", "-k", "/nonexistent"},
            };
            for (String[] cs : cases) {
                CliRunner.Result r = CliRunner.run(java.util.Arrays.copyOfRange(cs, 2, cs.length));
                assertEquals(Integer.parseInt(cs[0]), r.exitCode(), String.join(" ", cs) + ": " + r.stderr());
                assertTrue(SnapshotJobTest.lastLine(r).contains(cs[1]), String.join(" ", cs) + ": " + r.stderr());
                assertEquals(1, r.stderr().strip().lines().filter(l -> l.startsWith("[cli] command failed")).count());
                assertTrue(!r.stderr().contains("\tat "), r.stderr());
            }
            assertTrue(!Files.exists(out), "no half-written report");

            c.fail("PATCH", "/api/v1/namespaces/default/configmaps/broken");
            CliRunner.Result w = CliRunner.run("recipe", "--service", "eks", "-k", k, "-o", "cm://default/broken");
            assertEquals(8, w.exitCode(), w.stderr());
            assertTrue(SnapshotJobTest.lastLine(w).contains("[INTERNAL] failed to apply ConfigMap: injected failure"), w.stderr());
        }
        Path dead = Files.writeString(tmp.resolve("dead.yaml"), FakeCluster.kubeconfigText("https://127.0.0.1:1"));
        CliRunner.Result r = CliRunner.run("recipe", "-s", "cm://default/snap", "-k", dead.toString());
        assertEquals(3, r.exitCode(), r.stderr());
        assertEquals("[cli] command failed: error=[NOT_FOUND] failed to get ConfigMap default/snap: connect to "
                + "https://127.0.0.1:1/: connection refused exitCode=3", SnapshotJobTest.lastLine(r));
    }
}
