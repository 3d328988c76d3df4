package aicr.cli;

import aicr.diff.DiffRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aicr diff}: configuration drift between two snapshots. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two snapshots reading by reading: every added, removed and modified reading by path",
                "(Type.subtype.key), with a summary. Snapshots are files, http(s) URLs or cm://namespace/name."},
        footer = {"", "Exit codes: 0 ok (also with drift, unless --fail-on-drift); 2 drift with --fail-on-drift,",
                "bad flags, unsupported apiVersion; 3 snapshot not found; 8 unreadable snapshot.",
                "", "Examples:",
                "  aicr diff --baseline before.yaml --target after.yaml",
                "  aicr diff --baseline before.yaml --target after.yaml --format table",
                "  aicr diff -b before.yaml --target after.yaml --format json --fail-on-drift",
                "  aicr diff --baseline cm://default/baseline --target cm://default/current"})
final class DiffCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = {"-b", "--baseline"}, paramLabel = "URI", description = "Baseline snapshot (the reference state).")
    String baseline;

    @Option(names = "--target", paramLabel = "URI", description = "Target snapshot (the current state).")
    String target;

    @Option(names = "--fail-on-drift", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Exit 2 when anything changed (the result is still written).")
    boolean failOnDrift;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH", description = "Output: file, '-' (stdout, default) or cm://namespace/name.")
    String output;

    @Option(names = {"-t", "--format"}, paramLabel = "FORMAT", description = "yaml (default), json or table.")
    String format;

    @Option(names = {"-k", "--kubeconfig"}, paramLabel = "PATH", description = "Kubeconfig for cm:// snapshots and output.")
    String kubeconfig;

    @Override
    public Integer call() {
        DiffRun.run(baseline, target, format, output, failOnDrift, kubeconfig, Streams.out());
        return 0;
    }
}
