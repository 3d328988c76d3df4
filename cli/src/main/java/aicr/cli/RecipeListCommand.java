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
    @Option(names = "--service", paramLabel = "SERVICE", description = "Only overlays for this service.")
    String service;
    @Option(names = {"--accelerator", "--gpu"}, paramLabel = "ACCEL", description = "Only overlays for this accelerator.")
    String accelerator;
    @Option(names = "--intent", paramLabel = "INTENT", description = "Only overlays for this intent.")
    String intent;
    @Option(names = "--os", paramLabel = "OS", description = "Only overlays for this OS.")
    String os;
    @Option(names = "--platform", paramLabel = "PLATFORM", description = "Only overlays for this platform.")
    String platform;

    @Mixin
    DataOption data;

    @Option(names = {"-t", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: table, json, yaml (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        var store = Recipes.store(data.dir, false);
        var flags = new aicr.criteria.CriteriaFlags(service, accelerator, intent, os, platform, 0);
        Streams.out().print(RecipeCatalog.render(store, flags, format));
        Streams.out().flush();
        return 0;
    }
}
