package aicr.cli;

import aicr.recipe.Recipes;
import aicr.recipe.RecipeCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aicr recipe list}: the overlays of the catalog, optionally filtered. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the catalog's overlays with their criteria; filters match the overlay's own values exactly.",
                "Leaf overlays are resolved offline and graded: STATUS (pass, warn, fail, unknown from resolves,",
                "chart_pinned, constraints_wellformed) and COVERAGE (named checks per validation phase,",
                "R:readiness D:deployment P:performance C:conformance)."},
        footer = {"", "Examples:", "  aicr recipe list", "  aicr recipe list --service eks --intent training -t yaml"})
final class RecipeListCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    DimensionOptions filter;

    @Mixin
    DataOption data;

    @Option(names = {"-t", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: table, json, yaml (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"--no-health", "--skip-health"},
            description = "Skip the per-leaf structural health (the STATUS/COVERAGE columns and the health block).")
    boolean noHealth;

    @Override
    public Integer call() {
        var store = Recipes.store(data.dir, false);
        Streams.out().print(RecipeCatalog.render(store, filter.flags(0), format, noHealth ? null
                : e -> aicr.health.RecipeHealth.of(store, e.criteria(), aicr.BuildInfo.VERSION)));
        Streams.out().flush();
        return 0;
    }
}
