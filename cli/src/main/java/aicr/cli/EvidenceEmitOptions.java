package aicr.cli;

import aicr.evidence.Evidence;
import aicr.evidence.EvidencePublisher;
import aicr.sigstore.signing.SigstoreEndpoints;
import aicr.sigstore.signing.Signing;
import aicr.sigstore.signing.TokenSources;
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

    @Option(names = "--plain-http", description = "Use HTTP for the registry.")
    boolean plainHttp;

    @Option(names = "--insecure-tls", description = "Skip TLS verification of the registry.")
    boolean insecureTls;

    @Option(names = "--identity-token", paramLabel = "TOKEN", description = "OIDC token for keyless signing (env COSIGN_IDENTITY_TOKEN).")
    String identityToken;

    @Option(names = "--oidc-device-flow", description = "Device-code OIDC sign-in (env AICR_OIDC_DEVICE_FLOW).")
    boolean oidcDeviceFlow;

    @Option(names = {"--yes", "--assume-yes"}, description = "Skip the keyless-signing disclosure prompt.")
    boolean assumeYes;

    /** The emit options, or null when no evidence was asked for. */
    Evidence.EmitOptions options() {
        if (emitAttestation == null) {
            return null;
        }
        Signing.Options signing = push == null || noSign ? null : signing(identityToken, oidcDeviceFlow, assumeYes);
        return new Evidence.EmitOptions(emitAttestation, bom, full, push,
                new EvidencePublisher.Registry(plainHttp, insecureTls), signing);
    }

    /** Keyless signing options for evidence (public-good Sigstore, or AICR_FULCIO_URL/AICR_REKOR_URL). */
    static Signing.Options signing(String token, boolean deviceFlow, boolean yes) {
        String t = token != null ? token : System.getenv("COSIGN_IDENTITY_TOKEN");
        return new Signing.Options(null, new TokenSources.Options(t, deviceFlow || AicrCommand.envTrue("AICR_OIDC_DEVICE_FLOW")),
                SigstoreEndpoints.of(null, null), yes);
    }
}
