package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.cli.fakecluster.FakeApi;
import aicr.cli.fakecluster.FakeCluster;
import aicr.cli.fakecluster.PodFinisher;
import aicr.cli.fakecluster.SnapshotAgentFinisher;
import aicr.io.JsonReader;
import aicr.io.Values;
import aicr.io.YamlWriter;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClassBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aicr snapshot} in Job mode, through the CLI against the fake cluster: the objects it
 * applies (bodies approved in golden/snapshot/agent), the wait, the snapshot it reads back, the
 * cleanup, and every failure on the way (permissions, unreachable API, no or bad kubeconfig,
 * failed or slow agent, missing RuntimeClass).
 */
class SnapshotJobTest {
    static final Path GOLDEN = Path.of("..", "golden", "snapshot").toAbsolutePath().normalize();
    static final Path FIXTURES = GOLDEN.resolve("fixtures");
    static final Path AGENT = GOLDEN.resolve("agent");

    @TempDir
    Path tmp;

    private FakeCluster cluster(boolean gpuNode) throws Exception {
        FakeCluster c = FakeCluster.start(tmp);
        if (gpuNode) {
            c.addNode("gpu-node-1", Map.of("nvidia.com/gpu.present", "true", "nvidia.com/gpu.product", "NVIDIA-A100-SXM4-80GB"));
        }
        c.addNode("cpu-node-1", Map.of("kubernetes.io/hostname", "cpu-node-1"));
        c.kubelet().on("", new SnapshotAgentFinisher(FIXTURES.resolve("a100x8-rhel9"), gpuNode ? "gpu-node-1" : "cpu-node-1"));
        return c;
    }

    private static CliRunner.Result snapshot(FakeCluster c, String... args) {
        List<String> all = new ArrayList<>(List.of("snapshot", "-k", c.kubeconfig().toString()));
        all.addAll(List.of(args));
        return CliRunner.run(all.toArray(String[]::new));
    }

    /** The server-side apply body sent for a resource path, as sorted YAML. */
    static String applied(FakeCluster c, String path) {
        List<FakeApi.Request> ssa = c.requests().stream().filter(FakeApi.Request::serverSideApply)
                .filter(r -> r.resource().equals(path)).toList();
        assertEquals(1, ssa.size(), "one apply of " + path);
        assertTrue(ssa.get(0).path().contains("fieldManager=aicr") && ssa.get(0).path().contains("force=true"), ssa.get(0).path());
        return YamlWriter.write(Values.of(JsonReader.parse(ssa.get(0).body())), true);
    }

    private static void assertCleanedUp(FakeCluster c, String ns, String job, String sa) {
        var k = c.client();
        assertNull(k.batch().v1().jobs().inNamespace(ns).withName(job).get(), "Job deleted");
        assertNull(k.serviceAccounts().inNamespace(ns).withName(sa).get(), "ServiceAccount deleted");
        assertNull(k.rbac().roles().inNamespace(ns).withName(sa).get(), "Role deleted");
        assertNull(k.rbac().roleBindings().inNamespace(ns).withName(sa).get(), "RoleBinding deleted");
        assertNull(k.rbac().clusterRoles().withName("aicr-node-reader").get(), "ClusterRole deleted");
        assertNull(k.rbac().clusterRoleBindings().withName("aicr-node-reader").get(), "ClusterRoleBinding deleted");
        List<FakeApi.Request> jobDeletes = FakeApi.matching(c.requests(), "DELETE", "/apis/batch/v1/namespaces/" + ns + "/jobs/" + job);
        assertFalse(jobDeletes.isEmpty());
        assertTrue(jobDeletes.get(jobDeletes.size() - 1).body().contains("\"propagationPolicy\":\"Foreground\""),
                jobDeletes.get(jobDeletes.size() - 1).body());
    }

