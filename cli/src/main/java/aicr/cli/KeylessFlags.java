package aicr.cli;

import picocli.CommandLine.Option;

/** Keyless signing flags of the evidence commands: where the OIDC token comes from, the disclosure prompt. */
final class KeylessFlags {
    @Option(names = "--identity-token", paramLabel = "TOKEN", description = "OIDC token for keyless signing (env COSIGN_IDENTITY_TOKEN).")
    String identityToken;

    @Option(names = "--oidc-device-flow", description = "Device-code OIDC sign-in (env AICR_OIDC_DEVICE_FLOW).")
    boolean deviceFlow;

    @Option(names = {"--yes", "--assume-yes"}, description = "Skip the keyless-signing disclosure prompt.")
    boolean yes;
}
