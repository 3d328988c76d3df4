package aicr.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * Hidden: runs a representative set of commands in one process so that the launcher's
 * class-data-sharing archive (recorded at exit) holds the classes of every common path,
 * not only those of whichever command happened to run first.
 */
@Command(name = "cds-train", hidden = true, description = "Internal: warm-up run used to record the CDS archive.")
final class CdsTrainCommand implements java.util.concurrent.Callable<Integer> {
    /** Command lines to exercise; other commands register theirs here. */
    static final List<String[]> WORKLOAD = new ArrayList<>(List.of(
            new String[]{"recipe", "--service", "eks", "--accelerator", "h100", "--os", "ubuntu", "--intent", "training"},
            new String[]{"recipe", "--service", "eks", "--accelerator", "h100", "--os", "ubuntu", "--intent", "training",
                    "-t", "json"},
            new String[]{"recipe", "--service", "kind", "-t", "table"},
            new String[]{"query", "--service", "eks", "--accelerator", "h100", "--os", "ubuntu", "--intent", "training",
                    "--selector", "components.gpu-operator.values"},
            new String[]{"recipe", "list"},
            new String[]{"recipe", "--service", "eks", "--accelerator", "h900"}));

    /** A snapshot that satisfies the eks/h100/ubuntu/training recipe's constraints. */
    private static final String SNAPSHOT = """
            kind: Snapshot
            apiVersion: aicr.run/v1alpha2
            measurements:
              - type: K8s
                subtypes: [{subtype: server, data: {version: v1.33.5-eks-3025e55}}]
              - type: OS
                subtypes:
                  - {subtype: sysctl, data: {/proc/sys/kernel/osrelease: 6.8.0-1024-aws}}
                  - {subtype: release, data: {ID: ubuntu, VERSION_ID: "24.04"}}
              - type: GPU
                subtypes: [{subtype: hardware, data: {gpu-count: 8}}]
            """;

    /**
     * The commands that read and write files: a recipe is written to a scratch directory, then
     * validated against a snapshot and bundled once per deployer, so the archive holds the
     * Drools runtime and the bundle path too. Best effort: a failure only makes the archive smaller.
     */
    private static void withScratchFiles(PrintStream sink) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("aicr-cds-");
            String recipe = scratch.resolve("recipe.yaml").toString();
            String snapshot = Files.writeString(scratch.resolve("snapshot.yaml"), SNAPSHOT).toString();
            Main.run(new String[]{"recipe", "--service", "eks", "--accelerator", "h100", "--os", "ubuntu", "--intent",
                    "training", "-o", recipe}, sink, sink);
            Main.run(new String[]{"validate", "-r", recipe, "-s", snapshot, "--no-cluster",
                    "-o", scratch.resolve("report.json").toString()}, sink, sink);
            Main.run(new String[]{"rules", "list"}, sink, sink);
            for (String d : List.of("helm", "helmfile", "argocd", "argocd-helm", "flux")) {
                Main.run(new String[]{"bundle", "-r", recipe, "-d", d, "-o", scratch.resolve(d).toString()}, sink, sink);
            }
        } catch (IOException e) {
            // no scratch directory: the archive lacks these paths
        } finally {
            if (scratch != null) {
                try (Stream<Path> s = Files.walk(scratch)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // scratch files only; the OS temp cleaner gets the rest
                }
            }
        }
    }

    @Override
    public Integer call() {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        PrintStream out = Streams.out();
        PrintStream err = Streams.err();
        try {
            for (String[] args : WORKLOAD) {
                Main.run(args, sink, sink);
            }
            withScratchFiles(sink);
        } finally {
            Streams.set(out, err);
            aicr.log.Log.setOutput(err);
        }
        return 0;
    }
}