    @Test
    void jobFlowCreatesWaitsReadsAndCleansUp() throws Exception {
        try (FakeCluster c = cluster(true)) {
            Path out = tmp.resolve("snap.yaml");
            CliRunner.Result r = snapshot(c, "-o", out.toString());
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("", r.stdout());
            assertTrue(r.stderr().contains("auto-targeting GPU nodes"), r.stderr());
            ConfigMap cm = c.client().configMaps().inNamespace("default").withName("aicr-snapshot").get();
            assertNotNull(cm, "the agent's ConfigMap stays");
            assertEquals(cm.getData().get("snapshot.yaml"), Files.readString(out), "the file is the agent's YAML");
            assertTrue(Files.readString(out).contains("source-node: gpu-node-1"));
            for (String[] o : new String[][]{{"namespace", "/api/v1/namespaces/default"},
                    {"serviceaccount", "/api/v1/namespaces/default/serviceaccounts/aicr"},
                    {"role", "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles/aicr"},
                    {"rolebinding", "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings/aicr"},
                    {"clusterrole", "/apis/rbac.authorization.k8s.io/v1/clusterroles/aicr-node-reader"},
                    {"clusterrolebinding", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/aicr-node-reader"},
                    {"job", "/apis/batch/v1/namespaces/default/jobs/aicr"}}) {
                GoldenFiles.verify(AGENT, o[0], ".yaml", applied(c, o[1]));
            }
            assertCleanedUp(c, "default", "aicr", "aicr");
            assertNotNull(c.client().namespaces().withName("default").get(), "the namespace stays");
            // nothing is created before the permission pre-check passes
            List<FakeApi.Request> all = c.requests();
            int firstReview = indexOf(all, "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews");
            int firstApply = all.indexOf(all.stream().filter(FakeApi.Request::serverSideApply).findFirst().orElseThrow());
            assertTrue(firstReview >= 0 && firstReview < firstApply);
            assertEquals(9, FakeApi.matching(all, "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews").size());
        }
    }

    private static int indexOf(List<FakeApi.Request> all, String method, String path) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).method().equals(method) && all.get(i).resource().equals(path)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void stdoutGetsTheAgentYamlAndFormatIsIgnored() throws Exception {
        try (FakeCluster c = cluster(true)) {
            CliRunner.Result r = snapshot(c, "--format", "json");
            assertEquals(0, r.exitCode(), r.stderr());
            String stored = c.client().configMaps().inNamespace("default").withName("aicr-snapshot").get().getData().get("snapshot.yaml");
            assertEquals(stored + "\n", r.stdout());
            assertTrue(r.stderr().contains("--format is ignored in Job mode"), r.stderr());
        }
    }

    @Test
    void configMapOutputIsWhereTheAgentWrites() throws Exception {
        try (FakeCluster c = cluster(true)) {
            CliRunner.Result r = snapshot(c, "-o", "cm://default/my-snapshot");
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("", r.stdout());
            ConfigMap cm = c.client().configMaps().inNamespace("default").withName("my-snapshot").get();
            assertNotNull(cm);
            assertEquals(Map.of("app.kubernetes.io/name", "aicr", "app.kubernetes.io/component", "Snapshot",
                    "app.kubernetes.io/version", "dev"), cm.getMetadata().getLabels());
            assertEquals("yaml", cm.getData().get("format"));
            assertNull(c.client().configMaps().inNamespace("default").withName("aicr-snapshot").get());
            assertTrue(applied(c, "/apis/batch/v1/namespaces/default/jobs/aicr").contains("- cm://default/my-snapshot"));
        }
    }

    @Test
    void everyAgentFlagReachesTheJob() throws Exception {
        try (FakeCluster c = cluster(true)) {
            c.client().resource(new RuntimeClassBuilder().withNewMetadata().withName("nvidia").endMetadata().withHandler("nvidia")
                    .build()).create();
            CliRunner.Result r = snapshot(c, "--debug", "-n", "aicr-test", "--image", "registry.example/aicr:v9",
                    "--image-pull-secret", "regcred", "--job-name", "snap", "--service-account-name", "snapper",
                    "--node-selector", "kubernetes.io/hostname=gpu-node-1", "--toleration", "dedicated=gpu:NoSchedule",
                    "--toleration", "other:NoExecute", "--privileged=false", "--runtime-class", "nvidia", "--os", "ubuntu",
                    "--requests", "cpu=500m", "--limits", "memory=1Gi", "--max-nodes-per-entry", "5", "--timeout", "2m",
                    "-o", tmp.resolve("s.yaml").toString());
            assertEquals(0, r.exitCode(), r.stderr());
            assertFalse(r.stderr().contains("auto-targeting"), "an explicit selector is never replaced");
            GoldenFiles.verify(AGENT, "job-restricted", ".yaml", applied(c, "/apis/batch/v1/namespaces/aicr-test/jobs/snap"));
            GoldenFiles.verify(AGENT, "role-renamed", ".yaml",
                    applied(c, "/apis/rbac.authorization.k8s.io/v1/namespaces/aicr-test/roles/snapper"));
            assertCleanedUp(c, "aicr-test", "snap", "snapper");
        }
    }

