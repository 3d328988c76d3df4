package aicr.bundle;

import aicr.bundle.checks.BundleChecks;
import aicr.bundle.checks.BundleOptions;
import aicr.bundle.checks.Notes;
import aicr.bundle.deployer.Deployer;
import aicr.bundle.deployer.DeployerInput;
import aicr.bundle.deployer.DeployerOutput;
import aicr.bundle.deployer.DeployerSettings;
import aicr.bundle.manifest.GkeQuota;
import aicr.bundle.manifest.ManifestCollector;
import aicr.bundle.manifest.ManifestFile;
import aicr.bundle.manifest.ReadinessGate;
import aicr.bundle.oci.OciPublisher;
import aicr.bundle.options.ArgoOptions;
import aicr.bundle.options.DeployerType;
import aicr.bundle.selection.ComponentSelection;
import aicr.bundle.tree.BundleTree;
import aicr.bundle.tree.Checksums;
import aicr.bundle.tree.TreeWriter;
import aicr.bundle.values.DynamicPaths;
import aicr.bundle.values.Overrides;
import aicr.bundle.values.ValueAssembler;
import aicr.bundle.vendor.ChartPuller;
import aicr.bundle.vendor.HelmCliPuller;
import aicr.data.DataSource;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.gocompat.GoStrings;
import aicr.io.YamlWriter;
import aicr.log.Log;
import aicr.recipe.ComponentRegistry;
import aicr.recipe.RecipeLoader;
import aicr.recipe.RecipeResult;
import aicr.recipe.RecipeStore;
import aicr.recipe.Recipes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code aicr bundle}: recipe in, deployment tree out. The whole tree is assembled in memory
 * (values, manifests, deployer files, checksums) and only then written, through a staging
 * directory beside the target, so a failure at any step leaves no output behind.
 */
public final class Bundler {
    private Bundler() {
    }

    /**
     * The version a bundle names its generator by (README, deploy.sh, gate image, default OCI
     * tag). Development builds ({@code -SNAPSHOT}) call themselves {@code dev}, as untagged
     * builds of the reference do, so that bundles of a development build do not pin a
     * release image that does not exist.
     */
    public static String bundlerVersion(String buildVersion) {
        return buildVersion == null || buildVersion.isEmpty() || buildVersion.endsWith("-SNAPSHOT") ? "dev" : buildVersion;
    }

    /** Runs one bundle command. */
    public static BundleSummary run(BundleFlags flags, String version) {
        long start = System.nanoTime();
        ConfigFile.BundleSpec config = flags.config() == null ? null : ConfigFile.load(flags.config());
        Phases phases = new Phases(start);
        RecipeStore store = Recipes.store(flags.data(), false);
        phases.done("data");
        BundleSettings s = FlagResolver.resolve(flags, config, version);
        Log.info("generating bundle", "deployer", s.deployer().id(), "type", s.deployer().title(), "recipe", s.recipe(),
                "output", s.outputDir(), "oci", s.oci() != null);
        RecipeResult recipe = RecipeLoader.load(s.recipe(), store, flags.kubeconfig());
        phases.done("recipe");
        aicr.attest.BundleAttester attester = s.attest() ? Attestation.prepare(flags, config) : null;
        Built built = build(s, recipe, store, phases);
        List<String> notes = built.notes();
        if (attester != null) {
            notes = new ArrayList<>(notes);
            notes.add(Attestation.attest(attester, built.tree(), s, built.filtered()));
            phases.done("attest");
        }
        TreeWriter.commit(built.tree(), s.outputDir(), name -> built.deployer().isStale(name,
                Files.isDirectory(s.outputDir().resolve(name), LinkOption.NOFOLLOW_LINKS)));
        phases.done("write");
        double seconds = (System.nanoTime() - start) / 1e9;
        Log.info("bundle generated", "type", s.deployer().title(), "files", built.tree().files().size(),
                "size_bytes", built.tree().totalSize(), "duration_sec", seconds, "output_dir", s.outputDir());
        boolean chart = built.deployer().isHelmChart();
        if (s.oci() != null) {
            OciPublisher.publish(built.tree(), s.oci(), chart, s.plainHttp(), s.insecureTls(), s.version(), s.imageRefs());
        }
        return new BundleSummary(s.deployer().title(), s.outputDir(), built.tree().files().size(), built.tree().totalSize(),
                notes, built.steps(), s.oci(), chart);
    }

