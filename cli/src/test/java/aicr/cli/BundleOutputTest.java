package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Determinism and how a bundle lands in (or stays out of) the output directory. */
class BundleOutputTest {
    @TempDir
    Path tmp;

    private static String recipe() {
        return BundleFixtures.GOLDEN.resolve("recipe.yaml").toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"helm", "helmfile", "argocd", "argocd-helm", "flux"})
    void twoRunsGiveIdenticalBytes(String deployer) throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        String[] common = {"bundle", "-r", recipe(), "-d", deployer, "--readiness-hooks", "--dynamic",
                "certmanager:replicaCount", "--set", "gpuoperator:driver.version=580.1.2", "-o"};
        boolean noHooks = deployer.equals("flux") || deployer.equals("helmfile");
        boolean noDynamic = deployer.equals("argocd");
        for (Path out : new Path[]{a, b}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(common));
            if (noHooks) {
                args.remove("--readiness-hooks");
            }
            if (noDynamic) {
                args.remove("--dynamic");
                args.remove("certmanager:replicaCount");
            }
            args.add(out.toString());
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.stderr());
        }
        Map<String, String> first = GoldenTree.snapshot(a);
        assertTrue(first.size() > 20);
        assertEquals(first, GoldenTree.snapshot(b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"helm", "helmfile", "argocd", "argocd-helm", "flux"})
    void everyYamlDocumentParses(String deployer) throws Exception {
        Path out = tmp.resolve(deployer);
        CliRunner.Result r = CliRunner.run("bundle", "-r", recipe(), "-d", deployer, "-o", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        int parsed = 0;
        try (var files = Files.walk(out)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".yaml") || !Files.isRegularFile(p)) {
                    continue;
                }
                String text = Files.readString(p);
                if (text.contains("{{")) {
                    continue; // a Helm template (argocd-helm children, raw Flux manifests): Helm renders it (HelmChartsTest)
                }
                aicr.io.YamlReader.parseAll(text);
                parsed++;
            }
        }
        assertTrue(parsed > 10, "parsed " + parsed + " YAML files");
    }

    @Test
    void existingDirectoryKeepsForeignFilesAndDropsStaleFolders() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve("099-old"));
        Files.writeString(out.resolve("099-old/values.yaml"), "x: 1\n");
        Files.writeString(out.resolve("undeploy.sh"), "#!/bin/sh\n");
        Files.writeString(out.resolve("notes.txt"), "mine\n");
        Files.writeString(out.resolve("README.md"), "old readme\n");
        CliRunner.Result r = CliRunner.run("bundle", "-r", recipe(), "-o", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("mine\n", Files.readString(out.resolve("notes.txt")));
        assertFalse(Files.exists(out.resolve("099-old")));
        assertFalse(Files.exists(out.resolve("undeploy.sh")));
        assertTrue(Files.readString(out.resolve("README.md")).startsWith("# AI Cluster Runtime Deployment"));
        assertTrue(Files.isRegularFile(out.resolve("014-prometheus-adapter/install.sh")));
        assertEquals(java.util.List.of(), GoldenTree.checkChecksums(out));
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no staging or trash directory left beside the output");
        }
    }

    @Test
    void failedRunLeavesAnExistingDirectoryUntouched() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve("001-keep"));
        Files.writeString(out.resolve("001-keep/values.yaml"), "x: 1\n");
        CliRunner.Result r = CliRunner.run("bundle", "-r", BundleFixtures.INPUTS.resolve("mini-manifest-only.yaml").toString(),
                "-o", out.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertEquals(Map.of("", "755", "001-keep", "755", "001-keep/values.yaml", "644 "
                + GoldenTree.sha256("x: 1\n".getBytes())), GoldenTree.snapshot(out));
    }

    @Test
    void outputThatIsAFileFailsWithoutTouchingIt() throws Exception {
        Path file = Files.writeString(tmp.resolve("afile"), "data\n");
        CliRunner.Result r = CliRunner.run("bundle", "-r", recipe(), "-o", file.toString());
        assertEquals(8, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("failed to create output directory"), r.stderr());
        assertEquals("data\n", Files.readString(file));
    }

    @Test
    void dataDirectoryWithASymlinkIsRefused() throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("components/my-app"));
        Files.copy(BundleFixtures.INPUTS.resolve("mydata/registry.yaml"), data.resolve("registry.yaml"));
        Files.createSymbolicLink(data.resolve("components/my-app/cm.yaml"), Path.of("/etc/hostname"));
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("bundle", "-r", BundleFixtures.INPUTS.resolve("mini-manifest-only.yaml").toString(),
                "--data", data.toString(), "-o", out.toString());
        assertEquals(8, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("symlink"), r.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void anExistingEntryThatIsASymlinkIsReplacedNotFollowed() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "outside\n");
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.createSymbolicLink(out.resolve("001-aws-ebs-csi-driver"), outside);
        CliRunner.Result r = CliRunner.run("bundle", "-r", recipe(), "-o", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertFalse(Files.isSymbolicLink(out.resolve("001-aws-ebs-csi-driver")));
        assertEquals(java.util.List.of("keep.txt"), Files.list(outside).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void missingParentDirectoriesAreCreated() throws Exception {
        Path out = tmp.resolve("a/b/c");
        CliRunner.Result r = CliRunner.run("bundle", "-r", recipe(), "-d", "flux", "-o", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("755", GoldenTree.mode(out));
        assertEquals("750", GoldenTree.mode(out.resolve("sources")));
    }
}
