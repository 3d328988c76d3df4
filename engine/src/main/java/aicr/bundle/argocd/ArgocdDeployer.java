package aicr.bundle.argocd;

import static aicr.gocompat.GoStrings.quote;

import aicr.bundle.deployer.DeployerInput;
import aicr.bundle.deployer.DeployerOutput;
import aicr.bundle.deployer.Numbered;
import aicr.bundle.deployer.Versions;
import aicr.bundle.localformat.Folder;
import aicr.bundle.localformat.FolderKind;
import aicr.bundle.localformat.LocalComponent;
import aicr.bundle.localformat.LocalFormatWriter;
import aicr.bundle.options.ArgoOptions;
import aicr.bundle.options.Validators;
import aicr.bundle.template.BundleTemplates;
import aicr.bundle.tree.BundleTree;
import aicr.bundle.values.DynamicPaths;
import aicr.bundle.vendor.Provenance;
import aicr.bundle.vendor.VendorRecord;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.YamlWriter;
import aicr.recipe.ComponentRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Argo CD app-of-apps: the shared numbered folders (without the helm deployer's scripts and
 * cluster values, which Argo's repo server never reads), one child Application per folder at
 * the folder's sync wave, and a parent Application that picks up every
 * {@code <folder>/application.yaml} of the repository.
 */
public final class ArgocdDeployer implements ArgoApplications {
    /** Plain Applications have no install-time values to fill; the Helm app-of-apps has. */
    @Override
    public void checkFlags(String repoUrl, DynamicPaths dynamic) {
        if (!dynamic.isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "dynamic declarations are not supported with deployer \"argocd\"; use deployer \"argocd-helm\" instead");
        }
    }

    public static final String DEFAULT_APP_NAME = "nvidia-stack";
    static final String PLACEHOLDER_REPO = "https://github.com/YOUR-ORG/YOUR-REPO.git";
    static final int MAX_CHILD_NAME = 53;

    /** The argocd layout before the deployer-specific files, shared with argocd-helm. */
    public record Layout(BundleTree tree, List<ChildApp> apps, String repoUrl, String targetRevision,
                         List<VendorRecord> vendored) {
    }

    @Override
    public DeployerOutput generate(DeployerInput in) {
        ArgoOptions argo = in.settings().argo();
        String appName = in.settings().appName().isEmpty() ? DEFAULT_APP_NAME : in.settings().appName();
        Layout layout = layout(in, appName, in.settings().repoUrl().startsWith("oci://"));
        BundleTree tree = layout.tree();
        for (ChildApp app : layout.apps()) {
            tree.put(app.folder().dir() + "/application.yaml",
                    BundleTemplates.render("argocd/application.yaml.tmpl", applicationData(app, layout, argo)), 0600);
        }
        Map<String, Object> parent = new LinkedHashMap<>();
        parent.put("AppName", appName);
        parent.put("RepoURL", layout.repoUrl());
        parent.put("TargetRevision", layout.targetRevision());
        parent.put("CascadeDelete", argo.cascadeDelete());
        tree.put("app-of-apps.yaml", BundleTemplates.render("argocd/app-of-apps.yaml.tmpl", parent), 0600);
        tree.put("README.md", BundleTemplates.render("argocd/README.md.tmpl", readme(in, layout, appName)), 0600);
        if (!layout.vendored().isEmpty()) {
            tree.put(Provenance.FILE, Provenance.render(layout.vendored()), 0644);
        }
        List<String> steps = List.of("Push the generated files to your GitOps repository",
                "kubectl apply -f " + in.settings().outputDir() + "/app-of-apps.yaml");
        List<String> notes = in.settings().repoUrl().isEmpty()
                ? List.of("Update app-of-apps.yaml with your repository URL before applying") : List.of();
        return new DeployerOutput(tree, steps, notes);
    }

    @Override
    public boolean isStale(String name, boolean isDirectory) {
        return isDirectory && Numbered.isFolderName(name);
    }

    /**
     * The numbered folders without install scripts, upstream.env and cluster values, plus the
     * child Applications' data.
     *
     * @param inline put upstream values into the Application ({@code valuesObject}): Argo CD's
     *               {@code $values} multi-source reference works only with Git repositories
     */
    public static Layout layout(DeployerInput in, String parentName, boolean inline) {
        ArgoOptions argo = in.settings().argo();
        String repoUrl = in.settings().repoUrl().isEmpty() ? PLACEHOLDER_REPO : in.settings().repoUrl();
        String revision = in.settings().targetRevision().isEmpty() ? "main" : in.settings().targetRevision();
        BundleTree written = new BundleTree();
        List<LocalComponent> components = new ArrayList<>();
        Map<String, ComponentRef> byName = new LinkedHashMap<>();
        for (ComponentRef r : in.ordered()) {
            components.add(LocalComponent.of(r, in.valuesOf(r.name()) == null ? Map.of() : in.valuesOf(r.name()),
                    in.dynamic().of(r.name())));
            byName.put(r.name(), r);
        }
        LocalFormatWriter.Written result = LocalFormatWriter.write(
                new LocalFormatWriter.Input(components, in.pre(), in.post(), in.readiness(), in.puller()), written);
        List<Folder> folders = result.folders();
        BundleTree tree = new BundleTree();
        written.dirs().forEach(tree::dir);
        List<ChildApp> apps = new ArrayList<>();
        for (int i = 0; i < folders.size(); i++) {
            Folder f = folders.get(i);
            List<String> kept = new ArrayList<>();
            for (String p : f.files()) {
                String base = p.substring(p.lastIndexOf('/') + 1);
                if (!base.equals("install.sh") && !base.equals("upstream.env") && !base.equals("cluster-values.yaml")) {
                    BundleTree.TreeFile tf = written.get(p);
                    tree.put(p, tf.bytes(), tf.mode());
                    kept.add(p);
                }
            }
            Folder folder = f.withFiles(kept);
            ComponentRef ref = byName.get(f.parent());
            apps.add(child(folder, ref, i, in, argo, parentName, inline));
        }
        return new Layout(tree, apps, repoUrl, revision, result.vendored());
    }

    private static ChildApp child(Folder f, ComponentRef ref, int wave, DeployerInput in, ArgoOptions argo,
                                  String parentName, boolean inline) {
        String chart = ref.chart().isEmpty() ? ref.name() : ref.chart();
        String name = argo.namePrefix() + f.name();
        try {
            Validators.appName(name);
        } catch (AicrException e) {
            throw AicrException.wrap(ErrorCode.INVALID_REQUEST,
                    "deployer namePrefix produces invalid child Application name " + quote(name), e);
        }
        if (name.length() > MAX_CHILD_NAME) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "deployer namePrefix produces child Application name "
                    + quote(name) + " (" + name.length() + " chars); child Application names are capped at "
                    + MAX_CHILD_NAME + " characters because Argo CD derives the Helm release name from the Application "
                    + "name for Helm-rendered children");
        }
        if (name.equals(parentName)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "child Application name " + quote(name)
                    + " collides with the parent Application name; choose a different --app-name or deployer namePrefix");
        }
        if (f.kind() == FolderKind.LOCAL_HELM) {
            return new ChildApp(name, f, ref.namespace(), "", "", "", wave, true, "");
        }
        boolean oci = ref.source().startsWith("oci://");
        String repo = oci ? stripTrailingSlashes(ref.source()) + "/" + chart : ref.source();
        String version = oci ? ref.version() : Versions.stripV(ref.version());
        String values = inline ? inlineValues(in.valuesOf(ref.name())) : "";
        return new ChildApp(name, f, ref.namespace(), repo, chart, version, wave, false, values);
    }

    /** Sorted values indented 8 spaces for {@code helm.valuesObject}; {@code {}} when there are none. */
    static String inlineValues(Map<String, Object> values) {
        if (values == null || values.isEmpty()) {
            return "        {}\n";
        }
        StringBuilder sb = new StringBuilder();
        for (String line : YamlWriter.write(values, true).replaceAll("\n+$", "").split("\n", -1)) {
            sb.append(line.isEmpty() ? "" : "        " + line).append('\n');
        }
        return sb.toString();
    }

    static Map<String, Object> applicationData(ChildApp app, Layout layout, ArgoOptions argo) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("Name", app.name());
        d.put("SyncWave", app.syncWave());
        d.put("CascadeDelete", argo.cascadeDelete());
        d.put("Project", argo.projectOrDefault());
        d.put("IsLocalChart", app.isLocalChart());
        d.put("InlineValues", !app.valuesYaml().isEmpty());
        d.put("ValuesYAML", app.valuesYaml());
        d.put("RepoURL", layout.repoUrl());
        d.put("TargetRevision", layout.targetRevision());
        d.put("BundleDir", app.folder().dir());
        d.put("Repository", app.repository());
        d.put("Chart", app.chart());
        d.put("Version", app.version());
        d.put("DestinationServer", argo.destinationOrDefault());
        d.put("Namespace", app.namespace());
        return d;
    }

    static Map<String, Object> readme(DeployerInput in, Layout layout, String appName) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("BundlerVersion", in.settings().cliVersion());
        d.put("RecipeVersion", in.recipe().metadata().version());
        d.put("AppName", appName);
        List<Map<String, Object>> apps = new ArrayList<>();
        for (ChildApp a : layout.apps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Name", a.name());
            m.put("IsLocalChart", a.isLocalChart());
            m.put("Version", a.version());
            m.put("SyncWave", a.syncWave());
            m.put("Namespace", a.namespace());
            m.put("BundleDir", a.folder().dir());
            apps.add(m);
        }
        d.put("Apps", apps);
        return d;
    }

    private static String stripTrailingSlashes(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(0, end);
    }
}
