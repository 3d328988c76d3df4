package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.cli.fakecluster.FakeApi;
import aicr.cli.fakecluster.FakeCluster;
import aicr.cli.fakecluster.PodFinisher;
import aicr.io.Document;
import aicr.io.JsonReader;
import aicr.io.Values;
import aicr.io.YamlWriter;
import aicr.k8s.ConfigMaps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live {@code aicr validate} through the CLI against the fake cluster: the objects a run
 * applies (bodies approved in golden/validate/live), one Job per selected validator whose pod
 * the fake kubelet ends as the test says, the report those pods produce, the exit code, and
 * that everything the run created is gone afterwards (or kept with --no-cleanup).
 */
class ValidateLiveTest {
    static final Path REF = ConfigMapRoundTripTest.VALIDATE_REF;
    static final String RECIPE = REF.resolve("recipe-eks-h100-ubuntu-training.yaml").toString();
    static final String SNAPSHOT = REF.resolve("snapshot-satisfies.yaml").toString();
    static final Path GOLDEN = Path.of("..", "golden", "validate", "live").toAbsolutePath().normalize();
    static final String NS = "aicr-validation";
    static final Pattern RUN_ID = Pattern.compile("runID=(\\d{8}-\\d{6}-[0-9a-f]{16})");

    @TempDir
    Path tmp;

    private static CliRunner.Result validate(FakeCluster c, String... args) {
        List<String> all = new ArrayList<>(List.of("validate", "-k", c.kubeconfig().toString(), "-r", RECIPE));
        all.addAll(List.of(args));
        return CliRunner.run(all.toArray(String[]::new));
    }

    static String runId(CliRunner.Result r) {
        Matcher m = RUN_ID.matcher(r.stderr());
        assertTrue(m.find(), r.stderr());
        return m.group(1);
    }

