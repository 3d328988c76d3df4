package aicr.bundle;

import aicr.bundle.oci.OciTarget;
import aicr.bundle.options.ComponentPath;
import aicr.bundle.options.DeployerType;
import aicr.bundle.options.Scheduling;
import aicr.bundle.options.Selectors;
import aicr.bundle.options.Taint;
import aicr.bundle.options.Toleration;
import aicr.bundle.options.TypedOverride;
import aicr.bundle.options.Validators;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Validates the bundle flags (layered over an optional {@code --config} file) into
 * {@link BundleSettings}, in the reference's order so that the first problem reported is the
 * same. A flag that is given replaces the config value wholesale.
 */
final class FlagResolver {
    private FlagResolver() {
    }

    public static final String DEFAULT_FLUX_NAMESPACE = "flux-system";
    public static final String DEFAULT_FLUX_OCI_SOURCE = "aicr-bundle";

    public static BundleSettings resolve(BundleFlags f, ConfigFile.BundleSpec cfg, String version) {
        ConfigFile.BundleSpec c = cfg == null ? ConfigFile.BundleSpec.EMPTY : cfg;
        String recipe = pick(f.recipe(), c.recipe());
        if (recipe.isEmpty()) {
            throw invalid("--recipe is required (or set spec.bundle.input.recipe in --config)");
        }
        if (!recipe.startsWith("http://") && !recipe.startsWith("https://") && !recipe.startsWith("cm://")) {
            Path abs = Path.of(recipe).toAbsolutePath().normalize();
            if (Files.notExists(abs)) { // not !exists: a link loop or unreadable directory is not "missing"
                throw new AicrException(ErrorCode.NOT_FOUND, "recipe file not found: " + abs);
            }
            recipe = abs.toString();
        }
        DeployerType deployer = deployer(f.deployer(), c.deployer());
        String output = f.output() != null ? (f.output().isEmpty() ? "." : f.output()) : (c.output().isEmpty() ? "." : c.output());
        OciTarget oci = null;
        Path outputDir;
        if (OciTarget.isOci(output)) {
            oci = OciTarget.parse(output);
            if (oci.tag().isEmpty()) {
                oci = oci.withTag(version);
            }
            outputDir = Path.of("bundle").toAbsolutePath();
        } else {
            outputDir = Path.of(output).toAbsolutePath().normalize();
        }
        String repo = pick(f.repo(), c.repo());
        if (deployer == DeployerType.ARGOCD && oci != null && repo.isEmpty()) {
            repo = OciTarget.SCHEME + oci.registry() + "/" + oci.repository();
        }
        String fluxSource = "";
        String fluxNamespace = "";
        if (deployer == DeployerType.FLUX) {
            fluxNamespace = f.fluxNamespace() == null ? DEFAULT_FLUX_NAMESPACE : f.fluxNamespace();
            if (oci != null) {
                fluxSource = f.fluxOciSourceName() == null ? DEFAULT_FLUX_OCI_SOURCE : f.fluxOciSourceName();
            }
        } else {
            if (f.fluxOciSourceName() != null) {
                throw invalid("--flux-oci-source-name is only valid with --deployer flux");
            }
            if (f.fluxNamespace() != null) {
                throw invalid("--flux-namespace is only valid with --deployer flux");
            }
        }
        String appName = pick(f.appName(), c.appName());
        if (!appName.isEmpty()) {
            if (!deployer.isArgo()) {
                throw invalid("--app-name is only valid with --deployer argocd or --deployer argocd-helm");
            }
            Validators.appName(appName);
        }
        String targetRevision = oci != null ? oci.tag() : "";
        List<ComponentPath> set = componentPaths("set", f.set(), c.set(), true);
        List<TypedOverride> typed = TypedFlagValues.parse(f.setFile(), f.setJson());
        List<ComponentPath> dynamic = componentPaths("dynamic", f.dynamic(), c.dynamic(), false);
        Scheduling scheduling = scheduling(f, c);
        Validators.httpsUrl("fulcio URL", pick(f.fulcioUrl(), c.fulcioUrl()));
        Validators.httpsUrl("rekor URL", pick(f.rekorUrl(), c.rekorUrl()));
        signingKeyExclusivity(f, c);
        Path dataDir = f.data();
        return new BundleSettings(recipe, outputDir, oci, deployer, repo, targetRevision, set, typed, dynamic,
                scheduling, flag(f.vendorCharts(), c.vendorCharts()), flag(f.readinessHooks(), false), fluxNamespace,
                fluxSource, appName, dataDir, flag(f.attest(), c.attest()), flag(f.plainHttp(), c.plainHttp()),
                flag(f.insecureTls(), c.insecureTls()), pick(f.imageRefs(), c.imageRefs()), version, f.rules(),
                aicr.rules.Limits.DEFAULT.withTimeout(aicr.rules.Limits.parseTimeout(f.ruleTimeout(), "--rule-timeout")));
    }