    /**
     * Builds a bundle in memory only, for the HTTP API: the recipe is already decoded and the
     * options already parsed; nothing is read from or written to disk (no --data, no OCI, no
     * signing). The tree is the same the CLI would write for the same recipe and options.
     */
    public static BundleTree buildInMemory(ApiBundleOptions o, RecipeResult recipe, RecipeStore store, String version) {
        BundleSettings s = new BundleSettings("", Path.of("."), null, o.deployer(), o.repo(), "", o.set(), List.of(),
                o.dynamic(), o.scheduling(), o.vendorCharts(), false,
                o.deployer() == DeployerType.FLUX ? FlagResolver.DEFAULT_FLUX_NAMESPACE : "", "", o.appName(), null,
                false, false, false, "", version, List.of(), aicr.rules.Limits.DEFAULT);
        return build(s, recipe, store, new Phases(System.nanoTime())).tree();
    }

    /** The finished tree with the deployer that produced it and the summary lines. */
    private record Built(BundleTree tree, Deployer deployer, List<String> notes, List<String> steps, RecipeResult filtered) {
    }

    /** Debug timings of the run's phases ({@code --debug}). */
    private static final class Phases {
        private long last;

        Phases(long start) {
            this.last = start;
        }

        void done(String phase) {
            long now = System.nanoTime();
            Log.debug("bundle phase done", "phase", phase, "ms", (now - last) / 1_000_000);
            last = now;
        }
    }

