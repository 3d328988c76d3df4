package aicr.bundle.localformat;

import aicr.bundle.manifest.ManifestFile;
import aicr.bundle.manifest.RenderInput;
import aicr.bundle.template.BundleTemplates;
import aicr.bundle.template.ShellWords;
import aicr.bundle.tree.BundleTree;
import aicr.bundle.tree.SafePath;
import aicr.bundle.values.ValueSplit;
import aicr.bundle.vendor.ChartPuller;
import aicr.bundle.vendor.HookInjection;
import aicr.io.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A vendored component ({@code --vendor-charts}): a wrapper chart depending on the pulled
 * tarball in {@code charts/}, values nested under the subchart's name, and the component's
 * post-manifests as post-install hooks of the same release (no {@code -post} folder).
 */
final class VendoredFolder {
    private VendoredFolder() {
    }

    static Folder write(String dir, int idx, LocalComponent c, List<ManifestFile> manifests, ChartPuller.Pulled pulled,
                        BundleTree tree) {
        List<String> files = new ArrayList<>();
        String version = c.chartVersion();
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("Name", c.name());
        chart.put("Parent", c.name());
        chart.put("ChartName", c.chartName());
        chart.put("ChartVersion", version);
        LocalFormatWriter.put(tree, files, dir + "/Chart.yaml", BundleTemplates.render("vendor/wrapper-chart.yaml.tmpl", chart), 0644);
        String tarball = SafePath.join(dir + "/charts", pulled.tarball());
        tree.put(tarball, pulled.tgz(), 0644);
        files.add(tarball);
        ValueSplit split = ValueSplit.of(c.values(), c.dynamicPaths());
        LocalFormatWriter.put(tree, files, dir + "/values.yaml",
                LocalFormatWriter.valuesFile(nested(split.statics(), c.chartName())), 0600);
        LocalFormatWriter.put(tree, files, dir + "/cluster-values.yaml",
                LocalFormatWriter.valuesFile(nested(split.dynamic(), c.chartName())), 0600);
        RenderInput input = new RenderInput(c.name(), c.namespace(), c.chartName(), version,
                c.values() == null ? new LinkedHashMap<>() : Values.copyMap(c.values()));
        for (Map.Entry<String, String> m : LocalFormatWriter.rendered(c.name(), manifests, input).entrySet()) {
            LocalFormatWriter.put(tree, files, SafePath.join(dir + "/templates", m.getKey()), HookInjection.inject(m.getValue()),
                    0644);
        }
        Map<String, Object> install = new LinkedHashMap<>();
        install.put("Name", ShellWords.word(c.name()));
        install.put("Namespace", ShellWords.word(c.namespace()));
        install.put("CreateNamespace", true);
        LocalFormatWriter.put(tree, files, dir + "/install.sh",
                BundleTemplates.render("localformat/install-local-helm.sh.tmpl", install), 0755);
        return new Folder(idx, dir, FolderKind.LOCAL_HELM, c.name(), c.namespace(), c.name(), null, files, true,
                !manifests.isEmpty());
    }

    /** Values of a dependency chart live under its name; nothing when there are none. */
    static Map<String, Object> nested(Map<String, Object> values, String subchart) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (values != null && !values.isEmpty()) {
            out.put(subchart, Values.copyMap(values));
        }
        return out;
    }
}