    @Test
    void configFileSettingsApplyAndFlagsWin() throws Exception {
        try (FakeCluster c = cluster(true)) {
            Path cfg = Files.writeString(tmp.resolve("aicr.yaml"), "kind: AICRConfig\napiVersion: aicr.run/v1alpha2\n"
                    + "spec:\n  snapshot:\n    agent:\n      namespace: from-config\n      jobName: cfg-job\n      tolerations: []\n"
                    + "    execution:\n      privileged: false\n      timeout: 3m\n");
            CliRunner.Result r = snapshot(c, "--config", cfg.toString(), "--job-name", "flag-job", "-o", tmp.resolve("s.yaml").toString());
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(r.stderr().contains("CLI flag overriding config value: flag=job-name config=cfg-job override=flag-job"), r.stderr());
            assertTrue(r.stderr().contains("waiting for Job completion: job=flag-job timeout=3m0s"), r.stderr());
            String job = applied(c, "/apis/batch/v1/namespaces/from-config/jobs/flag-job");
            assertFalse(job.contains("tolerations"), "an empty list in the config opts out of tolerate-all: " + job);
            assertTrue(job.contains("runAsNonRoot: true"), job);
        }
    }

    @Test
    void noGpuNodesMeansNoInjectedSelector() throws Exception {
        try (FakeCluster c = cluster(false)) {
            CliRunner.Result r = snapshot(c, "-o", tmp.resolve("s.yaml").toString(), "--require-gpu");
            assertEquals(0, r.exitCode(), r.stderr());
            String job = applied(c, "/apis/batch/v1/namespaces/default/jobs/aicr");
            assertFalse(job.contains("nodeSelector"), job);
            assertTrue(job.contains("nvidia.com/gpu: \"1\""), "--require-gpu asks for a GPU: " + job);
        }
    }

    @Test
    void noCleanupKeepsJobAndRbac() throws Exception {
        try (FakeCluster c = cluster(true)) {
            CliRunner.Result r = snapshot(c, "--no-cleanup", "-o", tmp.resolve("s.yaml").toString());
            assertEquals(0, r.exitCode(), r.stderr());
            assertNotNull(c.client().batch().v1().jobs().inNamespace("default").withName("aicr").get());
            assertNotNull(c.client().rbac().clusterRoleBindings().withName("aicr-node-reader").get());
            assertTrue(FakeApi.matching(c.requests(), "DELETE", "/apis/rbac.authorization.k8s.io").isEmpty());
        }
    }

    @Test
    void failedAgentShowsItsLogAndCleansUp() throws Exception {
        try (FakeCluster c = cluster(true)) {
            c.kubelet().on("", (cl, job, pod) -> PodFinisher.Outcome.exit(1, "collector exploded\nsecond line\n"));
            Path out = tmp.resolve("s.yaml");
            CliRunner.Result r = snapshot(c, "-o", out.toString());
            assertEquals(8, r.exitCode(), r.stderr());
            assertTrue(r.stderr().contains("--- agent logs ---\ncollector exploded\nsecond line\n--- end logs ---"), r.stderr());
            assertTrue(lastLine(r).startsWith("[cli] command failed: error=[INTERNAL] job failed (auto-injected node selector"),
                    r.stderr());
            assertFalse(Files.exists(out), "no output on failure");
            assertCleanedUp(c, "default", "aicr", "aicr");
        }
    }