    private static Built build(BundleSettings s, RecipeResult recipe, RecipeStore store, Phases phases) {
        ComponentRegistry registry = store.componentRegistry();
        DataSource data = store.data();
        Deployer deployer = Deployers.of(s.deployer());
        Overrides overrides = new Overrides(s.set(), s.typed());
        ComponentSelection.Selected selected = ComponentSelection.select(recipe, overrides, registry);
        RecipeResult filtered = selected.recipe();
        DynamicPaths dynamic = DynamicPaths.resolve(s.dynamic(), registry);
        Notes notes = new Notes();
        Map<String, Map<String, Object>> values = new ValueAssembler(data, registry, overrides, dynamic, s.scheduling())
                .assembleAll(filtered.componentRefs(), notes);
        phases.done("values");
        BundleChecks.run(new BundleChecks.Facts(filtered, values, checkOptions(s), overrides.asSetValues()), registry, notes,
                new BundleChecks.Rules(s.rules(), s.ruleLimits()));
        phases.done("checks");

        if (s.readinessHooks() && deployer.readinessGateAnnotations() == null) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "--readiness-hooks is not supported with --deployer "
                    + GoStrings.quote(s.deployer().id()) + "; supported deployers: " + Deployers.withReadinessGates());
        }
        ArgoOptions argo = argoOptions(overrides, deployer, s.deployer());
        deployer.checkFlags(s.repoUrl(), dynamic);
        Map<String, List<ManifestFile>> pre = ManifestCollector.collect(filtered.componentRefs(), data, ManifestCollector.Phase.PRE);
        GkeQuota.addTo(pre, filtered, filtered.componentRefs(), registry);
        Map<String, List<ManifestFile>> post = ManifestCollector.collect(filtered.componentRefs(), data, ManifestCollector.Phase.POST);
        Map<String, List<ManifestFile>> readiness = s.readinessHooks()
                ? ReadinessGate.collect(filtered.componentRefs(), data, deployer.readinessGateAnnotations(), s.version())
                : new LinkedHashMap<>();

        DeployerSettings ds = new DeployerSettings(s.version(), s.repoUrl(), s.targetRevision(), s.appName(), argo,
                s.fluxNamespace(), s.fluxOciSourceName(), s.oci() == null ? "" : s.oci().chartName(),
                s.oci() == null ? "" : s.oci().parentNamespace(), s.outputDir().toString());
        ChartPuller puller = s.vendorCharts() ? HelmCliPuller.fromPath() : null;
        DeployerInput in = new DeployerInput(filtered, selected.ordered(), values, dynamic, pre, post, readiness, registry, ds,
                puller);
        phases.done("manifests");
        DeployerOutput out = deployer.generate(in);
        phases.done("deployer");
        BundleTree tree = out.tree();
        if (data.hasExternal()) {
            copyData(data, tree);
        }
        if (deployer.includesRecipe()) {
            tree.put("recipe.yaml", YamlWriter.write(filtered.toStruct(), true), 0600);
        }
        Checksums.addTo(tree);
        List<String> allNotes = new ArrayList<>(out.notes());
        allNotes.addAll(notes.all());
        return new Built(tree, deployer, allNotes, out.steps(), filtered);
    }

    private static BundleOptions checkOptions(BundleSettings s) {
        return new BundleOptions(s.deployer().id(), s.scheduling().systemNodeSelector(),
                s.scheduling().acceleratedNodeSelector(), s.scheduling().workloadSelector(), s.scheduling().storageClass(),
                s.scheduling().nodes(), s.scheduling().systemTolerations(), s.scheduling().acceleratedTolerations());
    }

    /** {@code --set deployer:<key>=<value>}: Argo CD Application options; rejected for other deployers. */
    private static ArgoOptions argoOptions(Overrides overrides, Deployer deployer, DeployerType type) {
        if (overrides.hasTypedUnder(Overrides.DEPLOYER_KEY)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "deployer options do not support --set-json/--set-file; use --set deployer:<key>=<value>");
        }
        Map<String, String> entries = overrides.scalarUnder(Overrides.DEPLOYER_KEY);
        if (entries.isEmpty()) {
            return ArgoOptions.DEFAULTS;
        }
        ArgoOptions opts = ArgoOptions.parse(entries);
        if (!deployer.takesApplicationOptions()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "--set deployer:<key> options are only supported with "
                    + "--deployer argocd or argocd-helm (got " + GoStrings.quote(type.id()) + ")");
        }
        return opts;
    }

    /**
     * The {@code --data} directory is shipped inside the bundle so the bundle can be reproduced and
     * audited: the files the data provider accepted (regular files, no symlinks, each at most
     * 10 MiB), read through its bounded reader, except hidden ones. A path with a segment that
     * starts with a dot ({@code .env}, {@code .git/}, {@code .ssh/id_rsa}) is never copied: such
     * files are not recipe data, and they are where secrets live.
     */
    private static void copyData(DataSource data, BundleTree tree) {
        int skipped = 0;
        for (String rel : data.externalFiles()) {
            if (isHidden(rel)) {
                skipped++;
                continue;
            }
            String dest = "data/" + rel;
            for (int slash = dest.indexOf('/'); slash >= 0; slash = dest.indexOf('/', slash + 1)) {
                tree.dir(dest.substring(0, slash), BundleTree.DIR_MODE);
            }
            tree.put(dest, data.readBytes(rel), 0644);
        }
        tree.dir("data", BundleTree.DIR_MODE);
        Log.info("external data files copied into bundle", "count",
                tree.files().keySet().stream().filter(k -> k.startsWith("data/")).count());
        if (skipped > 0) {
            Log.info("hidden files of the external data directory not copied into the bundle", "count", skipped);
        }
    }

    private static boolean isHidden(String rel) {
        for (String segment : rel.split("/")) {
            if (segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
