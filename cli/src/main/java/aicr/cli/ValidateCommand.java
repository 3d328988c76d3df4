package aicr.cli;

import aicr.validate.ClusterValidation;
import aicr.validate.LiveSettings;
import aicr.validate.ValidateRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aicr validate}: check a recipe's constraints against a snapshot and report in CTRF. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validate a cluster snapshot against a recipe. The recipe's readiness constraints",
                "are decided by the constraint rules (rules/constraints, plus --rules DIR), then",
                "the validation phases run. The report is CTRF JSON; every constraint result",
                "names the rule and the rule file that decided it."},
        footer = {"", "Exit codes:",
                "  0  all phases passed or were skipped (with --golden: the report equals the golden file)",
                "  2  a readiness constraint failed or could not be evaluated (the report is",
                "     still written); bad flags; an invalid or unsafe --rules file; a rule session",
                "     over its limits",
                "  3  recipe, snapshot or golden file not found",
                "  5  the rule session ran out of time (--rule-timeout)",
                "  8  a phase failed or other (with --fail-on-error; the report is written), unreadable",
                "     input, cluster unreachable or forbidden, snapshot agent failure",
                " 10  --golden: the report differs from the golden file (the difference is printed)",
                "A run that fails before writing its report removes the -o and --junit files of an earlier run.",
                "", "Examples:",
                "  aicr validate -r recipe.yaml -s snapshot.yaml --no-cluster -o report.json",
                "  aicr validate -r recipe.yaml -s snapshot.yaml --phase deployment,conformance -o report.json",
                "  aicr validate -r recipe.yaml --phase deployment --no-cleanup   (snapshot agent first)",
                "  aicr validate -r recipe.yaml -s snapshot.yaml --no-cluster --phase deployment",
                "  aicr validate -r recipe.yaml -s snapshot.yaml --no-cluster --rules org-rules --rules team-rules",
                "  aicr validate -r recipe.yaml -s snapshot.yaml --no-cluster -o report.json --junit junit.xml \\",
                "      --golden approved/report.json",
                "  aicr validate -r recipe.yaml -s snapshot.yaml --no-cluster --emit-attestation ./evidence"})
