package aicr.cli;

import picocli.CommandLine.Option;

/** The five criteria dimensions as flags (recipe, query and the recipe list filters). */
final class DimensionOptions {
    /** Built-in values per dimension, for shell completion. */
    abstract static class Values implements Iterable<String> {
        private final aicr.criteria.Dimension d;

        Values(aicr.criteria.Dimension d) {
            this.d = d;
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return d.staticValues().iterator();
        }
    }

    static final class Services extends Values {
        Services() {
            super(aicr.criteria.Dimension.SERVICE);
        }
    }

    static final class Accelerators extends Values {
        Accelerators() {
            super(aicr.criteria.Dimension.ACCELERATOR);
        }
    }

    static final class Intents extends Values {
        Intents() {
            super(aicr.criteria.Dimension.INTENT);
        }
    }

    static final class OsFamilies extends Values {
        OsFamilies() {
            super(aicr.criteria.Dimension.OS);
        }
    }

    static final class Platforms extends Values {
        Platforms() {
            super(aicr.criteria.Dimension.PLATFORM);
        }
    }

    @Option(names = "--service", paramLabel = "SERVICE", completionCandidates = Services.class,
            description = "Kubernetes service: aks, bcm, eks, gke, kind, lke, metal3, ocp, oke (or a --data value).")
    String service;

    @Option(names = {"--accelerator", "--gpu"}, paramLabel = "ACCEL", completionCandidates = Accelerators.class,
            description = "Accelerator: a100, b200, gb200, gb300, h100, h200, l40, l40s, rtx-pro-6000.")
    String accelerator;

    @Option(names = "--intent", paramLabel = "INTENT", completionCandidates = Intents.class, description = "Workload intent: inference, training.")
    String intent;

    @Option(names = "--os", paramLabel = "OS", completionCandidates = OsFamilies.class, description = "GPU node OS: amazonlinux, cos, ol, rhel, talos, ubuntu.")
    String os;

    @Option(names = "--platform", paramLabel = "PLATFORM", completionCandidates = Platforms.class, description = "Platform: dynamo, kubeflow, nim, runai, slurm.")
    String platform;

    aicr.criteria.CriteriaFlags flags(int nodes) {
        return new aicr.criteria.CriteriaFlags(service, accelerator, intent, os, platform, nodes);
    }
}
