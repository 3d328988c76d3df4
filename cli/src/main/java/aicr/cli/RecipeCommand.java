package aicr.cli;

import aicr.io.Output;
import aicr.log.Log;
import aicr.recipe.RecipeResult;
import aicr.recipe.RecipeStore;
import aicr.recipe.Recipes;
import aicr.snapshot.Snapshot;
import aicr.snapshot.SnapshotReader;
import aicr.validate.SnapshotConstraintCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aicr recipe}: resolve criteria into a recipe. */
@Command(name = "recipe", mixinStandardHelpOptions = true, subcommands = RecipeListCommand.class,
        description = "Create the recipe (components, constraints, deployment order, validation) for the given criteria.",
        footer = {"", "Examples:",
                "  aicr recipe --service eks --accelerator h100 --os ubuntu --intent training",
                "  aicr recipe --service gke --gpu h100 --os cos --intent inference --platform dynamo -t json",
                "  aicr recipe -c criteria.yaml --nodes 8 -o recipe.yaml",
                "  aicr recipe --config aicr-config.yaml --service gke",
                "  aicr recipe --service mycloud --accelerator h100 --data ./my-recipes",
                "  aicr recipe list --service eks"})
final class RecipeCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    CriteriaOptions criteria;

    @Mixin
    DataOption data;

    @Mixin
    ConfigOption config;

    @Option(names = {"-s", "--snapshot"}, paramLabel = "FILE|URL",
            description = "Snapshot to derive criteria from; overlay constraints are evaluated against it.")
    String snapshot;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH", description = "Output file (default: stdout; '-' is stdout).")
    String output;

    @Option(names = {"-t", "--format"}, paramLabel = "FORMAT",
            description = "Output format: yaml, json, table (default: yaml).")
    String format;

    @Override
    public Integer call() {
        var cfg = config.load();
        Log.info("generating recipe offline — reads inputs only; does not deploy to or modify any cluster");
        RecipeStore store = Recipes.store(data.dir, criteria.strict, cfg);
        String fmt = Recipes.checkFormat(ConfigOption.pick(format, cfg.string("recipe", "output", "format"), "yaml"));
        String output = ConfigOption.pick(this.output, cfg.string("recipe", "output", "path"), "");
        String snapshotUri = ConfigOption.pick(snapshot, cfg.string("recipe", "input", "snapshot"), null);
        Snapshot snap = snapshotUri == null ? null : SnapshotReader.read(snapshotUri);
        var query = Recipes.criteria(store, cfg, criteria.criteriaFile, criteria.flags(), snap);
        RecipeResult result = Recipes.resolve(store, query, snap == null ? null : new SnapshotConstraintCheck(snap));
        Output.write(output, Recipes.render(result, fmt), Streams.out());
        Log.info("recipe generation completed", "output", output,
                "components", result.componentRefs.size(),
                "componentNames", String.join(", ", result.componentRefs.stream().map(r -> r.name).toList()),
                "overlays", result.metadata.appliedOverlays.size());
        return 0;
    }
}
