package aicr.bundle.argocdhelm;

import static aicr.gocompat.GoStrings.quote;

import aicr.bundle.argocd.ArgoApplications;
import aicr.bundle.argocd.ArgocdDeployer;
import aicr.bundle.argocd.ChildApp;
import aicr.bundle.deployer.DeployerInput;
import aicr.bundle.deployer.DeployerOutput;
import aicr.bundle.deployer.Numbered;
import aicr.bundle.localformat.LocalFormatWriter;
import aicr.bundle.options.ArgoOptions;
import aicr.bundle.template.BundleTemplates;
import aicr.bundle.tree.BundleTree;
import aicr.bundle.values.DynamicPaths;
import aicr.bundle.values.ValueSplit;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.YamlWriter;
import aicr.log.Log;
import aicr.recipe.ComponentConfig;
import aicr.recipe.ComponentRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bundle as a Helm chart that renders Argo CD Applications: install-time values
 * ({@code --dynamic} paths, repository, revision, Application options) live in the chart's
 * values.yaml, each upstream component's static values in {@code static/}, and one template per
 * numbered folder renders that folder's child Application; the parent Application deploys the
 * chart itself. Published once, the same chart serves several clusters.
 */
public final class ArgocdHelmDeployer implements ArgoApplications {
    /** The chart's repoURL is a value supplied at install time, so --repo has no place here. */
    @Override
    public void checkFlags(String repoUrl, DynamicPaths dynamic) {
        if (!repoUrl.isEmpty()) {
            Log.warn("--repo is ignored with --deployer argocd-helm; supply the URL at install time via `helm install --set repoURL=...`",
                    "repo", repoUrl);
        }
    }

    @Override
    public boolean isHelmChart() {
        return true;
    }

    static final String DEFAULT_CHART = "aicr-bundle";
    static final String DEFAULT_APP = "aicr-stack";
    static final String FINALIZER = "resources-finalizer.argocd.argoproj.io";

    @Override
    public DeployerOutput generate(DeployerInput in) {
        ArgoOptions argo = in.settings().argo();
        String appName = in.settings().appName().isEmpty() ? DEFAULT_APP : in.settings().appName();
        String chart = in.settings().chartName().isEmpty() ? DEFAULT_CHART : in.settings().chartName();
        ArgocdDeployer.Layout layout = ArgocdDeployer.layout(in, appName, false);
        BundleTree tree = new BundleTree();
        tree.put("Chart.yaml", chartYaml(chart, ChartVersion.of(in.recipe().metadata().version())), 0600);
        Map<String, Object> rootValues = staticValues(in, tree);
        if (!in.settings().appName().isEmpty()) {
            rootValues.put("appName", in.settings().appName());
        }
        rootValues.put("repoURL", in.settings().ociParentNamespace());
        rootValues.put("targetRevision", "");
        Map<String, Object> deployer = new LinkedHashMap<>();
        deployer.put("namePrefix", argo.namePrefix());
        deployer.put("destinationServer", argo.destinationOrDefault());
        deployer.put("project", argo.projectOrDefault());
        rootValues.put("deployer", deployer);
        tree.put("values.yaml", BundleTemplates.text("argocdhelm/values-header.yaml") + YamlWriter.write(rootValues, true), 0600);
        tree.put("values.schema.json", BundleTemplates.text("argocdhelm/values.schema.json"), 0600);
        tree.dir("templates", BundleTree.DIR_MODE);
        layout.tree().dirs().forEach(tree::dir);
        layout.tree().files().forEach((p, f) -> tree.put(p, f.bytes(), f.mode()));
        for (ChildApp app : layout.apps()) {
            String release = app.folder().name();
            ChildTemplate.Child child = new ChildTemplate.Child(release, app.namespace(), app.syncWave(),
                    argo.cascadeDelete(), overrideKey(in, app.folder().parent()), app.folder().dir(), app.chart(),
                    app.repository(), app.version());
            tree.put("templates/" + release + ".yaml", ChildTemplate.render(child), 0600);
        }
        String parent = BundleTemplates.text("argocdhelm/aicr-stack.yaml");
        if (argo.cascadeDelete()) {
            parent = parent.replaceFirst("  namespace: argocd\nspec:",
                    "  namespace: argocd\n  finalizers:\n    - " + FINALIZER + "\nspec:");
        }
        tree.put("templates/aicr-stack.yaml", parent, 0600);
        tree.put("README.md", BundleTemplates.render("argocdhelm/README.md.tmpl", readme(in, chart)), 0600);
        return new DeployerOutput(tree, List.of("cd " + in.settings().outputDir(), "helm install " + chart + " ."), List.of());
    }

    @Override
    public boolean isStale(String name, boolean isDirectory) {
        return isDirectory && Numbered.isFolderName(name);
    }

    /** {@code Chart.yaml}: exactly five lines, name and version quoted. */
    static String chartYaml(String name, String version) {
        return "apiVersion: v2\nname: " + quote(name) + "\ndescription: AICR deployment bundle with dynamic install-time "
                + "values\ntype: application\nversion: " + quote(version) + "\n";
    }

    /**
     * Writes {@code static/<component>.yaml} for every upstream Helm component (recipe order) and
     * returns the install-time stubs of its dynamic paths, keyed by override key. Manifest-only and
     * Kustomize components have no static file and no stubs.
     */
    private static Map<String, Object> staticValues(DeployerInput in, BundleTree tree) {
        Map<String, Object> stubs = new TreeMap<>();
        tree.dir("static", BundleTree.DIR_MODE);
        for (ComponentRef ref : in.recipe().componentRefs()) {
            if (ref.type().equals("Kustomize") || ref.source().isEmpty()) {
                continue;
            }
            List<String> paths = in.dynamic().of(ref.name());
            ValueSplit split = ValueSplit.of(in.valuesOf(ref.name()), paths);
            if (!paths.isEmpty()) {
                stubs.put(overrideKey(in, ref.name()), split.dynamic());
            }
            tree.put("static/" + ref.name() + ".yaml", LocalFormatWriter.valuesFile(split.statics()), 0600);
        }
        return new LinkedHashMap<>(stubs);
    }

    /** The first registry alias of a component: the key of its install-time values. */
    static String overrideKey(DeployerInput in, String component) {
        ComponentConfig c = in.registry().get(component);
        if (c == null) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "component " + quote(component) + " not found in registry");
        }
        if (c.valueOverrideKeys().isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "component " + quote(component)
                    + " has no valueOverrideKeys in registry");
        }
        return c.valueOverrideKeys().get(0);
    }

    static Map<String, Object> readme(DeployerInput in, String chart) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("ChartName", chart);
        List<String> keys = new ArrayList<>();
        for (String component : new TreeMap<>(in.dynamic().all()).keySet()) {
            String key = overrideKey(in, component);
            for (String path : in.dynamic().of(component)) {
                keys.add(key + "." + path);
            }
        }
        d.put("DynamicKeys", keys);
        return d;
    }
}
