package aicr.bundle;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --attest}: signing a bundle requires the running binary's own release attestation
 * ({@code <executable>-attestation.sigstore.json}), which proves the bundler was built by the
 * release pipeline. aicr-j is not released with one, so an attested bundle cannot be made; the
 * check runs before any work, as in the reference, and fails with its exit code (3).
 */
final class Attestation {
    private Attestation() {
    }

    static final String SUFFIX = "-attestation.sigstore.json";

    static void requireBinaryAttestation() {
        Path executable = executable();
        Path attestation = Path.of(executable + SUFFIX);
        if (!Files.isRegularFile(attestation)) {
            throw new AicrException(ErrorCode.NOT_FOUND, "binary attestation not found at " + attestation + "\n\n"
                    + "The --attest flag requires a binary installed using the install script, which\n"
                    + "includes a cryptographic attestation from NVIDIA. Binaries installed via\n"
                    + "\"go install\" or manual download do not include this file.\n\n"
                    + "To fix:\n"
                    + "  - Reinstall using the install script\n"
                    + "  - Or remove --attest to generate bundles without attestation");
        }
        throw new AicrException(ErrorCode.UNAUTHORIZED, "binary attestation verification failed; only NVIDIA-built "
                + "binaries can attest bundles — remove --attest to skip");
    }

    /** The jar this CLI runs from (the closest thing to the reference's executable). */
    private static Path executable() {
        try {
            return Path.of(Attestation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            return Path.of("aicr");
        }
    }
}
