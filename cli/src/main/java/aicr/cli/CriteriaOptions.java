package aicr.cli;

import aicr.criteria.CriteriaFlags;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The criteria flags shared by {@code recipe} and {@code query}. */
final class CriteriaOptions {
    @Mixin
    DimensionOptions dimensions;

    @Option(names = "--nodes", paramLabel = "N", description = "Number of GPU nodes (values <= 0 are ignored).")
    int nodes;

    @Option(names = {"--criteria", "-c"}, paramLabel = "FILE",
            description = "RecipeCriteria file (YAML, or JSON for .json); flags override its fields.")
    Path criteriaFile;

    @Option(names = "--criteria-strict",
            description = "Accept only criteria values of the embedded catalog (ignore --data contributions).")
    boolean strict;

    CriteriaFlags flags() {
        return dimensions.flags(nodes);
    }
}
