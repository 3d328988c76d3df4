package aicr.cli;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import aicr.verify.Policy;
import aicr.verify.Verification;
import aicr.verify.VerifyReport;
import aicr.verify.VerifyResult;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aicr verify}: a bundle's checksums and attestation chain, and the trust level they reach. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a bundle: checksums.txt (every file listed and matching), the bundle",
                "attestation over it, and the binary attestation of the tool that made it.",
                "",
                "Trust levels:",
                "  verified    checksums, bundle attestation and an NVIDIA-CI binary attestation, embedded data only",
                "  attested    bundle attestation verified; no binary attestation, or external --data included",
                "  unverified  checksums valid, no attestation (bundle made without --attest)",
                "  unknown     checksums missing or wrong, or an attestation present that failed",
                "",
                "Bundles signed by aicr-j reach \"attested\": there is no NVIDIA binary attestation for",
                "aicr-j, and its signed provenance says so (see docs/supply-chain.md)."},
        footer = {"", "Exit codes: 0 passed; 2 policy not met (trust level, creator, version) or bad",
                "flags; 3 bundle directory not found; 4 verification failed (checksums, an",
                "unlisted file, a bad attestation below the policy's level).",
                "", "Examples:",
                "  aicr verify ./my-bundle",
                "  aicr verify ./my-bundle --key signer.pub",
                "  aicr verify ./my-bundle --min-trust-level verified --cli-version-constraint 0.8.0",
                "  aicr verify ./my-bundle --trust-root ./private-trusted_root.json --format json"})
final class VerifyCommand implements java.util.concurrent.Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "BUNDLE_DIR", description = "The bundle directory.")
    String dir;

    @Option(names = "--min-trust-level", paramLabel = "LEVEL", defaultValue = "max",
            description = "max (default: the highest level this bundle can reach), verified, attested, unverified or unknown.")
    String minTrustLevel;

    @Option(names = "--require-creator", paramLabel = "ID", description = "Require this bundle signer (certificate identity, or pem:<key sha256>).")
    String requireCreator;

    @Option(names = "--cli-version-constraint", paramLabel = "EXPR",
            description = "Constraint on the signing tool's version (>=, >, <=, <, ==, !=; a bare version means >=).")
    String cliVersionConstraint;

    @Option(names = "--certificate-identity-regexp", paramLabel = "RE",
            description = "Binary attestation identity pattern; must contain \"://github.com/NVIDIA/aicr/\".")
    String certificateIdentityRegexp;

    @Option(names = "--key", paramLabel = "PEM", description = "Verify a key-signed bundle attestation with this PEM public key.")
    String key;

    @Option(names = "--trust-root", paramLabel = "FILE",
            description = "A private Sigstore trusted_root.json trusted besides the public-good root (bundle attestation).")
    Path trustRoot;

    @Option(names = "--trusted-root", paramLabel = "FILE",
            description = "Public-good trusted root to use instead of the cached or shipped one (env AICR_TRUSTED_ROOT).")
    Path trustedRoot;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "text", description = "text (default) or json.")
    String format;

    @Override
    public Integer call() {
        if (dir == null || dir.isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "bundle directory is required: aicr verify <bundle-dir>");
        }
        if (!format.equals("text") && !format.equals("json")) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid --format: must be text or json");
        }
        Path abs = Path.of(dir).toAbsolutePath().normalize();
        Log.info("verifying bundle", "dir", abs);
        VerifyResult r = Verification.run(new Verification.Options(abs, certificateIdentityRegexp, key, trustRoot, trustedRoot));
        String failure = new Policy(minTrustLevel, requireCreator, cliVersionConstraint).check(r);
        Streams.out().print(format.equals("json") ? VerifyReport.json(r) : VerifyReport.text(r, failure));
        Streams.out().flush();
        if (failure != null) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, failure);
        }
        if (!r.errors().isEmpty()) {
            throw new AicrException(ErrorCode.UNAUTHORIZED, "bundle verification failed: " + r.errors().get(0));
        }
        return 0;
    }
}
