package aicr.cli;

import aicr.BuildInfo;
import aicr.bundle.options.ComponentPath;
import aicr.config.AicrConfig;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Output;
import aicr.log.Log;
import aicr.mirror.Discovery;
import aicr.mirror.HelmTemplate;
import aicr.mirror.MirrorList;
import aicr.recipe.RecipeLoader;
import aicr.recipe.RecipeResult;
import aicr.recipe.RecipeStore;
import aicr.recipe.Recipes;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aicr mirror}: what to copy into a registry for an air-gapped install. */
@Command(name = "mirror", mixinStandardHelpOptions = true, subcommands = MirrorCommand.ListCommand.class,
        description = "Find the container images and Helm charts a recipe deploys, for air-gapped mirroring.")
final class MirrorCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Streams.out());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List every container image and Helm chart of a recipe (from --recipe, or resolved from criteria).",
                    "Charts are rendered with `helm template` and the recipe's values to find their images; without helm",
                    "on PATH the charts and the images of manifest files are listed and a warning names what is missing."},
            footer = {"", "Formats: yaml (default), json, hauler (content.hauler.cattle.io/v1), zarf (ZarfPackageConfig).",
                    "", "Examples:",
                    "  aicr mirror list -r recipe.yaml",
                    "  aicr mirror list --service eks --accelerator h100 --intent training --os ubuntu -f json",
                    "  aicr mirror list -r recipe.yaml -f hauler -o hauler-manifest.yaml",
                    "  aicr mirror list -r recipe.yaml -f zarf > zarf.yaml",
                    "  aicr mirror list -r recipe.yaml --set gpuoperator:driver.enabled=false"})
    static final class ListCommand implements java.util.concurrent.Callable<Integer> {
        @Option(names = {"-r", "--recipe"}, paramLabel = "PATH", description = "Recipe file or http(s) URL (instead of criteria).")
        String recipe;

        @Mixin
        CriteriaOptions criteria;

        @Mixin
        DataOption data;

        @Mixin
        ConfigOption config;

        @Option(names = "--set", paramLabel = "C:PATH=VALUE",
                description = "Value override that changes which images a chart renders (e.g. gpuoperator:driver.enabled=false).")
        List<String> set;

        @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "yaml",
                completionCandidates = Formats.class, description = "yaml, json, hauler or zarf (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = {"-o", "--output"}, paramLabel = "PATH", description = "Output file (default: stdout).")
        String output;

        static final class Formats implements Iterable<String> {
            @Override
            public java.util.Iterator<String> iterator() {
                return MirrorList.FORMATS.iterator();
            }
        }

        @Override
        public Integer call() {
            MirrorList.checkFormat(format);
            AicrConfig cfg = config.load();
            RecipeResult r;
            RecipeStore store;
            if (recipe != null && !recipe.isEmpty()) {
                store = Recipes.store(data.dir, criteria.strict, cfg);
                Log.info("loading recipe from file", "path", recipe);
                r = RecipeLoader.load(recipe, store);
            } else {
                Recipes.Resolved res = Recipes.run(new Recipes.Request(data.dir, criteria.strict, cfg, criteria.criteriaFile,
                        criteria.flags(), null, "yaml"), snap -> null);
                store = res.store();
                r = res.result();
            }
            List<ComponentPath> overrides;
            try {
                overrides = ComponentPath.parseValueOverrides(set == null ? List.of() : set);
            } catch (AicrException e) {
                throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "invalid --set", e);
            }
            Log.info("discovering images and charts", "components", r.componentRefs().size());
            MirrorList list = Discovery.discover(r, store, overrides, HelmTemplate.fromPath(), BuildInfo.VERSION);
            Log.info("discovery complete", "images", list.images().size(), "charts", list.charts().size(),
                    "components", list.components().size());
            Output.write(output == null ? "" : output, list.render(format), Streams.out());
            return 0;
        }
    }
}
