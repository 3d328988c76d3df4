package aicr.cli;

import aicr.config.AicrConfig;
import aicr.recipe.Recipes;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Everything {@code recipe} and {@code query} take to resolve a recipe. */
final class RecipeInputs {
    @Mixin
    CriteriaOptions criteria;

    @Mixin
    DataOption data;

    @Mixin
    ConfigOption config;

    @Option(names = {"-s", "--snapshot"}, paramLabel = "URI",
            description = "Snapshot (file, http(s) URL or cm://namespace/name) to derive criteria from; overlay constraints are evaluated against it.")
    String snapshot;

    @Option(names = {"-k", "--kubeconfig"}, paramLabel = "PATH",
            description = "Kubeconfig for cm://namespace/name snapshots and output (default: KUBECONFIG, ~/.kube/config, in-cluster).")
    String kubeconfig;

    @Option(names = {"-t", "--format"}, paramLabel = "FORMAT",
            description = "Output format: yaml, json, table (default: yaml).")
    String format;

    Recipes.Request request(AicrConfig cfg) {
        return new Recipes.Request(data.dir, criteria.strict, cfg, criteria.criteriaFile, criteria.flags(), snapshot, format,
                kubeconfig);
    }
}
