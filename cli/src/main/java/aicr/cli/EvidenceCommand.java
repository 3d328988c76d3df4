package aicr.cli;

import aicr.BuildInfo;
import aicr.bundle.Bundler;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.evidence.CanonicalRecipe;
import aicr.evidence.Evidence;
import aicr.evidence.EvidencePublisher;
import aicr.evidence.EvidenceReport;
import aicr.evidence.EvidenceVerification;
import aicr.io.Output;
import aicr.recipe.RecipeLoader;
import aicr.recipe.Recipes;
import aicr.sigstore.signing.Signing;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aicr evidence digest|verify|publish|sign}: recipe evidence bundles (see docs/supply-chain.md). */
@Command(name = "evidence", mixinStandardHelpOptions = true,
        description = {"Recipe evidence: the digest a recipe is attested by, verification of evidence bundles",
                "(directory, pointer file or OCI reference), and pushing and signing them.",
                "Bundles are made by `aicr validate --emit-attestation DIR`."},
        subcommands = {EvidenceCommand.Digest.class, EvidenceCommand.Verify.class, EvidenceCommand.Publish.class,
                EvidenceCommand.Sign.class},
        footer = {"", "Examples:",
                "  aicr evidence digest -r recipe.yaml",
                "  aicr evidence verify ./evidence",
                "  aicr evidence publish ./evidence --push oci://ghcr.io/acme/aicr-evidence --no-sign",
                "  aicr evidence sign ./evidence/pointer.yaml --identity-token \"$TOKEN\""})
final class EvidenceCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Streams.err());
    }

    @Command(name = "digest", mixinStandardHelpOptions = true,
            description = "Print the sha256 of a recipe's canonical form: the subject its evidence is bound to.")
    static final class Digest implements java.util.concurrent.Callable<Integer> {
        @Option(names = {"-r", "--recipe"}, paramLabel = "PATH", description = "Recipe file or http(s) URL (required).")
        String recipe;

        @Option(names = {"-k", "--kubeconfig"}, paramLabel = "PATH", hidden = true)
        String kubeconfig;

        @Override
        public Integer call() {
            if (recipe == null || recipe.isEmpty()) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "--recipe is required");
            }
            Streams.out().println(CanonicalRecipe.digest(RecipeLoader.load(recipe, Recipes.store(null, false))));
            Streams.out().flush();
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify an evidence bundle: a directory, a pointer file (.yaml) or an OCI reference.",
                    "Checks the signature (when there is one), the manifest and every file and phase report."},
            footer = {"", "Exit codes: 0 valid (also unsigned: pending signature); 2 invalid, or valid with",
                    "recorded phase failures (the Markdown says exit 1); 3 input not found."})
    static final class Verify implements java.util.concurrent.Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "INPUT")
        String input;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE (default: stdout).")
        String output;

        @Option(names = {"-t", "--format"}, paramLabel = "FMT", defaultValue = "text", description = "text (Markdown) or json.")
        String format;

        @Option(names = "--expected-issuer", paramLabel = "URL", description = "Required OIDC issuer of the signer (literal).")
        String expectedIssuer;

        @Option(names = "--expected-identity-regexp", paramLabel = "RE", description = "Required signer identity (regexp).")
        String expectedIdentity;

        @Option(names = "--bundle", paramLabel = "OCI_REF", description = "Bundle to pull when the pointer names none.")
        String bundle;

        @Option(names = "--allow-unpinned-tag", description = "Allow pulling a tag-only OCI reference.")
        boolean allowUnpinnedTag;

        @Option(names = "--trusted-root", paramLabel = "FILE",
                description = "Public-good trusted root to use instead of the cached or shipped one (env AICR_TRUSTED_ROOT).")
        Path trustedRoot;

        @picocli.CommandLine.Mixin
        RegistryFlags registry;

        @Override
        public Integer call() {
            if (input == null || input.isEmpty()) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "input is required: aicr evidence verify <dir|pointer|oci-ref>");
            }
            if (!format.equals("text") && !format.equals("json") && !format.equals("markdown")) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid --format: must be text or json");
            }
            EvidenceVerification.Result r = EvidenceVerification.run(new EvidenceVerification.Options(input, expectedIssuer,
                    expectedIdentity, bundle, registry.plainHttp, registry.insecureTls, allowUnpinnedTag, trustedRoot));
            Output.write(output, format.equals("json") ? EvidenceReport.json(r) : EvidenceReport.markdown(r), Streams.out());
            if (r.exit() == 1) {
                throw new AicrException(ErrorCode.CONFLICT, "bundle valid; recorded validator results show failures");
            }
            if (r.exit() == 2) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "bundle verification failed; see the verifier output for details");
            }
            return 0;
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = {"Push an emitted evidence bundle to an OCI registry and sign it keyless",
                    "(--no-sign: push only); writes pointer.yaml beside summary-bundle/."})
    static final class Publish implements java.util.concurrent.Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "DIR")
        Path dir;

        @Option(names = "--push", paramLabel = "OCI_REF", description = "Where to push (oci://registry/repo[:tag]).")
        String push;

        @Option(names = "--no-sign", description = "Push unsigned.")
        boolean noSign;

        @picocli.CommandLine.Mixin
        RegistryFlags registry;

        @picocli.CommandLine.Mixin
        KeylessFlags sign;

        @Override
        public Integer call() {
            if (dir == null) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "bundle directory is required: aicr evidence publish <dir> "
                        + "--push <oci-ref>");
            }
            if (push == null || push.isEmpty()) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "--push <oci-ref> is required");
            }
            EvidencePublisher.pushRef(push);
            Signing.Signer signer = noSign ? null : Signing.prepare(EvidenceEmit.signing(sign));
            Evidence.publish(dir, push, EvidenceEmit.registry(registry), signer, Bundler.bundlerVersion(BuildInfo.VERSION));
            return 0;
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = {"Sign an evidence bundle pushed unsigned: pulls it by the pointer's digest, signs it keyless,",
                    "attaches the signature and fills the pointer's signer block."})
    static final class Sign implements java.util.concurrent.Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "POINTER")
        Path pointer;

        @Option(names = "--relocate", description = "Move the signed pointer to recipes/evidence/<recipe>/<source>/<digest>.yaml.")
        boolean relocate;

        @picocli.CommandLine.Mixin
        RegistryFlags registry;

        @picocli.CommandLine.Mixin
        KeylessFlags sign;

        @Override
        public Integer call() {
            if (pointer == null) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "pointer file is required: aicr evidence sign <pointer.yaml>");
            }
            Evidence.sign(pointer, relocate, EvidenceEmit.registry(registry), EvidenceEmit.signing(sign));
            return 0;
        }
    }
}
