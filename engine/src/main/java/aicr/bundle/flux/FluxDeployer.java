package aicr.bundle.flux;

import static aicr.gocompat.GoStrings.quote;

import aicr.bundle.deployer.Deployer;
import aicr.bundle.deployer.DeployerInput;
import aicr.bundle.deployer.DeployerOutput;
import aicr.bundle.deployer.SourceNames;
import aicr.bundle.deployer.Versions;
import aicr.bundle.manifest.ManifestFile;
import aicr.bundle.template.BundleTemplates;
import aicr.bundle.tree.BundleTree;
import aicr.bundle.tree.SafePath;
import aicr.bundle.values.ValueSplit;
import aicr.bundle.vendor.Provenance;
import aicr.bundle.vendor.VendorRecord;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.YamlWriter;
import aicr.recipe.ComponentRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Flux: a HelmRelease per component (plus {@code -pre}/{@code -post} releases for manifests),
 * chained with {@code dependsOn} in deployment order, the Helm and Git sources they pull from,
 * and a root kustomization listing everything. Manifests are not rendered: they become the
 * templates of small local charts rendered by Flux's Helm, with the component's values under
 * the component's name. With OCI output the local charts are served through ArtifactGenerators
 * instead of a Git repository.
 */
public final class FluxDeployer implements Deployer {
    static final int DIR_MODE = 0750;
    static final int FILE_MODE = 0600;
    static final String PLACEHOLDER_REPO = "https://github.com/YOUR_ORG/YOUR_REPO.git";

    @Override
    public DeployerOutput generate(DeployerInput in) {
        FluxContext ctx = new FluxContext(in, new BundleTree());
        checkInjectedNames(in);
        ctx.tree.dir("sources", DIR_MODE);
        List<String> resources = new ArrayList<>();
        Map<String, String> helmSources = new TreeMap<>();
        for (ComponentRef r : in.ordered()) {
            if (r.type().equals("Helm") && !r.source().isEmpty() && !vendors(in, r)) {
                helmSources.putIfAbsent(r.source(), SourceNames.sanitize(r.source(), "default-source"));
            }
        }
        helmSources.forEach((url, name) -> {
            Map<String, Object> d = ctx.data("Name", name, "URL", url, "IsOCI", url.startsWith("oci://"));
            resources.add(ctx.write("sources/helmrepo-" + name + ".yaml", "flux/helmrepo-source.yaml.tmpl", d));
        });
        if (!ctx.ociMode()) {
            Map<String, Object> d = ctx.data("Name", ctx.gitSourceName(), "URL", ctx.repoUrl(), "Branch", ctx.branch());
            resources.add(ctx.write("sources/gitrepo-" + ctx.gitSourceName() + ".yaml", "flux/gitrepo-source.yaml.tmpl", d));
        }
        List<ComponentRef> refs = in.ordered();
        for (int i = 0; i < refs.size(); i++) {
            resources.addAll(component(ctx, refs.get(i), i == 0 ? null : terminal(refs.get(i - 1), in), helmSources));
        }
        resources.sort(null);
        List<VendorRecord> vendored = ctx.vendored;
        ctx.tree.put("kustomization.yaml", BundleTemplates.render("flux/kustomization.yaml.tmpl", resources), FILE_MODE);
        ctx.tree.put("README.md", BundleTemplates.render("flux/README.md.tmpl", readme(in, ctx)), FILE_MODE);
        if (!vendored.isEmpty()) {
            ctx.tree.put(Provenance.FILE, Provenance.render(vendored), 0644);
        }
        List<String> notes = new ArrayList<>(List.of("Ensure Flux is installed on your cluster before applying"));
        if (!in.dynamic().isEmpty()) {
            notes.add("ConfigMaps with dynamic values have been generated. Edit them before applying to customize "
                    + "per-cluster settings.");
        }
        if (!vendored.isEmpty()) {
            notes.add("This bundle contains vendored Helm charts. No upstream registry access is required at deploy time. "
                    + "See provenance.yaml for chart provenance details.");
        }
        List<String> steps = List.of("Push this bundle to your Git repository",
                "Create a Flux Kustomization pointing to the bundle path",
                "Monitor reconciliation with: flux get helmreleases -A");
        return new DeployerOutput(ctx.tree, steps, notes);
    }

