package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --vendor-charts} with a stand-in Helm CLI on PATH (golden/bundle/inputs/fake-helm),
 * run as a separate process so that PATH can be set.
 */
class BundleVendorTest {
    @TempDir
    Path tmp;

    private static String fakeHelmPath() {
        return BundleFixtures.INPUTS.resolve("fake-helm") + ":/usr/bin:/bin";
    }

    @ParameterizedTest
    @ValueSource(strings = {"helm", "helmfile", "argocd", "flux"})
    void vendorsChartsWithProvenance(String deployer) throws Exception {
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.runProcess(tmp, Map.of("PATH", fakeHelmPath()),
                "bundle", "-r", BundleFixtures.INPUTS.resolve("mini-mixed-prepost.yaml").toString(),
                "--data", BundleFixtures.INPUTS.resolve("mydata").toString(), "--vendor-charts", "-d", deployer,
                "-o", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        String provenance = Files.readString(out.resolve("provenance.yaml"));
        assertTrue(provenance.contains("kind: BundleProvenance\n"), provenance);
        assertTrue(provenance.contains("    tarballName: cert-manager-1.20.2.tgz\n"), provenance);
        assertTrue(provenance.contains("    pullerVersion: helm-cli v3.16.2+gfake\n"), provenance);
        Path chart = deployer.equals("flux") ? out.resolve("cert-manager") : out.resolve("002-cert-manager");
        assertTrue(Files.isRegularFile(chart.resolve("charts/cert-manager-1.20.2.tgz")));
        assertFalse(Files.exists(out.resolve("003-cert-manager-post")), "post-manifests become hooks of the vendored chart");
        LintResult lint = new Helm(chart).lint().call();
        assertFalse(lint.isFailed(), lint.getMessages().toString());
        String rendered = new Helm(chart).template().withName("cm").call();
        assertTrue(rendered.contains("name: cm-cert-manager"), rendered);
        assertEquals(List.of(), GoldenTree.checkChecksums(out));
        if (!deployer.equals("flux") && !deployer.equals("argocd")) {
            String hooked = Files.readString(chart.resolve("templates/cm.yaml"));
            assertTrue(hooked.contains("helm.sh/hook: pre-delete"), "an existing hook is kept: " + hooked);
        }
    }

    @Test
    void missingHelmIsServiceUnavailableAndWritesNothing() throws Exception {
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.runProcess(tmp, Map.of("PATH", "/usr/bin:/bin"),
                "bundle", "-r", BundleFixtures.GOLDEN.resolve("recipe.yaml").toString(),
                "--vendor-charts", "-o", out.toString());
        assertEquals(6, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("[SERVICE_UNAVAILABLE] vendor-charts: helm CLI not found on PATH"), r.stderr());
        assertFalse(Files.exists(out));
    }

    @Test
    void chartNotFoundIsNotFound() throws Exception {
        Path recipe = Files.writeString(tmp.resolve("r.yaml"), """
                apiVersion: aicr.run/v1alpha2
                kind: RecipeResult
                componentRefs:
                  - name: cert-manager
                    type: Helm
                    source: https://charts.jetstack.io
                    chart: missing-chart
                    version: 1.0.0
                    namespace: cert-manager
                """);
        CliRunner.Result r = CliRunner.runProcess(tmp, Map.of("PATH", fakeHelmPath()),
                "bundle", "-r", recipe.toString(), "--vendor-charts", "-o", tmp.resolve("out").toString());
        assertEquals(3, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("vendor-charts: chart \"missing-chart\" version \"1.0.0\" not found"), r.stderr());
    }
}