    /** The test's view of the report: name → [status, message]. */
    private static Map<String, Object> report(Path file) throws Exception {
        return Values.mapOf(JsonReader.parse(Files.readString(file)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tests(Map<String, Object> report) {
        return (List<Map<String, Object>>) ((Map<String, Object>) report.get("results")).get("tests");
    }

    private static Map<String, Object> test(Map<String, Object> report, String name) {
        return tests(report).stream().filter(t -> t.get("name").equals(name)).findFirst().orElseThrow(() ->
                new AssertionError("no test " + name));
    }

    /** The server-side apply body sent for a path, as sorted YAML with the run's random parts replaced. */
    static String applied(FakeCluster c, String path, String runId, String fieldManager) {
        List<FakeApi.Request> ssa = c.requests().stream().filter(FakeApi.Request::serverSideApply)
                .filter(r -> r.resource().equals(path)).toList();
        assertEquals(1, ssa.size(), "one apply of " + path);
        assertTrue(ssa.get(0).path().contains("fieldManager=" + fieldManager) && ssa.get(0).path().contains("force=true"),
                ssa.get(0).path());
        return normalize(YamlWriter.write(Values.of(JsonReader.parse(ssa.get(0).body())), true), runId);
    }

    static String normalize(String text, String runId) {
        return text.replace(runId, "RUNID").replace("value: " + aicr.BuildInfo.VERSION + "\n", "value: VERSION\n").replaceAll("(aicr-[a-z0-9-]+?)-[0-9a-f]{8}\\b", "$1-JOBHEX");
    }

    /** The Job applied for a validator (its name is random). */
    static String jobPath(FakeCluster c, String validator) {
        List<String> paths = c.requests().stream().filter(FakeApi.Request::serverSideApply).map(FakeApi.Request::resource)
                .filter(p -> p.matches("/apis/batch/v1/namespaces/" + NS + "/jobs/aicr-" + validator + "-[0-9a-f]{8}")).toList();
        assertEquals(1, paths.size(), "one Job for " + validator + ": " + paths);
        return paths.get(0);
    }

    static void assertNothingLeft(FakeCluster c, String runId) {
        var k = c.client();
        assertEquals(List.of(), k.batch().v1().jobs().inNamespace(NS).list().getItems().stream()
                .map(j -> j.getMetadata().getName()).toList(), "validator Jobs deleted");
        // pods go with their Job (garbage collection, asynchronous as in a real cluster)
        try {
            k.pods().inNamespace(NS).informOnCondition(List::isEmpty).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("validator pods deleted: " + k.pods().inNamespace(NS).list().getItems().stream()
                    .map(p -> p.getMetadata().getName()).toList(), e);
        }
        assertNull(k.serviceAccounts().inNamespace(NS).withName("aicr-validator-" + runId).get(), "ServiceAccount deleted");
        assertNull(k.rbac().clusterRoleBindings().withName("aicr-validator-" + runId).get(), "ClusterRoleBinding deleted");
        assertEquals(List.of(), k.configMaps().inNamespace(NS).withLabel("aicr.run/run-id", runId).list().getItems().stream()
                .map(m -> m.getMetadata().getName()).toList(), "run ConfigMaps deleted");
    }

    @Test
    void deploymentPhaseReportsWhatEachPodSaysAndLeavesNothing() throws Exception {
        try (FakeCluster c = FakeCluster.start(tmp)) {
            c.kubelet().on("aicr-operator-health-", (cl, j, p) -> PodFinisher.Outcome.exit(0,
                    "checking operators\nRESULT: 3 operator pods healthy\n"));
            c.kubelet().on("aicr-expected-resources-", (cl, j, p) -> PodFinisher.Outcome.exit(1,
                    "DaemonSet gpu-operator/nvidia-driver-daemonset not found", "[expectedResources] missing\n"));
            c.kubelet().on("aicr-gpu-operator-version-", (cl, j, p) -> PodFinisher.Outcome.exit(2,
                    "no Deployment.gpu-operator.version constraint in the recipe", ""));
            c.kubelet().on("aicr-check-nvidia-smi-", (cl, j, p) -> PodFinisher.Outcome.oomKilled("nvidia-smi\n"));
            Path out = tmp.resolve("report.json");
            CliRunner.Result r = validate(c, "-s", SNAPSHOT, "--phase", "deployment", "-o", out.toString());
            assertEquals(8, r.exitCode(), r.stderr());
            assertTrue(r.stderr().contains("[INTERNAL] validation failed: one or more phases did not pass"), r.stderr());
            assertTrue(r.stderr().contains("validator Jobs will be deployed"), r.stderr());
            assertTrue(r.stderr().contains("[cli] 3 operator pods healthy"), "RESULT: lines are logged: " + r.stderr());
            assertTrue(r.stderr().contains("phase result: phase=deployment status=failed"), r.stderr());
            String runId = runId(r);

            Map<String, Object> rep = report(out);
            assertEquals(List.of("operator-health", "expected-resources", "gpu-operator-version", "check-nvidia-smi"),
                    tests(rep).stream().filter(t -> t.get("suite").equals(List.of("deployment"))).map(t -> t.get("name")).toList(),
                    "the recipe's checks in catalog order");
            assertEquals("passed", test(rep, "operator-health").get("status"));
            assertEquals(List.of("checking operators", "RESULT: 3 operator pods healthy"), test(rep, "operator-health").get("stdout"));
            assertEquals(List.of("deployment"), test(rep, "operator-health").get("suite"));
            assertEquals("failed", test(rep, "expected-resources").get("status"));
            assertEquals("DaemonSet gpu-operator/nvidia-driver-daemonset not found", test(rep, "expected-resources").get("message"));
            assertEquals("skipped", test(rep, "gpu-operator-version").get("status"));
            assertEquals("no Deployment.gpu-operator.version constraint in the recipe", test(rep, "gpu-operator-version").get("message"));
            assertEquals("other", test(rep, "check-nvidia-smi").get("status"));
            assertEquals("Container OOMKilled", test(rep, "check-nvidia-smi").get("message"));
            assertEquals(4, tests(rep).stream().filter(t -> t.get("suite").equals(List.of("readiness"))).count(),
                    "readiness constraints are reported too");

            GoldenFiles.verify(GOLDEN, "namespace", ".yaml", applied(c, "/api/v1/namespaces/" + NS, runId, "aicr"));
            GoldenFiles.verify(GOLDEN, "serviceaccount", ".yaml",
                    applied(c, "/api/v1/namespaces/" + NS + "/serviceaccounts/aicr-validator-" + runId, runId, "aicr"));
            GoldenFiles.verify(GOLDEN, "clusterrolebinding", ".yaml",
                    applied(c, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/aicr-validator-" + runId, runId, "aicr"));
            GoldenFiles.verify(GOLDEN, "job-operator-health", ".yaml", applied(c, jobPath(c, "operator-health"), runId, "aicr"));
            String input = applied(c, "/api/v1/namespaces/" + NS + "/configmaps/aicr-validation-" + runId, runId, "aicr");
            assertTrue(input.contains("kind: ValidationInput") && input.contains("gpuAllocationPolicy: device-plugin-extended-resource"),
                    input);
            String snap = applied(c, "/api/v1/namespaces/" + NS + "/configmaps/aicr-snapshot-" + runId, runId, "aicr");
            assertTrue(snap.contains("snapshot.yaml:") && snap.contains("aicr.run/run-id: RUNID"), snap);
            String ctrf = applied(c, "/api/v1/namespaces/" + NS + "/configmaps/aicr-ctrf-" + runId + "-deployment", runId,
                    "aicr-validator");
            assertTrue(ctrf.contains("aicr.run/report-type: ctrf") && ctrf.contains("report.json:"), ctrf);
            assertNothingLeft(c, runId);
            // every Job deletion is foreground, so its pod goes with it
            for (FakeApi.Request d : FakeApi.matching(c.requests(), "DELETE", "/apis/batch/v1/namespaces/" + NS + "/jobs/")) {
                assertTrue(d.body().contains("\"propagationPolicy\":\"Foreground\""), d.body());
            }
            assertNotNull(c.client().namespaces().withName(NS).get(), "the namespace stays");
        }
    }

    @Test
    void noCleanupKeepsJobsRbacAndConfigMaps() throws Exception {
        try (FakeCluster c = FakeCluster.start(tmp)) {
            Path out = tmp.resolve("report.json");
            CliRunner.Result r = validate(c, "-s", SNAPSHOT, "--phase", "deployment,conformance", "--no-cleanup",
                    "--node-selector", "pool=gpu", "--toleration", "dedicated=gpu:NoSchedule", "--image-pull-secret", "regcred",
                    "-o", out.toString());
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(r.stderr().contains("cluster-admin"), "--no-cleanup warns about the binding it leaves: " + r.stderr());
            String runId = runId(r);
            var k = c.client();
            assertEquals(4 + 10, k.batch().v1().jobs().inNamespace(NS).withLabel("aicr.run/run-id", runId).list().getItems().size(),
                    "one Job per check of the recipe");
            // a preferred dependency on a recipe component becomes a pod-affinity term; flags reach validators by env
            GoldenFiles.verify(GOLDEN, "job-ai-service-metrics", ".yaml", applied(c, jobPath(c, "ai-service-metrics"), runId, "aicr"));
            assertNotNull(k.serviceAccounts().inNamespace(NS).withName("aicr-validator-" + runId).get());
            assertNotNull(k.rbac().clusterRoleBindings().withName("aicr-validator-" + runId).get());
            var ctrf = k.configMaps().inNamespace(NS).withName("aicr-ctrf-" + runId + "-deployment").get();
            assertNotNull(ctrf);
            assertTrue(ctrf.getData().get("report.json").contains("\"passed\": 4"), ctrf.getData().get("report.json"));
            assertEquals(4, k.configMaps().inNamespace(NS).withLabel("aicr.run/run-id", runId).list().getItems().size());
            Map<String, Object> rep = report(out);
            assertEquals(4 + 4 + 10, tests(rep).stream().filter(t -> t.get("status").equals("passed")).count(), rep.toString());
        }
    }

    @Test
    void failFastSkipsTheLaterPhasesWithoutDeployingThem() throws Exception {
        try (FakeCluster c = FakeCluster.start(tmp)) {
            c.kubelet().on("aicr-operator-health-", (cl, j, p) -> PodFinisher.Outcome.exit(1, "operator down", ""));
            Path out = tmp.resolve("report.json");
            CliRunner.Result r = validate(c, "-s", SNAPSHOT, "--phase", "deployment,conformance", "--fail-fast", "-o", out.toString());
            assertEquals(8, r.exitCode(), r.stderr());
            assertTrue(r.stderr().contains("skipping phase due to fail-fast: phase=conformance"), r.stderr());
            Map<String, Object> rep = report(out);
            List<Map<String, Object>> conformance = tests(rep).stream().filter(t -> t.get("suite").equals(List.of("conformance"))).toList();
            assertEquals(13, conformance.size(), "every catalog entry of the skipped phase");
            assertTrue(conformance.stream().allMatch(t -> t.get("status").equals("skipped")
                    && t.get("message").equals("skipped due to previous phase failure")));
            assertTrue(c.requests().stream().filter(FakeApi.Request::serverSideApply)
                    .noneMatch(q -> q.body().contains("\"aicr.run/phase\":\"conformance\"")), "no conformance Job deployed");
            assertNothingLeft(c, runId(r));
        }
    }

    @Test
    void podsThatNeverRanAreOtherWithTheReason() throws Exception {
        try (FakeCluster c = FakeCluster.start(tmp)) {
            c.kubelet().on("aicr-operator-health-", (cl, j, p) -> PodFinisher.Outcome.waiting("ImagePullBackOff",
                    "Back-off pulling image \"ghcr.io/nvidia/aicr-validators/deployment:latest\""));
            c.kubelet().on("aicr-expected-resources-", (cl, j, p) -> PodFinisher.Outcome.unscheduled());
            c.kubelet().on("aicr-gpu-operator-version-", (cl, j, p) -> PodFinisher.Outcome.exit(0, "ok\n").inContainer("main"));
            c.kubelet().on("aicr-check-nvidia-smi-", (cl, j, p) -> PodFinisher.Outcome.exit(7, "crashed", "boom\n"));
            Path out = tmp.resolve("report.json");
            CliRunner.Result r = validate(c, "-s", SNAPSHOT, "--phase", "deployment", "--fail-on-error=false", "-o", out.toString());
            assertEquals(0, r.exitCode(), "--fail-on-error=false: " + r.stderr());
            assertTrue(r.stderr().contains("phase result: phase=deployment status=other"), r.stderr());
            Map<String, Object> rep = report(out);
            assertEquals("other", test(rep, "operator-health").get("status"));
            assertEquals("ImagePullBackOff: Back-off pulling image \"ghcr.io/nvidia/aicr-validators/deployment:latest\"",
                    test(rep, "operator-health").get("message"));
            assertEquals("container \"validator\" not found (validator package contract)", test(rep, "expected-resources").get("message"));
            assertEquals("container \"validator\" not found (validator package contract)", test(rep, "gpu-operator-version").get("message"));
            assertEquals("other", test(rep, "check-nvidia-smi").get("status"));
            assertEquals("crashed", test(rep, "check-nvidia-smi").get("message"));
            assertNothingLeft(c, runId(r));
        }
    }

    @Test
    void snapshotIsCapturedFirstWhenNoneIsGiven() throws Exception {
        try (FakeCluster c = FakeCluster.start(tmp)) {
            String yaml = Files.readString(Path.of(SNAPSHOT));
            c.kubelet().on("aicr-validate", (cl, job, pod) -> {
                List<String> args = job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
                ConfigMaps.write(args.get(args.indexOf("-o") + 1), new Document(yaml, "yaml", "Snapshot", "dev",
                        "2026-01-01T00:00:00Z"), cl.kubeconfig().toString());
                return PodFinisher.Outcome.exit(0, "");
            });
            Path out = tmp.resolve("report.json");
            CliRunner.Result r = validate(c, "--phase", "deployment", "-o", out.toString());
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(r.stderr().contains("deploying agent to capture snapshot"), r.stderr());
            assertTrue(FakeClusterRequests.applied(c, "/apis/batch/v1/namespaces/" + NS + "/jobs/aicr-validate"), "agent Job");
            assertNull(c.client().batch().v1().jobs().inNamespace(NS).withName("aicr-validate").get(), "agent Job removed");
            String runId = runId(r);
            String snap = c.requests().stream().filter(FakeApi.Request::serverSideApply)
                    .filter(q -> q.resource().endsWith("/configmaps/aicr-snapshot-" + runId)).findFirst().orElseThrow().body();
            assertTrue(snap.contains("v1.33.5-eks-3025e55"), "the agent's snapshot is what validators read");
            assertNothingLeft(c, runId);
        }
    }

    @Test
    void unreachableClusterIsOneLineAndExit8() throws Exception {
        Path dead = Files.writeString(tmp.resolve("dead.yaml"), FakeCluster.kubeconfigText("https://127.0.0.1:1"));
        Path out = tmp.resolve("report.json");
        CliRunner.Result r = CliRunner.run("validate", "-k", dead.toString(), "-r", RECIPE, "-s", SNAPSHOT, "-o", out.toString());
        assertEquals(8, r.exitCode(), r.stderr());
        String last = r.stderr().lines().filter(l -> l.contains("command failed")).findFirst().orElseThrow();
        assertTrue(last.contains("[INTERNAL] failed to apply namespace: connect to https://127.0.0.1:1"), last);
        assertFalse(Files.exists(out), "no report");
        CliRunner.Result agent = CliRunner.run("validate", "-k", dead.toString(), "-r", RECIPE, "-o", out.toString());
        assertEquals(8, agent.exitCode(), agent.stderr());
        assertTrue(agent.stderr().contains("[INTERNAL] failed to create namespace: connect to"), agent.stderr());
    }

    @Test
    void forbiddenRbacIsOneLineExit8AndWhatWasCreatedIsRemoved() throws Exception {
        try (FakeCluster c = FakeCluster.start(tmp)) {
            c.forbid("PATCH", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/");
            Path out = tmp.resolve("report.json");
            CliRunner.Result r = validate(c, "-s", SNAPSHOT, "-o", out.toString());
            assertEquals(8, r.exitCode(), r.stderr());
            assertTrue(r.stderr().contains("[INTERNAL] failed to ensure RBAC: [INTERNAL] failed to apply ClusterRoleBinding: "
                    + "aicr-validator-"), r.stderr());
            assertTrue(r.stderr().contains("is forbidden"), r.stderr());
            assertFalse(Files.exists(out));
            // what the server refused was never created: cleanup deletes the ServiceAccount, not the binding
            assertTrue(c.requests().stream().anyMatch(q -> q.method().equals("DELETE") && q.resource().contains("/serviceaccounts/")));
            assertTrue(c.requests().stream().noneMatch(q -> q.method().equals("DELETE") && q.resource().contains("/clusterrolebindings/")),
                    r.stderr());
            assertNothingLeft(c, runId(r));
        }
    }

    @Test
    void requiredDependencyMissingStopsThePhaseWithExit2() throws Exception {
        Path data = overlay("    timeout: 1m\n    dependencyAffinity:\n      - componentRef: not-in-recipe\n"
                + "        podLabelSelector: {app: x}\n        requirement: required\n");
        try (FakeCluster c = FakeCluster.start(tmp)) {
            CliRunner.Result r = validate(c, "-s", SNAPSHOT, "--phase", "deployment", "--data", data.toString());
            assertEquals(2, r.exitCode(), r.stderr());
            assertTrue(r.stderr().contains("[INVALID_REQUEST] dependencyAffinity pre-flight failed for validator \"operator-health\": "
                    + "[INVALID_REQUEST] required dependencyAffinity component \"not-in-recipe\" is not in the recipe's componentRefs"),
                    r.stderr());
            assertTrue(c.requests().stream().noneMatch(q -> q.resource().contains("/jobs/")), "no Job deployed");
            assertNothingLeft(c, runId(r));
        }
    }

    /** An overlay data directory whose catalog has one deployment validator, {@code operator-health}, with these fields. */
    private Path overlay(String fields) throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("validators"));
        Files.copy(REF.resolve("catalog-overlay-html-escape/registry.yaml"), data.resolve("registry.yaml"));
        Files.writeString(data.resolve("validators/catalog.yaml"), "validators:\n"
                + "  - name: operator-health\n    phase: deployment\n    image: example.com/v:1\n    args: [operator-health]\n"
                + fields);
        return data;
    }

    @Test
    void aValidatorThatNeverEndsTimesOutAsOther() throws Exception {
        // the wait is the entry's timeout (1s) plus the reference's 30 s buffer
        Path data = overlay("    timeout: 1s\n");
        try (FakeCluster c = FakeCluster.start(tmp)) {
            c.kubelet().on("aicr-operator-health-", (cl, j, p) -> PodFinisher.Outcome.NEVER);
            Path out = tmp.resolve("report.json");
            CliRunner.Result r = validate(c, "-s", SNAPSHOT, "--phase", "deployment", "--data", data.toString(), "-o", out.toString());
            assertEquals(8, r.exitCode(), r.stderr());
            Map<String, Object> t = test(report(out), "operator-health");
            assertEquals("other", t.get("status"));
            assertEquals("timeout: validator did not complete within 1s (container \"validator\" not found - validator package "
                    + "contract)", t.get("message"));
            assertTrue(applied(c, jobPath(c, "operator-health"), runId(r), "aicr").contains("activeDeadlineSeconds: 1\n"));
            assertNothingLeft(c, runId(r));
        }
    }

    @Test
    void interruptedValidationStillCleansUp() throws Exception {
        try (FakeCluster c = FakeCluster.start(tmp)) {
            c.kubelet().on("aicr-operator-health-", (cl, j, p) -> PodFinisher.Outcome.NEVER);
            String jvm = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Process p = new ProcessBuilder(jvm, "-cp", cp, "aicr.cli.Main", "validate", "-k", c.kubeconfig().toString(), "-r", RECIPE,
                    "-s", SNAPSHOT, "--phase", "deployment", "-o", tmp.resolve("r.json").toString()).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("child.log").toFile()).start();
            var job = c.client().batch().v1().jobs().inNamespace(NS).withLabel("aicr.run/validator", "operator-health")
                    .informOnCondition(jobs -> !jobs.isEmpty()).get(60, java.util.concurrent.TimeUnit.SECONDS).get(0);
            String runId = job.getMetadata().getLabels().get("aicr.run/run-id");
            p.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the CLI exits");
            String log = Files.readString(tmp.resolve("child.log"));
            assertEquals(5, p.exitValue(), log);
            assertTrue(log.contains("interrupted by a signal"), log);
            // the run stopped at the signal: no validator after the one in flight was deployed
            assertEquals(List.of(), c.requests().stream().filter(FakeApi.Request::serverSideApply).map(FakeApi.Request::resource)
                    .filter(r -> r.contains("/jobs/") && !r.contains("/jobs/aicr-operator-health-")).toList(), log);
            assertFalse(Files.exists(tmp.resolve("r.json")), "no report");
            assertNothingLeft(c, runId);
        }
    }
}
