package aicr.cli;

import aicr.recipe.Recipes;
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
    RecipeInputs inputs;

    @Option(names = "--selector", required = true, paramLabel = "PATH", description = "Dot-path into the hydrated recipe.")
    String selector;

    @Override
    public Integer call() {
        Recipes.Resolved r = Recipes.run(inputs.request(inputs.config.load()), snap -> new SnapshotConstraintCheck(snap));
        Object selected = Query.select(Recipes.queryDocument(r.result(), r.store(), r.format()), selector);
        Streams.out().print(Recipes.renderSelected(selected, r.format()));
        Streams.out().flush();
        return 0;
    }
}
