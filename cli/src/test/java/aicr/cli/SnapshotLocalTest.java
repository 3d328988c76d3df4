package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.cli.fakecluster.FakeCluster;
import aicr.io.JsonReader;
import aicr.io.Values;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code aicr snapshot} in agent mode ({@code AICR_AGENT_MODE=true}) on the reference's host-root
 * fixtures: the snapshots must compare equal to the reference's; formats, template, ConfigMap
 * output, {@code --require-gpu} and a bad host root.
 */
class SnapshotLocalTest {
    static final Path GOLDEN = SnapshotJobTest.GOLDEN;

    @TempDir
    Path tmp;

    /** Agent mode on a fixture, no cluster credentials (KUBECONFIG points nowhere, as in the reference run). */
    static Map<String, String> agentEnv(String fixture) {
        Map<String, String> env = new HashMap<>();
        env.put("AICR_AGENT_MODE", "true");
        env.put("AICR_HOST_ROOT", SnapshotJobTest.FIXTURES.resolve(fixture).toString());
        env.put("NODE_NAME", "fixture-node");
        env.put("KUBECONFIG", "/nonexistent");
        env.put("HOME", "/nonexistent");
        return env;
    }

    @ParameterizedTest
    @ValueSource(strings = {"a100x8-rhel9", "l40s-x2-ubuntu2204", "cpu-only-debian12"})
    void fixturesMatchTheReference(String fixture) throws Exception {
        Path out = tmp.resolve(fixture + ".yaml");
        CliRunner.Result r = CliRunner.runWithEnv(agentEnv(fixture), "snapshot", "-o", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        String expected = Files.readString(GOLDEN.resolve("reference").resolve(fixture + ".snapshot.yaml"));
        assertEquals(List.of(), SnapshotCompare.differences(expected, Files.readString(out)));
        assertTrue(r.stderr().contains("[cli] D-Bus not available - no systemd data will be collected"), r.stderr());
        assertTrue(r.stderr().contains("kubernetes client unavailable - returning empty K8s measurement: error=[INTERNAL] "
                + "failed to get kubernetes client: [INTERNAL] failed to build kube config: stat /nonexistent: no such file or directory"),
                r.stderr());
    }

    @Test
    void sameHostSameReadings() {
        CliRunner.Result a = CliRunner.runWithEnv(agentEnv("l40s-x2-ubuntu2204"), "snapshot");
        CliRunner.Result b = CliRunner.runWithEnv(agentEnv("l40s-x2-ubuntu2204"), "snapshot");
        assertEquals(a.stdout().replaceAll("timestamp: .*", ""), b.stdout().replaceAll("timestamp: .*", ""),
                "measurements in a fixed order, keys sorted");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonKeepsDeclarationOrderAndTheWholeFingerprint() {
        CliRunner.Result r = CliRunner.runWithEnv(agentEnv("a100x8-rhel9"), "snapshot", "-t", "json");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("{\n  \"kind\": \"Snapshot\",\n  \"apiVersion\": \"aicr.run/v1alpha2\",\n  \"metadata\": {"),
                r.stdout());
        Map<String, Object> doc = (Map<String, Object>) Values.of(JsonReader.parse(r.stdout()));
        Map<String, Object> fp = (Map<String, Object>) doc.get("fingerprint");
        assertEquals(List.of("service", "accelerator", "gpuModel", "os", "k8sVersion", "region", "nodeCount", "gpuNodeCount"),
                List.copyOf(fp.keySet()));
        assertEquals(Map.of("value", "a100", "source", "gpu.hardware.model"), fp.get("accelerator"));
    }

    @Test
    void tableFlattensTheDocument() {
        CliRunner.Result r = CliRunner.runWithEnv(agentEnv("cpu-only-debian12"), "snapshot", "-t", "table");
        assertEquals(0, r.exitCode(), r.stderr());
        GoldenFiles.verify(GOLDEN, "cpu-only-debian12.table", ".txt",
                r.stdout().replaceAll("\"timestamp\":\"[^\"]*\"", "\"timestamp\":\"T\"").replaceAll("\"version\":\"[^\"]*\"", "\"version\":\"V\""));
    }

    @Test
    void templateRendersTheSnapshot() throws Exception {
        Path t = Files.writeString(tmp.resolve("report.tmpl"), "{{ .Kind }} from {{ index .Metadata \"source-node\" }}\n"
                + "{{ range .Measurements }}{{ if eq .Type \"GPU\" }}{{ range .Subtypes }}{{ .Name }}: {{ index .Data \"model\" }}"
                + " x{{ index .Data \"gpu-count\" }}{{ end }}{{ end }}{{ end }}\n");
        Path out = tmp.resolve("report.md");
        CliRunner.Result r = CliRunner.runWithEnv(agentEnv("a100x8-rhel9"), "snapshot", "--template", t.toString(), "-o", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("Snapshot from fixture-node\nhardware: a100 x8\n", Files.readString(out));
    }

    @Test
    void requireGpuFailsWithoutOne() {
        CliRunner.Result r = CliRunner.runWithEnv(agentEnv("cpu-only-debian12"), "snapshot", "--require-gpu", "-o",
                tmp.resolve("s.yaml").toString());
        assertEquals(3, r.exitCode(), r.stderr());
        // out-snapshot-require-gpu.stderr.txt: the same override note and final line
        assertTrue(r.stderr().startsWith("[cli] CLI flag overriding config value: flag=require-gpu config=false override=true\n"),
                r.stderr());
        String want = SnapshotJobTest.referenceStderr("snapshot-require-gpu").lines().reduce((x, y) -> y).orElseThrow();
        assertEquals(want, SnapshotJobTest.lastLine(r));
        assertFalse(Files.exists(tmp.resolve("s.yaml")), "nothing written");
        Map<String, String> env = agentEnv("a100x8-rhel9");
        env.put("AICR_REQUIRE_GPU", "true");
        assertEquals(0, CliRunner.runWithEnv(env, "snapshot", "-o", tmp.resolve("g.yaml").toString()).exitCode());
    }

    @Test
    void hostRootWithoutProcIsRejected() throws Exception {
        Map<String, String> env = agentEnv("a100x8-rhel9");
        env.put("AICR_HOST_ROOT", tmp.toString());
        Path out = tmp.resolve("s.yaml");
        CliRunner.Result r = CliRunner.runWithEnv(env, "snapshot", "-o", out.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertEquals("[cli] command failed: error=[INVALID_REQUEST] host root \"" + tmp + "\" has no /proc directory; point "
                + "--host-root (AICR_HOST_ROOT) at the host's root filesystem exitCode=2", r.stderr().strip());
        assertFalse(Files.exists(out));
        CliRunner.Result flag = CliRunner.runWithEnv(env, "snapshot", "--host-root", tmp.resolve("nope").toString());
        assertEquals(2, flag.exitCode(), flag.stderr());
        assertTrue(flag.stderr().contains("is not a directory"), flag.stderr());
    }

    @Test
    void networkCollectionIsNotAvailableLocally() {
        CliRunner.Result r = CliRunner.runWithEnv(agentEnv("a100x8-rhel9"), "snapshot", "--discover-network");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(SnapshotJobTest.lastLine(r).contains("NetworkTopology collection"), r.stderr());
    }

    @Test
    void configMapOutputIsAppliedWithTheSnapshotsLabels() throws Exception {
        try (FakeCluster c = FakeCluster.start(tmp)) {
            CliRunner.Result r = CliRunner.runWithEnv(agentEnv("l40s-x2-ubuntu2204"), "snapshot", "-k", c.kubeconfig().toString(),
                    "-t", "json", "-o", "cm://default/node-snap");
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("", r.stdout());
            ConfigMap cm = c.client().configMaps().inNamespace("default").withName("node-snap").get();
            assertNotNull(cm);
            assertEquals("json", cm.getData().get("format"));
            assertTrue(cm.getData().get("snapshot.json").startsWith("{\n  \"kind\": \"Snapshot\""));
            assertTrue(cm.getData().get("timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), cm.getData().toString());
            assertEquals("Snapshot", cm.getMetadata().getLabels().get("app.kubernetes.io/component"));
            assertEquals(aicr.BuildInfo.VERSION, cm.getMetadata().getLabels().get("app.kubernetes.io/version"));
        }
    }
}
