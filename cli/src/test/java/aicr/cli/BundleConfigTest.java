package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --config}: spec.bundle supplies defaults; a flag that is given replaces the config value. */
class BundleConfigTest {
    @TempDir
    Path tmp;

    private Path config(String bundleSection) throws Exception {
        return Files.writeString(tmp.resolve("aicr.yaml"), "kind: AICRConfig\napiVersion: aicr.run/v1alpha2\nspec:\n"
                + "  bundle:\n" + bundleSection.indent(4));
    }

    @Test
    void configSuppliesRecipeDeployerAndScheduling() throws Exception {
        Path cfg = config("""
                input:
                  recipe: %s
                deployment:
                  deployer: argocd
                  repo: https://github.com/acme/gitops.git
                  set: ["certmanager:replicaCount=3"]
                scheduling:
                  acceleratedNodeSelector: {nodeGroup: gpu}
                  workloadSelector: {team: ml}
                """.formatted(BundleFixtures.GOLDEN.resolve("recipe.yaml")));
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("bundle", "--config", cfg.toString(), "-o", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(Files.exists(out.resolve("app-of-apps.yaml")));
        assertTrue(Files.readString(out.resolve("app-of-apps.yaml")).contains("repoURL: https://github.com/acme/gitops.git"));
        assertTrue(Files.readString(out.resolve("003-cert-manager/values.yaml")).contains("\nreplicaCount: 3\n"));
        assertTrue(Files.readString(out.resolve("006-nodewright-customizations/values.yaml"))
                .contains("acceleratedNodeSelector:\n  nodeGroup: gpu\n"));
        assertTrue(!r.stderr().contains("--workload-selector is not set"), "the config's workload selector counts");
    }

    @Test
    void flagsReplaceConfigValues() throws Exception {
        Path cfg = config("""
                deployment:
                  deployer: argocd
                  set: ["certmanager:replicaCount=3"]
                """);
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("bundle", "--config", cfg.toString(), "-r",
                BundleFixtures.GOLDEN.resolve("recipe.yaml").toString(), "-d", "helm", "--set", "certmanager:replicaCount=5",
                "-o", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(Files.exists(out.resolve("deploy.sh")));
        assertTrue(Files.readString(out.resolve("003-cert-manager/values.yaml")).contains("\nreplicaCount: 5\n"));
    }

    @Test
    void unknownConfigKeysAreRejected() throws Exception {
        Path cfg = config("""
                deployment:
                  deployr: argocd
                """);
        CliRunner.Result r = CliRunner.run("bundle", "--config", cfg.toString(), "-o", tmp.resolve("out").toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("deployr"), r.stderr());
    }
}
