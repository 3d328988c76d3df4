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
    /** The launcher's archive for offline commands: without the cluster paths it is half the size. */
    @picocli.CommandLine.Option(names = "--offline", description = "Leave out the cluster paths (Kubernetes client, snapshot).")
    boolean offline;

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
    private static void withScratchFiles(PrintStream sink, boolean offline) {
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
            Main.run(new String[]{"diff", "--baseline", snapshot, "--target", snapshot, "-t", "table"}, sink, sink);
            if (!offline) {
                withCluster(scratch, snapshot, sink);
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

    /**
     * The cluster paths: agent-mode collection on a small host root, and the Kubernetes client
     * against a loopback port that refuses at once (a cm:// read, the snapshot Job's first calls,
     * the agent's K8s collectors), so the archive holds the client without any cluster.
     */
    private static void withCluster(Path scratch, String snapshot, PrintStream sink) throws IOException {
        Path root = scratch.resolve("host");
        Files.createDirectories(root.resolve("proc/sys/kernel"));
        Files.createDirectories(root.resolve("etc"));
        Path pci = Files.createDirectories(root.resolve("sys/bus/pci/devices/0000:07:00.0"));
        Files.writeString(root.resolve("proc/cmdline"), "BOOT_IMAGE=/vmlinuz ro quiet\n");
        Files.writeString(root.resolve("proc/modules"), "nvidia 116384 0 - Live 0x0\n");
        Files.writeString(root.resolve("proc/sys/kernel/osrelease"), "6.8.0\n");
        Files.writeString(root.resolve("etc/os-release"), "ID=ubuntu\nVERSION_ID=\"24.04\"\n");
        for (String[] a : new String[][]{{"class", "0x030200"}, {"vendor", "0x10de"}, {"device", "0x2335"},
            {"subsystem_vendor", "0x10de"}, {"subsystem_device", "0x18be"}}) {
            Files.writeString(pci.resolve(a[0]), a[1] + "\n");
        }
        String refused = Files.writeString(scratch.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nclusters:\n"
                + "- cluster: {server: \"https://127.0.0.1:1\"}\n  name: c\ncontexts:\n- context: {cluster: c, user: u}\n"
                + "  name: x\ncurrent-context: x\nusers:\n- name: u\n  user: {token: t}\n").toString();
        java.util.Map<String, String> agent = new java.util.HashMap<>(System.getenv());
        agent.put("AICR_AGENT_MODE", "true");
        agent.put("AICR_HOST_ROOT", root.toString());
        agent.put("KUBECONFIG", "/nonexistent");
        for (String f : List.of("yaml", "json", "table")) {
            Main.run(new String[]{"snapshot", "-t", f, "-o", scratch.resolve("snap." + f).toString()}, sink, sink, agent);
        }
        agent.put("KUBECONFIG", refused);
        Main.run(new String[]{"snapshot", "-o", scratch.resolve("snap2.yaml").toString()}, sink, sink, agent);
        Main.run(new String[]{"recipe", "-s", "cm://default/aicr-snapshot", "-k", refused}, sink, sink);
        Main.run(new String[]{"recipe", "-s", snapshot, "-k", refused, "-o", "cm://default/recipe"}, sink, sink);
        Main.run(new String[]{"snapshot", "-k", refused, "-o", scratch.resolve("snap3.yaml").toString()}, sink, sink);
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
            withScratchFiles(sink, offline);
        } finally {
            Streams.set(out, err);
            aicr.log.Log.setOutput(err);
        }
        return 0;
    }
}
