package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.cli.fakecluster.FakeCluster;
import aicr.cli.fakecluster.PodFinisher;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes client is loaded only by commands that talk to a cluster: recipe, query,
 * offline validate, bundle and diff of files, and agent-mode snapshot without credentials, load
 * no fabric8 class and nothing of aicr.k8s (a fresh JVM with -verbose:class each). Also: a
 * snapshot Job interrupted like Ctrl-C still cleans up.
 */
class ClusterPathIsolationTest {
    static final Path VALIDATE_REF = ConfigMapRoundTripTest.VALIDATE_REF;

    @TempDir
    Path tmp;

    private static Process start(Map<String, String> env, List<String> args) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>(List.of(java, "-verbose:class", "-cp", cp, "aicr.cli.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("KUBECONFIG", "/nonexistent");
        return pb.start();
    }

    private static void assertNoClusterClasses(Map<String, String> env, String... args) throws Exception {
        Process p = start(env, List.of(args));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains(" aicr.cli.Main "), "class loading was observed");
        List<String> offenders = out.lines().filter(l -> l.contains(" io.fabric8.") || l.contains(" aicr.k8s.")
                || l.contains(" io.vertx.")).toList();
        assertEquals(List.of(), offenders, String.join(" ", args));
    }

    @Test
    void offlineCommandsLoadNoKubernetesClient() throws Exception {
        String recipe = VALIDATE_REF.resolve("recipe-eks-h100-ubuntu-training.yaml").toString();
        String snapshot = VALIDATE_REF.resolve("snapshot-satisfies.yaml").toString();
        assertNoClusterClasses(Map.of(), "recipe", "--service", "eks", "--accelerator", "h100", "--os", "ubuntu", "--intent",
                "training", "-o", tmp.resolve("r.yaml").toString());
        assertNoClusterClasses(Map.of(), "query", "--snapshot", snapshot, "--selector", "criteria");
        assertNoClusterClasses(Map.of(), "validate", "-r", recipe, "-s", snapshot, "--no-cluster", "-o", tmp.resolve("v.json").toString());
        assertNoClusterClasses(Map.of(), "bundle", "-r", recipe, "-o", tmp.resolve("b").toString());
        assertNoClusterClasses(Map.of(), "diff", "--baseline", snapshot, "--target", VALIDATE_REF.resolve("snapshot-violates.yaml").toString());
    }

    @Test
    void agentModeWithoutCredentialsLoadsNoKubernetesClient() throws Exception {
        Map<String, String> env = Map.of("AICR_AGENT_MODE", "true", "AICR_HOST_ROOT",
                SnapshotJobTest.FIXTURES.resolve("a100x8-rhel9").toString(), "HOME", tmp.toString());
        assertNoClusterClasses(env, "snapshot", "-o", tmp.resolve("s.yaml").toString());
    }

    @Test
    void aClusterCommandDoesLoadIt() throws Exception {
        // the control: the detector above would see the client if it were loaded
        java.nio.file.Path dead = java.nio.file.Files.writeString(tmp.resolve("dead.yaml"),
                FakeCluster.kubeconfigText("https://127.0.0.1:1"));
        Process p = start(Map.of(), List.of("recipe", "-s", "cm://default/x", "-k", dead.toString()));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, p.waitFor(), out);
        assertTrue(out.lines().anyMatch(l -> l.contains(" io.fabric8.kubernetes.client.")), "fabric8 loaded for cm://");
    }

    @Test
    void interruptedSnapshotStillCleansUp() throws Exception {
        interruptAndCheckCleanup(0);
    }

    @Test
    void interruptedSnapshotWaitsForSlowDeletions() throws Exception {
        // deletions that outlast the signal hook's grace period: the process must not halt under them
        interruptAndCheckCleanup(SignalExit.GRACE_MILLIS + 1500);
    }

    private void interruptAndCheckCleanup(long deleteDelayMillis) throws Exception {
        try (FakeCluster c = FakeCluster.start(tmp)) {
            if (deleteDelayMillis > 0) {
                c.slow("DELETE", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/", deleteDelayMillis);
            }
            c.kubelet().on("", (cl, job, pod) -> PodFinisher.Outcome.NEVER);
            Process p = start(Map.of(), List.of("snapshot", "-k", c.kubeconfig().toString(), "-o", tmp.resolve("s.yaml").toString()));
            // drain the child's output so it never blocks on a full pipe
            Thread drain = new Thread(() -> {
                try {
                    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (java.io.IOException ignored) {
                    // the child is gone
                }
            });
            drain.start();
            c.client().batch().v1().jobs().inNamespace("default").withName("aicr")
                    .waitUntilCondition(j -> j != null && j.getStatus() == null, 60, TimeUnit.SECONDS);
            p.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI exits");
            assertEquals(5, p.exitValue(), "interrupted: TIMEOUT");
            assertNull(c.client().batch().v1().jobs().inNamespace("default").withName("aicr").get(), "Job deleted");
            assertNull(c.client().rbac().clusterRoleBindings().withName("aicr-node-reader").get(), "ClusterRoleBinding deleted");
            assertNull(c.client().serviceAccounts().inNamespace("default").withName("aicr").get(), "ServiceAccount deleted");
        }
    }
}