final class ValidateCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = {"-r", "--recipe"}, paramLabel = "URI", description = "Recipe: file, http(s) URL or cm://namespace/name.")
    String recipe;

    @Option(names = {"-s", "--snapshot"}, paramLabel = "URI",
            description = "Snapshot: file, http(s) URL or cm://namespace/name. Without it the reference deploys an agent (needs a cluster).")
    String snapshot;

    @Option(names = "--phase", paramLabel = "PHASE", split = ",",
            description = "Phase to run: deployment, performance, conformance, all (repeatable; default all, in the order deployment, conformance, performance).")
    List<String> phases = new ArrayList<>();

    @Option(names = "--fail-on-error", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Exit 8 when a phase fails (default true). Readiness failures always exit 2.")
    Boolean failOnError;

    @Option(names = "--fail-fast", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Skip later phases after a failing one.")
    Boolean failFast;

    @Option(names = "--no-cluster", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Offline dry-run: constraints are evaluated, validators reported as skipped. Requires --snapshot.")
    Boolean noCluster;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH", description = "Report: file, '-' (stdout, default) or cm://namespace/name.")
    String output;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Extra constraint rule files (repeatable, layered in order): a file adds rules, or replaces "
                    + "the shipped file (or an earlier DIR's file) with the same id. Only constraint-kind files are used; "
                    + "every file of DIR must be valid and safe (see docs/rules.md).")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--rule-timeout", paramLabel = "DURATION",
            description = "Time limit of the constraint rule session (default 60s; e.g. 30s, 2m).")
    String ruleTimeout;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the report's tests as JUnit XML to FILE.")
    String junit;

    @Option(names = "--golden", paramLabel = "FILE",
            description = "Compare the report with this approved report: exit 0 when equal, 10 and the difference "
                    + "on stderr when not.")
    String golden;

    @Option(names = "--update-golden", description = "Write the report to the --golden FILE instead of comparing.")
    boolean updateGolden;

    @Option(names = "--timestamps", description = "Write timestamp/start/stop into the report (off: reports are reproducible).")
    boolean timestamps;

    @Mixin
    DataOption data;

    @Mixin
    ConfigOption config;

    @Option(names = {"-k", "--kubeconfig"}, paramLabel = "PATH",
            description = "Kubeconfig for cm://namespace/name inputs and output (default: KUBECONFIG, ~/.kube/config, in-cluster).")
    String kubeconfig;

    @Mixin
    EvidenceEmitOptions evidence;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Namespace of the snapshot agent and the validator Jobs (env AICR_NAMESPACE; default aicr-validation).")
    String namespace;

    @Option(names = "--image", paramLabel = "IMAGE",
            description = "Snapshot agent image, when no --snapshot is given (env AICR_VALIDATOR_IMAGE; default ghcr.io/nvidia/aicr:<tag>).")
    String image;

    @Option(names = "--image-pull-secret", paramLabel = "NAME", description = "Image pull secret for the agent and validator Jobs (repeatable).")
    List<String> imagePullSecrets;

    @Option(names = "--job-name", paramLabel = "NAME", description = "Snapshot agent Job name (default aicr-validate).")
    String jobName;

    @Option(names = "--service-account-name", paramLabel = "NAME", description = "Snapshot agent ServiceAccount name (default aicr).")
    String serviceAccountName;

    @Option(names = "--node-selector", paramLabel = "K=V",
            description = "Node selector for the agent and for the workloads validators start (AICR_NODE_SELECTOR; repeatable).")
    List<String> nodeSelectors;

    @Option(names = "--toleration", paramLabel = "K=V:EFFECT",
            description = "Toleration for the agent and for the workloads validators start (AICR_TOLERATIONS; repeatable).")
    List<String> tolerations;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Wait for the snapshot agent Job (Go duration; default 5m). Validators use their catalog timeouts.")
    String timeout;

    @Option(names = "--no-cleanup", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Keep Jobs, RBAC (a cluster-admin binding) and ConfigMaps for debugging.")
    Boolean noCleanup;

    @Option(names = "--require-gpu", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "The snapshot agent requests an nvidia.com/gpu (env AICR_REQUIRE_GPU).")
    Boolean requireGpu;

    @Override
    public Integer call() {
        LiveSettings.Flags live = new LiveSettings.Flags(namespace != null ? namespace : Env.get("AICR_NAMESPACE"),
                image != null ? image : Env.get("AICR_VALIDATOR_IMAGE"), imagePullSecrets, jobName, serviceAccountName,
                nodeSelectors, tolerations, timeout, noCleanup, requireGpu != null ? requireGpu : Env.bool("AICR_REQUIRE_GPU"),
                Env.all());
        ValidateRun.Options o = ValidateRun.options(new ValidateRun.Flags(recipe, snapshot, phases, failOnError, failFast,
                noCluster, data.dir, rules, output, timestamps, kubeconfig, ruleTimeout,
                new ValidateRun.CiOutputs(junit, golden, updateGolden), live), config.load());
        try (ClusterValidation cluster = Clusters.validation(o)) {
            return evidence.requested() ? EvidenceEmit.run(o, evidence, cluster) : ValidateRun.run(o, Streams.out(), cluster);
        }
    }

    /**
     * After a flag error (before any of this command's code ran): the -o and --junit files of an
     * earlier run are removed, as after any other failed run, found in the raw arguments.
     */
    static void removeStaleOutputs(String[] args) {
        String out = null;
        String junit = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String next = i + 1 < args.length ? args[i + 1] : null;
            if ((a.equals("-o") || a.equals("--output")) && next != null) {
                out = next;
            } else if (a.startsWith("--output=")) {
                out = a.substring("--output=".length());
            } else if (a.startsWith("-o") && a.length() > 2) {
                out = a.substring(2);
            } else if (a.equals("--junit") && next != null) {
                junit = next;
            } else if (a.startsWith("--junit=")) {
                junit = a.substring("--junit=".length());
            }
        }
        ValidateRun.removeStale(out, junit);
    }
}
