package aicr.cli;

import java.io.OutputStream;
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

    @Override
    public Integer call() {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        PrintStream out = Streams.out();
        PrintStream err = Streams.err();
        try {
            for (String[] args : WORKLOAD) {
                Main.run(args, sink, sink);
            }
            ValidateCommand.train(sink);
            BundleCommand.trainCds(sink);
        } finally {
            Streams.set(out, err);
            aicr.log.Log.setOutput(err);
        }
        return 0;
    }
}