    @Test
    void slowAgentTimesOutAndCleansUp() throws Exception {
        try (FakeCluster c = cluster(true)) {
            c.kubelet().on("", (cl, job, pod) -> PodFinisher.Outcome.NEVER);
            Path out = tmp.resolve("s.yaml");
            CliRunner.Result r = snapshot(c, "--timeout", "2s", "-o", out.toString());
            assertEquals(5, r.exitCode(), r.stderr());
            assertTrue(lastLine(r).contains("[TIMEOUT] job failed") && lastLine(r).contains("job completion timeout"), r.stderr());
            assertFalse(Files.exists(out));
            assertCleanedUp(c, "default", "aicr", "aicr");
        }
    }

    @Test
    void agentThatWroteNothingIsAnError() throws Exception {
        try (FakeCluster c = cluster(true)) {
            c.kubelet().on("", (cl, job, pod) -> PodFinisher.Outcome.exit(0, ""));
            CliRunner.Result r = snapshot(c, "-o", tmp.resolve("s.yaml").toString());
            assertEquals(8, r.exitCode(), r.stderr());
            assertTrue(lastLine(r).contains("[INTERNAL] failed to retrieve snapshot: [NOT_FOUND] failed to get ConfigMap default/aicr-snapshot"),
                    r.stderr());
        }
    }

    @Test
    void missingPermissionIsUnauthorizedAndCreatesNothing() throws Exception {
        try (FakeCluster c = cluster(true)) {
            c.deny("create", "jobs");
            c.deny("create", "clusterroles");
            CliRunner.Result r = snapshot(c, "-o", tmp.resolve("s.yaml").toString());
            assertEquals(4, r.exitCode(), r.stderr());
            assertEquals("[cli] command failed: error=[UNAUTHORIZED] insufficient permissions to deploy agent (cluster admin "
                    + "privileges are needed): [UNAUTHORIZED] missing required permissions: create jobs (namespace \"default\"); "
                    + "create clusterroles (cluster-scoped) exitCode=4", lastLine(r));
            assertTrue(c.requests().stream().noneMatch(FakeApi.Request::serverSideApply), "nothing applied");
            assertTrue(FakeApi.matching(c.requests(), "DELETE", "/").isEmpty(), "nothing to clean up");
        }
    }

    @Test
    void missingRuntimeClassIsNotFound() throws Exception {
        try (FakeCluster c = cluster(true)) {
            CliRunner.Result r = snapshot(c, "--runtime-class", "nvidia", "-o", tmp.resolve("s.yaml").toString());
            assertEquals(3, r.exitCode(), r.stderr());
            assertTrue(lastLine(r).contains("[NOT_FOUND] RuntimeClass \"nvidia\" not found in cluster"), r.stderr());
        }
    }

