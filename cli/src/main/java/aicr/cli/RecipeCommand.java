package aicr.cli;

import aicr.config.AicrConfig;
import aicr.io.Output;
import aicr.log.Log;
import aicr.recipe.Recipes;
import aicr.validate.SnapshotConstraintCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aicr recipe}: resolve criteria into a recipe. */
@Command(name = "recipe", mixinStandardHelpOptions = true, subcommands = {RecipeListCommand.class, VerifyCatalogCommand.class},
        description = "Create the recipe (components, constraints, deployment order, validation) for the given criteria.",
        footer = {"", "Examples:",
                "  aicr recipe --service eks --accelerator h100 --os ubuntu --intent training",
                "  aicr recipe --service gke --gpu h100 --os cos --intent inference --platform dynamo -t json",
                "  aicr recipe -c criteria.yaml --nodes 8 -o recipe.yaml",
                "  aicr recipe --config aicr-config.yaml --service gke",
                "  aicr recipe --service mycloud --accelerator h100 --data ./my-recipes",
                "  aicr recipe list --service eks",
                "  aicr recipe verify-catalog recipe-catalog.sigstore.json"})
final class RecipeCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    RecipeInputs inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH",
            description = "Output: file, '-' (stdout, default) or cm://namespace/name.")
    String output;

    @Override
    public Integer call() {
        AicrConfig cfg = inputs.config.load();
        Log.info("generating recipe offline — reads inputs only; does not deploy to or modify any cluster");
        Recipes.Resolved r = Recipes.run(inputs.request(cfg), snap -> new SnapshotConstraintCheck(snap));
        String out = ConfigOption.pick(output, cfg.string("recipe", "output", "path"), "");
        Output.write(out, new aicr.io.Document(Recipes.render(r.result(), r.format()), r.format(), r.result().kind(),
                r.result().metadata().version(), ""), Streams.out(), inputs.kubeconfig);
        Recipes.logCompleted(r.result(), out);
        return 0;
    }
}
