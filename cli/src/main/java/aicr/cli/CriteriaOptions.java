package aicr.cli;

import aicr.criteria.CriteriaFlags;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The criteria flags shared by {@code recipe} and {@code query}. */
final class CriteriaOptions {
    @Option(names = "--service", paramLabel = "SERVICE",
            description = "Kubernetes service: aks, bcm, eks, gke, kind, lke, metal3, ocp, oke (or a --data value).")
    String service;

    @Option(names = {"--accelerator", "--gpu"}, paramLabel = "ACCEL",
            description = "Accelerator: a100, b200, gb200, gb300, h100, h200, l40, l40s, rtx-pro-6000.")
    String accelerator;

    @Option(names = "--intent", paramLabel = "INTENT", description = "Workload intent: inference, training.")
    String intent;

    @Option(names = "--os", paramLabel = "OS", description = "GPU node OS: amazonlinux, cos, ol, rhel, talos, ubuntu.")
    String os;

    @Option(names = "--platform", paramLabel = "PLATFORM", description = "Platform: dynamo, kubeflow, nim, runai, slurm.")
    String platform;

    @Option(names = "--nodes", paramLabel = "N", description = "Number of GPU nodes (values <= 0 are ignored).")
    int nodes;

    @Option(names = {"--criteria", "-c"}, paramLabel = "FILE",
            description = "RecipeCriteria file (YAML, or JSON for .json); flags override its fields.")
    Path criteriaFile;

    @Option(names = "--criteria-strict",
            description = "Accept only criteria values of the embedded catalog (ignore --data contributions).")
    boolean strict;

    CriteriaFlags flags() {
        return new CriteriaFlags(service, accelerator, intent, os, platform, nodes);
    }
}
