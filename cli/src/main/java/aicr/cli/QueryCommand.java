package aicr.cli;

import aicr.log.Log;
import aicr.recipe.RecipeResult;
import aicr.recipe.RecipeStore;
import aicr.recipe.Recipes;
import aicr.snapshot.Snapshot;
import aicr.snapshot.SnapshotReader;
import aicr.validate.SnapshotConstraintCheck;
import aicr.recipe.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aicr query}: one value of the hydrated recipe. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Resolve a recipe and print the value at a dot-path selector (component values are hydrated).",
        footer = {"", "Selectors walk maps only: criteria.service, deploymentOrder, constraints,",
                "components.<name>, components.<name>.values.<path>. A leading '.' is allowed; '' selects everything.",
                "", "Examples:",
                "  aicr query --service eks --accelerator h100 --os ubuntu --intent training \\",
                "      --selector components.gpu-operator.values.driver.version",
                "  aicr query --service kind --gpu h100 --intent inference --selector deploymentOrder -t json"})
final class QueryCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    CriteriaOptions criteria;

    @Mixin
    DataOption data;

    @Mixin
    ConfigOption config;

    @Option(names = {"-s", "--snapshot"}, paramLabel = "FILE|URL",
            description = "Snapshot to derive criteria from; overlay constraints are evaluated against it.")
    String snapshot;

    @Option(names = "--selector", required = true, paramLabel = "PATH", description = "Dot-path into the hydrated recipe.")
    String selector;

    @Option(names = {"-t", "--format"}, paramLabel = "FORMAT",
            description = "Output format: yaml, json, table (default: yaml).")
    String format;

    @Override
    public Integer call() {
        var cfg = config.load();
        RecipeStore store = Recipes.store(data.dir, criteria.strict, cfg);
        String fmt = Recipes.checkFormat(ConfigOption.pick(format, cfg.string("recipe", "output", "format"), "yaml"));
        String snapshotUri = ConfigOption.pick(snapshot, cfg.string("recipe", "input", "snapshot"), null);
        Snapshot snap = snapshotUri == null ? null : SnapshotReader.read(snapshotUri);
        var query = Recipes.criteria(store, cfg, criteria.criteriaFile, criteria.flags(), snap);
        RecipeResult result = Recipes.resolve(store, query, snap == null ? null : new SnapshotConstraintCheck(snap));
        Object selected = Query.select(Recipes.queryDocument(result, store, fmt), selector);
        Streams.out().print(Recipes.renderSelected(selected, fmt));
        Streams.out().flush();
        return 0;
    }
}
