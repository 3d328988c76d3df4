package aicr.cli;

import aicr.BuildInfo;
import aicr.bundle.Bundler;
import aicr.evidence.Evidence;
import aicr.evidence.EvidencePublisher;
import aicr.sigstore.signing.SigstoreEndpoints;
import aicr.sigstore.signing.Signing;
import aicr.sigstore.signing.TokenSources;
import aicr.validate.ClusterValidation;
import aicr.validate.ValidateRun;

/**
 * {@code aicr validate --emit-attestation}: validation followed by evidence emission. A class
 * of its own so that plain validation never loads (or verifies against) the evidence and
 * signing classes.
 */
final class EvidenceEmit {
    private EvidenceEmit() {
    }

    static int run(ValidateRun.Options o, EvidenceEmitOptions f, ClusterValidation cluster) {
        Signing.Options signing = f.push == null || f.noSign ? null : signing(f.keyless);
        Evidence.EmitOptions emit = new Evidence.EmitOptions(f.emitAttestation, f.bom, f.full, f.push, registry(f.registry),
                signing);
        Signing.Signer signer = Evidence.prepare(emit);
        return ValidateRun.run(o, Streams.out(), cluster,
                v -> Evidence.emit(v, emit, signer, Bundler.bundlerVersion(BuildInfo.VERSION)));
    }

    /** Keyless signing options for evidence (public-good Sigstore, or AICR_FULCIO_URL/AICR_REKOR_URL). */
    static Signing.Options signing(KeylessFlags k) {
        String t = k.identityToken != null ? k.identityToken : System.getenv("COSIGN_IDENTITY_TOKEN");
        return new Signing.Options(null, new TokenSources.Options(t, k.deviceFlow || AicrCommand.envTrue("AICR_OIDC_DEVICE_FLOW")),
                SigstoreEndpoints.of(null, null), k.yes);
    }

    static EvidencePublisher.Registry registry(RegistryFlags r) {
        return new EvidencePublisher.Registry(r.plainHttp, r.insecureTls);
    }
}
