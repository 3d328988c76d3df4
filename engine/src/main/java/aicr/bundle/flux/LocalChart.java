package aicr.bundle.flux;

import aicr.bundle.deployer.Versions;
import aicr.bundle.manifest.ManifestFile;
import aicr.bundle.tree.SafePath;
import aicr.bundle.vendor.ChartPuller;
import aicr.recipe.ComponentRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local chart for a component's manifests under Flux: the raw manifest templates at their
 * data-relative paths, a Chart.yaml, and a HelmRelease sourced from the bundle's Git
 * repository (or, with OCI output, from an ArtifactGenerator). Templates read
 * {@code .Values.<component>}, so values are wrapped under the component's name.
 */
final class LocalChart {
    private LocalChart() {
    }

    static List<String> write(FluxDeployer.FluxContext ctx, ComponentRef ref, String dir, List<ManifestFile> manifests,
                              List<String> dependsOn) {
        ctx.tree.dir(dir, FluxDeployer.DIR_MODE);
        ctx.tree.dir(dir + "/templates", FluxDeployer.DIR_MODE);
        List<ManifestFile> sorted = new ArrayList<>(manifests);
        sorted.sort((a, b) -> a.path().compareTo(b.path()));
        for (ManifestFile m : sorted) {
            String path = SafePath.join(dir + "/templates", m.path());
            for (String parent = parentOf(path); !parent.equals(dir + "/templates"); parent = parentOf(parent)) {
                ctx.tree.dir(parent, FluxDeployer.DIR_MODE);
            }
            ctx.tree.put(path, m.content(), FluxDeployer.FILE_MODE);
        }
        ctx.write(dir + "/Chart.yaml", "flux/chart.yaml.tmpl", Map.of("Name", dir));
        return release(ctx, ref, dir, dependsOn, ref.name());
    }

    /**
     * A vendored chart: the pulled tarball under {@code charts/}, a wrapper Chart.yaml depending on
     * it, values under the subchart's name, released from the bundle's repository like a local chart.
     */
    static List<String> vendored(FluxDeployer.FluxContext ctx, ComponentRef ref, List<String> dependsOn) {
        String chart = ref.chart().isEmpty() ? ref.name() : ref.chart();
        ChartPuller.Pulled pulled = ctx.in.puller().pull(ref.name(), ref.source(), chart, ref.version());
        ctx.vendored.add(pulled.record());
        String dir = ref.name();
        ctx.tree.dir(dir + "/charts", FluxDeployer.DIR_MODE);
        ctx.tree.put(SafePath.join(dir + "/charts", pulled.tarball()), pulled.tgz(), FluxDeployer.FILE_MODE);
        Map<String, Object> wrapper = new LinkedHashMap<>();
        wrapper.put("Name", dir);
        wrapper.put("Parent", ref.name());
        wrapper.put("ChartName", chart);
        wrapper.put("ChartVersion", Versions.stripVOrDefault(ref.version()));
        ctx.write(dir + "/Chart.yaml", "vendor/wrapper-chart.yaml.tmpl", wrapper);
        return release(ctx, ref, dir, dependsOn, chart);
    }

    /** ConfigMap (install-time values), values.yaml and the HelmRelease of a chart directory. */
    private static List<String> release(FluxDeployer.FluxContext ctx, ComponentRef ref, String dir, List<String> dependsOn,
                                        String valuesKey) {
        List<String> resources = new ArrayList<>();
        FluxDeployer.FluxContext.ReleaseValues rv = ctx.releaseValues(ref.name(), dir, v -> wrap(valuesKey, v), resources);
        Map<String, Object> values = rv.statics();
        String valuesFrom = rv.valuesFrom();
        String inline = values == null || values.isEmpty() ? "" : FluxDeployer.indented(wrap(valuesKey, values));
        // The same static values as the chart's defaults: Flux merges the release's values over
        // them (no change), and the chart lints and renders on its own (the reference ships none).
        ctx.tree.put(dir + "/values.yaml", aicr.bundle.localformat.LocalFormatWriter.valuesFile(
                values == null || values.isEmpty() ? Map.of() : wrap(valuesKey, values)), FluxDeployer.FILE_MODE);
        Map<String, Object> d = ctx.data("Name", dir, "TargetNamespace", ref.namespace(), "DependsOn", dependsOn,
                "ValuesFrom", valuesFrom, "Values", inline);
        if (ctx.ociMode()) {
            String generator = dir + "-chart";
            resources.add(ctx.write(dir + "/artifactgenerator.yaml", "flux/artifactgenerator.yaml.tmpl",
                    ctx.data("Name", generator, "Source", ctx.in.settings().fluxOciSourceName(), "Dir", dir)));
            d.put("ChartRef", generator);
        } else {
            d.put("Chart", "./" + dir);
            d.put("SourceKind", "GitRepository");
            d.put("SourceName", ctx.gitSourceName());
        }
        resources.add(ctx.write(dir + "/helmrelease.yaml", "flux/helmrelease.yaml.tmpl", d));
        return resources;
    }

    private static Map<String, Object> wrap(String component, Map<String, Object> values) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(component, values);
        return m;
    }

    private static String parentOf(String p) {
        int i = p.lastIndexOf('/');
        return i < 0 ? "" : p.substring(0, i);
    }
}
