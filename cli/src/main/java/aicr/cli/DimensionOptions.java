package aicr.cli;

import picocli.CommandLine.Option;

/** The five criteria dimensions as flags (recipe, query and the recipe list filters). */
final class DimensionOptions {
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

    aicr.criteria.CriteriaFlags flags(int nodes) {
        return new aicr.criteria.CriteriaFlags(service, accelerator, intent, os, platform, nodes);
    }
}
