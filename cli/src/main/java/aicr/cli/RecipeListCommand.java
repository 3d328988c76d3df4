package aicr.cli;

import aicr.recipe.Recipes;
import aicr.recipe.RecipeCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aicr recipe list}: the overlays of the catalog, optionally filtered. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the catalog's overlays with their criteria; filters match the overlay's own values exactly.",
        footer = {"", "Examples:", "  aicr recipe list", "  aicr recipe list --service eks --intent training -t yaml"})
final class RecipeListCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    DimensionOptions filter;

    @Mixin
    DataOption data;

    @Option(names = {"-t", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: table, json, yaml (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        var store = Recipes.store(data.dir, false);
        Streams.out().print(RecipeCatalog.render(store, filter.flags(0), format));
        Streams.out().flush();
        return 0;
    }
}
