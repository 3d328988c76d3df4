package aicr.cli;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.verify.CatalogVerification;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aicr recipe verify-catalog BUNDLE}: is the embedded recipe catalog the one NVIDIA signed? */
@Command(name = "verify-catalog", mixinStandardHelpOptions = true,
        description = {"Verify a recipe-catalog Sigstore bundle (recipe-catalog.sigstore.json) against the",
                "catalog embedded in this build: NVIDIA's release identity, public-good Sigstore."},
        footer = {"", "Exit codes: 0 verified; 2 bad arguments or pattern; 3 bundle not found; 4 signature,",
                "identity or digest does not match.",
                "", "Example:", "  aicr recipe verify-catalog recipe-catalog.sigstore.json"})
final class VerifyCatalogCommand implements java.util.concurrent.Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "BUNDLE")
    String[] bundle;

    @Option(names = "--identity-pattern", paramLabel = "RE",
            description = "Signer identity pattern (env AICR_CATALOG_IDENTITY_PATTERN); must name NVIDIA/aicr.")
    String identityPattern;

    @Option(names = "--trusted-root", paramLabel = "FILE",
            description = "Public-good trusted root to use instead of the cached or shipped one (env AICR_TRUSTED_ROOT).")
    Path trustedRoot;

    @Override
    public Integer call() {
        if (bundle == null || bundle.length != 1) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "usage: aicr recipe verify-catalog <bundle-path>");
        }
        String pattern = identityPattern != null ? identityPattern : System.getenv("AICR_CATALOG_IDENTITY_PATTERN");
        CatalogVerification.Result r = CatalogVerification.run(Path.of(bundle[0]), pattern == null || pattern.isEmpty() ? null
                : pattern, trustedRoot);
        Streams.out().print("catalog verified\n  digest: sha256:" + r.digest() + "\n  identity: " + r.identity() + "\n");
        Streams.out().flush();
        return 0;
    }
}
