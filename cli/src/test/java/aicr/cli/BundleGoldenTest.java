package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reference bundle tree of {@code golden/bundle} regenerated with the reference's flags
 * (COMMANDS.txt) and compared byte for byte with {@link GoldenTree}; the allowed differences are
 * in {@link DocumentedDifferences}. Cases without a placeholder run as a child process in
 * {@code golden/bundle}, where the reference ran them.
 */
class BundleGoldenTest {
    static final Path GOLDEN = BundleFixtures.GOLDEN;

    @TempDir
    Path tmp;

    /** Tree name, listing name, flags (placeholders: {recipe} {inputs}). */
    static Stream<Arguments> cases() {
        return Stream.of(
                tree("helm", "helm", "-r {recipe} -d helm"),
                tree("helmfile", "helmfile", "-r {recipe} -d helmfile"),
                tree("argocd", "argocd", "-r {recipe} -d argocd"),
                tree("argocd-helm", "argocd-helm", "-r {recipe} -d argocd-helm"),
                tree("flux", "flux", "-r {recipe} -d flux"),
                tree("helm-options", "variants_helm-options", "-r {recipe} --readiness-hooks"
                        + " --set gpuoperator:driver.version=580.1.2 --set awsebscsidriver:enabled=false"
                        + " --set certmanager:replicaCount=2 --dynamic certmanager:replicaCount"
                        + " --dynamic gpu-operator:driver.repository --system-node-selector nodeGroup=system"
                        + " --system-node-toleration dedicated=system:NoSchedule"
                        + " --accelerated-node-selector nvidia.com/gpu.present=true"
                        + " --accelerated-node-toleration nvidia.com/gpu=present:NoSchedule"
                        + " --workload-selector workload=training"
                        + " --workload-gate skyhook.nvidia.com/runtime-required=true:NoSchedule"
                        + " --nodes 8 --storage-class gp3"),
                tree("argocd-options", "variants_argocd-options", "-r {recipe} -d argocd --readiness-hooks"
                        + " --repo https://github.com/acme/gitops.git --app-name acme-stack"
                        + " --set deployer:namePrefix=tenant-a- --set deployer:project=gpu"
                        + " --set deployer:cascadeDelete=true --set deployer:destinationServer=https://prod.example.com:6443"),
                tree("argocd-oci-repo", "variants_argocd-oci-repo", "-r {recipe} -d argocd --repo oci://ghcr.io/acme/bundle"),
                tree("argocd-helm-dynamic", "variants_argocd-helm-dynamic", "-r {recipe} -d argocd-helm"
                        + " --dynamic certmanager:replicaCount --dynamic gpuoperator:driver.version"
                        + " --set deployer:cascadeDelete=true --app-name acme"),
                tree("flux-dynamic", "variants_flux-dynamic", "-r {recipe} -d flux --dynamic certmanager:replicaCount"
                        + " --dynamic nodewrightcustomizations:intent --repo https://github.com/acme/gitops.git"
                        + " --flux-namespace gitops"),
                tree("helm-gke", "variants_helm-gke", "-r {inputs}/recipe-gke.yaml"),
                tree("mixed-prepost-helm", "variants_mixed-prepost-helm",
                        "-r {inputs}/mini-mixed-prepost.yaml --data {inputs}/mydata -d helm"),
                tree("mixed-prepost-helmfile", "variants_mixed-prepost-helmfile",
                        "-r {inputs}/mini-mixed-prepost.yaml --data {inputs}/mydata -d helmfile"),
                tree("mixed-prepost-argocd", "variants_mixed-prepost-argocd",
                        "-r {inputs}/mini-mixed-prepost.yaml --data {inputs}/mydata -d argocd"),
                tree("mixed-prepost-flux", "variants_mixed-prepost-flux",
                        "-r {inputs}/mini-mixed-prepost.yaml --data {inputs}/mydata -d flux"),
                tree("manifest-only-helm", "variants_manifest-only-helm",
                        "-r {inputs}/mini-manifest-only.yaml --data {inputs}/mydata"),
                // run where the reference ran it: Kustomize paths resolve against the working directory
                tree("kustomize-helm", "variants_kustomize-helm", "-r inputs/mini-kustomize.yaml"));
    }

    private static Arguments tree(String name, String listing, String flags) {
        return Arguments.of(name, listing, flags);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproducesTheReferenceTree(String name, String listing, String flags) throws IOException {
        Path out = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("bundle"));
        args.addAll(BundleFixtures.args(flags, tmp));
        args.addAll(List.of("-o", out.toString()));
        String[] argv = args.toArray(String[]::new);
        CliRunner.Result r = flags.contains("{") ? CliRunner.run(argv) : CliRunner.runProcess(GOLDEN, Map.of(), argv);
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> problems = GoldenTree.compare(name, GOLDEN.resolve("_manifests").resolve(listing + ".txt"), out);
        assertEquals(List.of(), problems);
    }

    @Test
    void argocdHelmChartVersionIsSemver() throws IOException {
        Path out = tmp.resolve("ah");
        CliRunner.Result r = CliRunner.run("bundle", "-r", GOLDEN.resolve("recipe.yaml").toString(), "-d", "argocd-helm",
                "-o", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("apiVersion: v2\nname: \"aicr-bundle\"\ndescription: AICR deployment bundle with dynamic install-time "
                + "values\ntype: application\nversion: \"0.0.0-dev\"\n", Files.readString(out.resolve("Chart.yaml")));
    }

    @Test
    void summaryListsFilesNotesAndSteps() {
        Path out = tmp.resolve("s");
        CliRunner.Result r = CliRunner.run("bundle", "-r", GOLDEN.resolve("recipe.yaml").toString(), "-o", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("\nHelm per-component bundle generated successfully!\nOutput directory: " + out + "\n"
                + "Files generated: 61\n\nNote:\n  ⚠ Warning: kube-prometheus-stack renders a PVC without storageClassName at "
                + "prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName; set --storage-class "
                + "<name> or --set kube-prometheus-stack:prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec."
                + "storageClassName=<name> to avoid relying on the cluster default StorageClass\n\nTo deploy:\n  1. cd "
                + out + "\n  2. chmod +x deploy.sh\n  3. ./deploy.sh\n", r.stdout());
        assertTrue(r.stderr().contains("[cli] wrote local chart folder: index=6 dir=006-nodewright-customizations "
                + "kind=local-helm parent=nodewright-customizations"), r.stderr());
    }
}
