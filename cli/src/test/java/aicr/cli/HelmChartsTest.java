package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.io.Values;
import aicr.io.YamlReader;
import aicr.io.YamlWriter;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every chart a bundle writes passes {@code helm lint} and renders with {@code helm template}
 * (Helm 3 as a native library, offline). Local charts are rendered with the values their
 * deployer gives them: their own values.yaml (numbered layout), the HelmRelease's
 * {@code spec.values} (Flux), or install-time values (argocd-helm). Helm's template drops hooked
 * resources, so hook annotations are removed from a copy first.
 */
class HelmChartsTest {
    @TempDir
    Path tmp;

    /** Bundle flags per case; {recipe}/{inputs} placeholders as in {@link BundleFixtures}. */
    @ParameterizedTest
    @ValueSource(strings = {
        "-r {recipe} -d helm --readiness-hooks",
        "-r {recipe} -d argocd --readiness-hooks",
        "-r {recipe} -d argocd-helm --readiness-hooks --dynamic certmanager:replicaCount --set deployer:cascadeDelete=true",
        "-r {recipe} -d flux --dynamic nodewrightcustomizations:intent",
        "-r {recipe} -d helmfile",
        "-r {inputs}/recipe-gke.yaml -d helm",
        "-r {inputs}/mini-mixed-prepost.yaml --data {inputs}/mydata -d helm",
        "-r {inputs}/mini-mixed-prepost.yaml --data {inputs}/mydata -d flux",
        "-r {inputs}/mini-manifest-only.yaml --data {inputs}/mydata -d argocd-helm",
        "-r {kustomize-recipe} -d helm"})
    void everyChartLintsAndRenders(String flags) throws Exception {
        Path out = tmp.resolve("bundle");
        List<String> args = new ArrayList<>(List.of("bundle"));
        args.addAll(BundleFixtures.args(flags, tmp));
        args.addAll(List.of("-o", out.toString()));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
        List<Path> charts;
        try (Stream<Path> s = Files.walk(out)) {
            charts = s.filter(p -> p.getFileName().toString().equals("Chart.yaml")).map(Path::getParent).sorted().toList();
        }
        assertFalse(charts.isEmpty(), "the bundle has charts");
        for (Path chart : charts) {
            check(out, chart, flags.contains("flux"));
        }
    }

    private void check(Path bundle, Path chart, boolean flux) throws IOException {
        String name = bundle.relativize(chart).toString();
        Path copy = tmp.resolve("charts").resolve(name.isEmpty() ? "root" : name);
        copyWithoutHooks(chart, copy);
        LintResult lint = new Helm(copy).lint().call();
        assertFalse(lint.isFailed(), name + ": " + lint.getMessages());
        assertTrue(lint.getMessages().stream().noneMatch(m -> m.contains("[ERROR]")), name + ": " + lint.getMessages());
        TemplateCommand template = new Helm(copy).template().withName("test").withNamespace("ns");
        if (flux && Files.exists(chart.resolve("helmrelease.yaml"))) {
            Path values = tmp.resolve("values-" + name.replace('/', '_') + ".yaml");
            Files.writeString(values, YamlWriter.write(helmReleaseValues(chart.resolve("helmrelease.yaml")), true));
            template = template.withValuesFile(values);
        }
        if (Files.exists(chart.resolve("values.schema.json"))) {
            template = template.set("repoURL", "oci://registry.example/aicr").set("targetRevision", "1.0.0");
        }
        String rendered = template.call();
        boolean hasTemplates;
        try (Stream<Path> s = Files.walk(copy.resolve("templates"))) {
            hasTemplates = s.anyMatch(Files::isRegularFile);
        }
        if (hasTemplates) {
            assertTrue(rendered.contains("kind: "), name + " renders objects:\n" + rendered);
        }
        for (String doc : rendered.split("(?m)^---$")) {
            YamlReader.parseAll(doc); // Helm's output is valid YAML
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> helmReleaseValues(Path helmRelease) throws IOException {
        Map<String, Object> doc = Values.mapOf(YamlReader.parseAll(Files.readString(helmRelease)).get(0));
        Object values = ((Map<String, Object>) doc.get("spec")).get("values");
        return values instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** A copy of the chart whose templates carry no {@code helm.sh/hook*} annotation lines. */
    private static void copyWithoutHooks(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (p.toString().contains("/templates/")) {
                    List<String> lines = Files.readAllLines(p).stream()
                            .filter(l -> !l.contains("helm.sh/hook")).toList();
                    Files.write(target, lines);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
