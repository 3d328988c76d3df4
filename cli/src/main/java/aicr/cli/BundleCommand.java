package aicr.cli;

import aicr.BuildInfo;
import aicr.bundle.BundleFlags;
import aicr.bundle.BundleSummary;
import aicr.bundle.Bundler;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aicr bundle}: turn a recipe into deployment artifacts for Helm, Helmfile, Argo CD or Flux. */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = {"Generate a deployment bundle from a recipe.",
                "Deployers: helm (default; numbered folders + deploy.sh), helmfile, argocd, argocd-helm, flux."},
        footer = {"", "Repeatable flags take one value per use; commas are never split.",
                "", "Examples:",
                "  aicr bundle -r recipe.yaml -o ./my-bundle",
                "  aicr bundle -r recipe.yaml -o ./my-bundle -d argocd --repo https://github.com/acme/gitops.git",
                "  aicr bundle -r recipe.yaml --set gpuoperator:driver.version=580.1.2 --dynamic certmanager:replicaCount",
                "  aicr bundle -r recipe.yaml --set-json agentgateway:allowedSourceRanges='[\"10.0.0.0/8\"]'",
                "  aicr bundle -r recipe.yaml --accelerated-node-selector nodeGroup=gpu \\",
                "      --accelerated-node-toleration nvidia.com/gpu=present:NoSchedule"})
final class BundleCommand implements java.util.concurrent.Callable<Integer> {
    // Each option field is bound by name onto aicr.bundle.BundleFlags (OptionRecords); null is
    // "not given". Environment defaults are the initial values picocli keeps when a flag is absent.

    @Option(names = {"-r", "--recipe"}, paramLabel = "PATH",
            description = "Recipe: file, http(s) URL or cm://namespace/name (required unless set in --config).")
    String recipe;

    @picocli.CommandLine.Mixin
    ConfigOption config;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output directory or oci://registry/repo[:tag] (default: .).")
    String output;

    @Option(names = {"-d", "--deployer"}, paramLabel = "NAME", description = "helm, helmfile, argocd, argocd-helm or flux (default: helm).")
    String deployer;

    @Option(names = "--repo", paramLabel = "URL", description = "GitOps repository URL (argocd, flux).")
    String repo;

    @Option(names = "--set", paramLabel = "C:PATH=VALUE",
            description = "Scalar value override; C:enabled=false drops a component; deployer:<key>=<value> sets Argo CD options.")
    List<String> set;

    @Option(names = "--set-json", paramLabel = "C:PATH=JSON", description = "Typed override (list, object or scalar) as JSON.")
    List<String> setJson;

    @Option(names = "--set-file", paramLabel = "C:PATH=FILE", description = "Typed override read from a YAML/JSON file (max 1 MiB).")
    List<String> setFile;

    @Option(names = "--dynamic", paramLabel = "C:PATH", description = "Value path supplied at install time (cluster-values.yaml).")
    List<String> dynamic;

    @Option(names = "--data", paramLabel = "DIR", description = "External data directory (must contain registry.yaml); copied into the bundle.")
    Path data;

    @Option(names = "--system-node-selector", paramLabel = "K=V", description = "Node selector for system components.")
    List<String> systemNodeSelector;

    @Option(names = "--system-node-toleration", paramLabel = "K=V:EFFECT", description = "Toleration for system components (default: tolerate all).")
    List<String> systemNodeToleration;

    @Option(names = "--accelerated-node-selector", paramLabel = "K=V", description = "Node selector for GPU nodes.")
    List<String> acceleratedNodeSelector;

    @Option(names = "--accelerated-node-toleration", paramLabel = "K=V:EFFECT", description = "Toleration for GPU nodes (default: tolerate all).")
    List<String> acceleratedNodeToleration;

    @Option(names = "--workload-gate", paramLabel = "K=V:EFFECT", description = "Taint nodewright uses as the runtime-required gate.")
    String workloadGate;

    @Option(names = "--workload-selector", paramLabel = "K=V", description = "Label selector of workloads nodewright must not evict.")
    List<String> workloadSelector;

    @Option(names = "--nodes", paramLabel = "N", description = "Estimated GPU node count (0 = unset).")
    Integer nodes;

    @Option(names = "--storage-class", paramLabel = "NAME", description = "StorageClass written to the registry's storageClassPaths.")
    String storageClass;

    @Option(names = "--vendor-charts", description = "Pull upstream chart tarballs into the bundle (needs helm on PATH).")
    Boolean vendorCharts;

    @Option(names = "--readiness-hooks", description = "Emit readiness gate charts (helm, argocd, argocd-helm).")
    Boolean readinessHooks;

    @Option(names = "--flux-oci-source-name", paramLabel = "NAME", description = "OCIRepository name for flux with OCI output (default: aicr-bundle).")
    String fluxOciSourceName;

    @Option(names = "--flux-namespace", paramLabel = "NS", description = "Namespace of the Flux objects (default: flux-system).")
    String fluxNamespace;

    @Option(names = "--app-name", paramLabel = "NAME", description = "Parent Argo CD Application name (argocd, argocd-helm).")
    String appName;

    @Option(names = "--attest", description = "Sign the bundle's provenance (keyless, or --signing-key); see docs/supply-chain.md.")
    Boolean attest;

    @Option(names = "--certificate-identity-regexp", paramLabel = "RE", description = "Identity pattern for binary attestation checks.")
    String certificateIdentityRegexp;

    @Option(names = "--identity-token", paramLabel = "TOKEN", description = "OIDC token for keyless signing (env COSIGN_IDENTITY_TOKEN).")
    String identityToken = System.getenv("COSIGN_IDENTITY_TOKEN");

    @Option(names = "--oidc-device-flow", description = "Device-code OIDC flow for --attest (env AICR_OIDC_DEVICE_FLOW).")
    Boolean oidcDeviceFlow = AicrCommand.envTrue("AICR_OIDC_DEVICE_FLOW") ? Boolean.TRUE : null;

    @Option(names = "--fulcio-url", paramLabel = "URL", description = "Fulcio CA URL (env AICR_FULCIO_URL).")
    String fulcioUrl = System.getenv("AICR_FULCIO_URL");

    @Option(names = "--rekor-url", paramLabel = "URL", description = "Rekor log URL (env AICR_REKOR_URL).")
    String rekorUrl = System.getenv("AICR_REKOR_URL");

    @Option(names = "--signing-key", paramLabel = "PEM", description = "Sign --attest with this PEM private key (ECDSA P-256 or RSA) instead of keyless.")
    String signingKey;

    @Option(names = {"--yes", "--assume-yes"}, description = "Skip the keyless-signing disclosure prompt.")
    Boolean assumeYes;

    @Option(names = {"-k", "--kubeconfig"}, paramLabel = "PATH", description = "Kubeconfig for cm:// recipes.")
    String kubeconfig;

    @Option(names = "--insecure-tls", description = "Skip TLS verification of the OCI registry.")
    Boolean insecureTls;

    @Option(names = "--plain-http", description = "Use HTTP for the OCI registry.")
    Boolean plainHttp;

    @Option(names = "--image-refs", paramLabel = "PATH", description = "With OCI output: write the pushed digest to this file.")
    String imageRefs;

    @Override
    public Integer call() {
        Map<String, Object> fromElsewhere = new HashMap<>();
        fromElsewhere.put("config", config.source);
        BundleSummary summary = Bundler.run(OptionRecords.bind(BundleFlags.class, this, fromElsewhere),
                Bundler.bundlerVersion(BuildInfo.VERSION));
        Streams.out().print(summary.render());
        Streams.out().flush();
        return 0;
    }
}