    private static DeployerType deployer(String flag, String config) {
        if (flag != null) {
            if (flag.isEmpty()) {
                return DeployerType.HELM;
            }
            try {
                return DeployerType.parse(flag);
            } catch (AicrException e) {
                throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "invalid --deployer value", e);
            }
        }
        return config.isEmpty() ? DeployerType.HELM : DeployerType.parse(config);
    }

    private static List<ComponentPath> componentPaths(String flag, List<String> given, List<String> config, boolean values) {
        List<String> raw = given != null ? given : config;
        try {
            return values ? ComponentPath.parseValueOverrides(raw) : ComponentPath.parseDynamic(raw);
        } catch (AicrException e) {
            if (given == null) {
                throw e;
            }
            throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "invalid --" + flag, e);
        }
    }

    private static Scheduling scheduling(BundleFlags f, ConfigFile.BundleSpec c) {
        Map<String, String> sysSel = selector("system-node-selector", f.systemNodeSelector(), c.systemNodeSelector());
        Map<String, String> accSel = selector("accelerated-node-selector", f.acceleratedNodeSelector(),
                c.acceleratedNodeSelector());
        List<Toleration> sysTol = tolerations("system-node-toleration", f.systemNodeToleration(), c.systemNodeTolerations());
        List<Toleration> accTol = tolerations("accelerated-node-toleration", f.acceleratedNodeToleration(),
                c.acceleratedNodeTolerations());
        Taint gate = null;
        String gateRaw = f.workloadGate() != null ? f.workloadGate() : c.workloadGate();
        if (!gateRaw.isEmpty()) {
            try {
                gate = Taint.parse(gateRaw);
            } catch (AicrException e) {
                throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "invalid --workload-gate", e);
            }
        }
        Map<String, String> workloadSel = selector("workload-selector", f.workloadSelector(), c.workloadSelector());
        int nodes = f.nodes() != null ? f.nodes() : c.nodes();
        if (nodes < 0) {
            throw invalid("--nodes must be >= 0");
        }
        String storageClass = c.storageClass();
        if (f.storageClass() != null) {
            storageClass = f.storageClass().strip();
            if (storageClass.isEmpty()) {
                throw invalid("--storage-class cannot be blank when specified");
            }
        }
        return new Scheduling(sysSel, sysTol, accSel, accTol, gate, workloadSel, nodes, storageClass);
    }

    private static Map<String, String> selector(String flag, List<String> given, Map<String, String> config) {
        if (given == null) {
            return config;
        }
        try {
            return Selectors.parse(given);
        } catch (AicrException e) {
            throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "invalid --" + flag, e);
        }
    }

    private static List<Toleration> tolerations(String flag, List<String> given, List<String> config) {
        List<String> raw = given != null ? given : config;
        try {
            return Toleration.parseAll(raw);
        } catch (AicrException e) {
            throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "invalid --" + flag, e);
        }
    }

    /** A KMS key signs without OIDC and without a Fulcio certificate, so the keyless options conflict with it. */
    private static void signingKeyExclusivity(BundleFlags f, ConfigFile.BundleSpec c) {
        if (f.signingKey() != null && f.signingKey().isBlank()) {
            throw invalid("--signing-key must not be empty");
        }
        if (f.signingKey() == null) {
            return;
        }
        if (f.identityToken() != null && !f.identityToken().isEmpty()) {
            throw invalid("--signing-key is mutually exclusive with --identity-token");
        }
        if (flag(f.oidcDeviceFlow(), c.oidcDeviceFlow())) {
            throw invalid("--signing-key is mutually exclusive with --oidc-device-flow");
        }
        if (!pick(f.fulcioUrl(), c.fulcioUrl()).isEmpty()) {
            throw invalid("--signing-key is mutually exclusive with --fulcio-url");
        }
    }

    private static String pick(String flag, String config) {
        return flag != null ? flag : config;
    }

    private static boolean flag(Boolean flag, boolean config) {
        return flag != null ? flag : config;
    }

    private static AicrException invalid(String m) {
        return new AicrException(ErrorCode.INVALID_REQUEST, m);
    }
}
