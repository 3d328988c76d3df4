package aicr.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}: an external data directory layered over the embedded catalog. */
final class DataOption {
    @Option(names = "--data", paramLabel = "DIR",
            description = "External recipe data directory (must contain registry.yaml); its files replace embedded files at the same path.")
    Path dir;
}
