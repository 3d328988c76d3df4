package aicr.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code aicr validate}'s recipe-evidence flags (spec §7.1): where to emit, what to include, where to push. */
final class EvidenceEmitOptions {
    @Option(names = "--emit-attestation", paramLabel = "DIR",
            description = "Write a recipe evidence bundle (summary-bundle/ and pointer.yaml) to DIR after validation.")
    Path emitAttestation;

    @Option(names = "--bom", paramLabel = "FILE", description = "CycloneDX BOM to include (default: generated from the recipe).")
    Path bom;

    @Option(names = "--full", description = "Include the complete snapshot and CTRF messages (default: minimized).")
    boolean full;

    @Option(names = "--push", paramLabel = "OCI_REF", description = "Push the evidence bundle (and sign it keyless) to this registry reference.")
    String push;

    @Option(names = "--no-sign", description = "With --push: push unsigned (sign later with `aicr evidence sign`).")
    boolean noSign;

    @picocli.CommandLine.Mixin
    RegistryFlags registry;

    @picocli.CommandLine.Mixin
    KeylessFlags keyless;

    /** Whether evidence was asked for (the rest is {@link EvidenceEmit}'s, loaded only then). */
    boolean requested() {
        return emitAttestation != null;
    }
}