    /** The resources of one component: optional pre chart, the release itself, optional post chart. */
    private static List<String> component(FluxContext ctx, ComponentRef ref, String previousTerminal,
                                          Map<String, String> helmSources) {
        DeployerInput in = ctx.in;
        ctx.tree.dir(ref.name(), DIR_MODE);
        List<String> dependsOn = previousTerminal == null ? List.of() : List.of(previousTerminal);
        List<String> resources = new ArrayList<>();
        List<ManifestFile> pre = in.pre().getOrDefault(ref.name(), List.of());
        List<ManifestFile> post = in.post().getOrDefault(ref.name(), List.of());
        if (!pre.isEmpty()) {
            String preName = ref.name() + "-pre";
            resources.addAll(LocalChart.write(ctx, ref, preName, pre, dependsOn));
            dependsOn = List.of(preName);
        }
        if (!ref.type().equals("Helm")) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "unsupported component type " + quote(ref.type())
                    + " for component " + quote(ref.name()));
        }
        if (ref.chart().isEmpty() && ref.source().isEmpty() && !post.isEmpty()) {
            resources.addAll(LocalChart.write(ctx, ref, ref.name(), post, dependsOn));
            return resources;
        }
        resources.addAll(vendors(in, ref) ? LocalChart.vendored(ctx, ref, dependsOn) : upstream(ctx, ref, dependsOn, helmSources));
        if (!post.isEmpty()) {
            resources.addAll(LocalChart.write(ctx, ref, ref.name() + "-post", post, List.of(ref.name())));
        }
        return resources;
    }

    /** A HelmRelease of the component's chart from its HelmRepository, static values inline. */
    private static List<String> upstream(FluxContext ctx, ComponentRef ref, List<String> dependsOn,
                                         Map<String, String> helmSources) {
        List<String> resources = new ArrayList<>();
        FluxContext.ReleaseValues rv = ctx.releaseValues(ref.name(), ref.name(), v -> v, resources);
        Map<String, Object> values = rv.statics();
        String valuesFrom = rv.valuesFrom();
        boolean oci = ref.source().startsWith("oci://");
        Map<String, Object> d = ctx.data("Name", ref.name(), "TargetNamespace", ref.namespace(),
                "Chart", ref.chart().isEmpty() ? ref.name() : ref.chart(),
                "Version", oci ? ref.version() : Versions.stripV(ref.version()), "SourceKind", "HelmRepository",
                "SourceName", helmSources.getOrDefault(ref.source(), SourceNames.sanitize(ref.source(), "default-source")),
                "DependsOn", dependsOn, "ValuesFrom", valuesFrom, "Values", indented(values));
        resources.add(ctx.write(ref.name() + "/helmrelease.yaml", "flux/helmrelease.yaml.tmpl", d));
        return resources;
    }

    /** With {@code --vendor-charts}, charts from a repository are pulled into the bundle. */
    static boolean vendors(DeployerInput in, ComponentRef ref) {
        return in.puller() != null && !ref.source().isEmpty() && ref.tag().isEmpty() && ref.path().isEmpty();
    }

    /** The release a component's successor waits for: its {@code -post} chart when it has one. */
    static String terminal(ComponentRef ref, DeployerInput in) {
        boolean hasChart = !ref.chart().isEmpty() || !ref.source().isEmpty();
        return hasChart && !in.post().getOrDefault(ref.name(), List.of()).isEmpty() ? ref.name() + "-post" : ref.name();
    }

    /** Sorted values YAML indented 4 spaces (the HelmRelease's {@code spec.values}); "" when empty. */
    static String indented(Map<String, Object> values) {
        if (values == null || values.isEmpty()) {
            return "";
        }
        return "    " + YamlWriter.write(values, true).replaceAll("\n+$", "").replace("\n", "\n    ");
    }

    private static void checkInjectedNames(DeployerInput in) {
        Set<String> declared = new HashSet<>();
        in.ordered().forEach(r -> declared.add(r.name()));
        for (ComponentRef r : in.ordered()) {
            String n = r.name();
            if (!in.pre().getOrDefault(n, List.of()).isEmpty() && declared.contains(n + "-pre")) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "component " + quote(n) + " has preManifestFiles and "
                        + "would inject " + quote(n) + "-pre, but a component named " + quote(n)
                        + "-pre is already declared in the recipe — rename one to avoid collision");
            }
            boolean hasChart = !r.chart().isEmpty() || !r.source().isEmpty();
            if (hasChart && !in.post().getOrDefault(n, List.of()).isEmpty() && declared.contains(n + "-post")) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "component " + quote(n) + " is mixed (helm + "
                        + "manifests) and would inject " + quote(n) + "-post, but a component named " + quote(n)
                        + "-post is already declared in the recipe — rename one to avoid collision");
            }
        }
    }

    /** README rows: one per release (pre and post included) with what it depends on. */
    static Map<String, Object> readme(DeployerInput in, FluxContext ctx) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<ComponentRef> refs = in.ordered();
        for (int i = 0; i < refs.size(); i++) {
            ComponentRef r = refs.get(i);
            String previous = i == 0 ? "-" : terminal(refs.get(i - 1), in);
            String primaryDeps = previous;
            if (!in.pre().getOrDefault(r.name(), List.of()).isEmpty()) {
                rows.add(row(r.name() + "-pre", "", r.namespace(), previous));
                primaryDeps = r.name() + "-pre";
            }
            rows.add(row(r.name(), r.version().isEmpty() ? r.tag() : r.version(), r.namespace(), primaryDeps));
            boolean hasChart = !r.chart().isEmpty() || !r.source().isEmpty();
            if (hasChart && !in.post().getOrDefault(r.name(), List.of()).isEmpty()) {
                rows.add(row(r.name() + "-post", "", r.namespace(), r.name()));
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("BundlerVersion", Versions.stripVOrDefault(in.settings().cliVersion()));
        d.put("Namespace", ctx.namespace());
        d.put("Releases", rows);
        return d;
    }

    private static Map<String, Object> row(String name, String version, String ns, String dependsOn) {
        return Map.of("Name", name, "Version", version, "Namespace", ns, "DependsOn", dependsOn);
    }

    /** Flux-wide settings and the tree being built. */
    static final class FluxContext {
        final DeployerInput in;
        final BundleTree tree;
        final List<VendorRecord> vendored = new ArrayList<>();

        FluxContext(DeployerInput in, BundleTree tree) {
            this.in = in;
            this.tree = tree;
        }

        String namespace() {
            return in.settings().fluxNamespace().isEmpty() ? "flux-system" : in.settings().fluxNamespace();
        }

        boolean ociMode() {
            return !in.settings().fluxOciSourceName().isEmpty();
        }

        String repoUrl() {
            return in.settings().repoUrl().isEmpty() ? PLACEHOLDER_REPO : in.settings().repoUrl();
        }

        String branch() {
            return in.settings().targetRevision().isEmpty() ? "main" : in.settings().targetRevision();
        }

        String gitSourceName() {
            return SourceNames.sanitize(repoUrl(), "default-source");
        }

        /** A release's static values and the ConfigMap holding its install-time values (or null). */
        record ReleaseValues(Map<String, Object> statics, String valuesFrom) {
        }

        /**
         * The component's values with its {@code --dynamic} paths split off into a ConfigMap named
         * {@code dir} ({@code shape} wraps the dynamic part as the chart expects it); the
         * ConfigMap's file is added to {@code resources}.
         */
        ReleaseValues releaseValues(String component, String dir,
                                    java.util.function.UnaryOperator<Map<String, Object>> shape, List<String> resources) {
            List<String> paths = in.dynamic().of(component);
            Map<String, Object> values = in.valuesOf(component);
            if (paths.isEmpty()) {
                return new ReleaseValues(values, null);
            }
            ValueSplit split = ValueSplit.of(values, paths);
            String valuesFrom = configMap(dir, dir, shape.apply(split.dynamic()));
            resources.add(dir + "/configmap-values.yaml");
            return new ReleaseValues(split.statics(), valuesFrom);
        }

        /** Template data: the flux namespace plus alternating keys and values. */
        Map<String, Object> data(Object... kv) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("Namespace", namespace());
            for (int i = 0; i + 1 < kv.length; i += 2) {
                d.put((String) kv[i], kv[i + 1]);
            }
            return d;
        }

        /** Renders a template into the tree; returns the path (a kustomization resource). */
        String write(String path, String template, Object data) {
            tree.put(SafePath.checked(path), BundleTemplates.render(template, data), FILE_MODE);
            return path;
        }

        /** The {@code <release>-values} ConfigMap holding install-time values; returns its name. */
        String configMap(String dir, String release, Map<String, Object> dynamic) {
            String name = release + "-values";
            write(dir + "/configmap-values.yaml", "flux/configmap-values.yaml.tmpl",
                    data("Name", name, "Values", indented(dynamic)));
            return name;
        }
    }
}