    @Test
    void unreachableApiServerIsServiceUnavailable() throws Exception {
        Path kc = Files.writeString(tmp.resolve("kc.yaml"), FakeCluster.kubeconfigText("https://127.0.0.1:1"));
        Path out = tmp.resolve("s.yaml");
        CliRunner.Result r = CliRunner.run("snapshot", "-k", kc.toString(), "-o", out.toString());
        assertEquals(6, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("GPU node auto-detection failed; proceeding without node selector"), r.stderr());
        assertTrue(lastLine(r).startsWith("[cli] command failed: error=[SERVICE_UNAVAILABLE] cannot reach Kubernetes API server"
                + " at https://127.0.0.1:1/"), r.stderr());
        assertTrue(lastLine(r).contains("[SERVICE_UNAVAILABLE] failed to check permission for"), r.stderr());
        assertFalse(r.stderr().contains("cleanup failed"), "nothing was created, nothing to clean up: " + r.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void noKubeconfigIsTheReferenceError() {
        CliRunner.Result r = CliRunner.run("snapshot", "-k", "/nonexistent", "-o", "/dev/null");
        assertEquals(8, r.exitCode(), r.stderr());
        // out-snapshot-jobmode-nokubeconfig.stderr.txt of the reference (KUBECONFIG=/nonexistent)
        assertEquals(referenceStderr("snapshot-jobmode-nokubeconfig"), r.stderr().strip());
    }

    @Test
    void unparsableKubeconfigIsOneLine() throws Exception {
        Path kc = Files.writeString(tmp.resolve("kc.yaml"), "apiVersion: v1\nkind: Config\nclusters: [\n");
        CliRunner.Result r = CliRunner.run("snapshot", "-k", kc.toString(), "-o", "/dev/null");
        assertEquals(8, r.exitCode(), r.stderr());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("[cli] command failed: error=[INTERNAL] failed to create Kubernetes client: "
                + "[INTERNAL] failed to build kube config: error loading config file \"" + kc + "\""), r.stderr());
    }

    @Test
    void clusterConfigIsRejectedInJobMode() {
        CliRunner.Result r = CliRunner.run("snapshot", "--cluster-config", "cc.yaml", "-k", "/nonexistent");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(lastLine(r).contains("--cluster-config is not supported in agent Job mode"), r.stderr());
    }

    @Test
    void badFlagsFailBeforeAnyIo() {
        String[][] cases = {
            {"2", "[INVALID_REQUEST] --require-gpu and --runtime-class are mutually exclusive", "--require-gpu", "--runtime-class", "nvidia"},
            {"2", "[INVALID_REQUEST] invalid toleration: [INVALID_REQUEST] invalid format \"a:b:c\"", "--toleration", "a:b:c"},
            {"2", "[INVALID_REQUEST] invalid toleration: [INVALID_REQUEST] invalid taint effect", "--toleration", "k=v:Sometimes"},
            {"2", "[INVALID_REQUEST] invalid node-selector: [INVALID_REQUEST] invalid format \"nokey\", expected key=value",
                "--node-selector", "nokey"},
            {"2", "[INVALID_REQUEST] invalid --requests: [INVALID_REQUEST] entry \"cpu\" is not in name=quantity form", "--requests", "cpu"},
            {"2", "[INVALID_REQUEST] invalid --limits: [INVALID_REQUEST] entry \"cpu=-1\" has negative quantity", "--limits", "cpu=-1"},
            {"2", "[INVALID_REQUEST] invalid --limits: [INVALID_REQUEST] entry \"cpu=lots\" has invalid quantity", "--limits", "cpu=lots"},
            {"2", "[INVALID_REQUEST] invalid --requests: [INVALID_REQUEST] duplicate key \"cpu\"", "--requests", "cpu=1,cpu=2"},
            {"2", "[INVALID_REQUEST] invalid --os value", "--os", "windows"},
            {"2", "[INVALID_REQUEST] unknown output format: \"xml\", valid formats are: yaml, json, table", "-t", "xml"},
            {"2", "[INVALID_REQUEST] time: unknown unit \"d\" in duration \"5d\"", "--timeout", "5d"},
            {"2", "[INVALID_REQUEST] flag --namespace can only be specified once", "-n", "a", "-n", "b"},
            {"2", "[INVALID_REQUEST] invalid ConfigMap URI: [INVALID_REQUEST] invalid configmap URI format", "-o", "cm://nope"},
            {"2", "[INVALID_REQUEST] --template requires YAML format", "--template", "t.tmpl", "-t", "json"},
            {"3", "[NOT_FOUND] template file not found: missing.tmpl", "--template", "missing.tmpl"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("snapshot", "-k", "/nonexistent"));
            args.addAll(List.of(c).subList(2, c.length));
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(Integer.parseInt(c[0]), r.exitCode(), args + ": " + r.stderr());
            assertTrue(lastLine(r).contains(c[1]), args + ": " + r.stderr());
            // one error line (plus the reference's "CLI flag overriding config value" notes)
            assertEquals(1, r.stderr().strip().lines().filter(l -> !l.contains("CLI flag overriding config value")).count(),
                    args + ": " + r.stderr());
        }
    }

    static String lastLine(CliRunner.Result r) {
        return r.stderr().strip().lines().reduce((a, b) -> b).orElse("");
    }

    static String referenceStderr(String id) {
        try {
            return Files.readString(GOLDEN.resolve("reference").resolve("out-" + id + ".stderr.txt")).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
