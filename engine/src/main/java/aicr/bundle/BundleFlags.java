package aicr.bundle;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code aicr bundle} flags exactly as given on the command line; null means "not given"
 * (several flags behave differently when present but empty). The CLI binds its options onto
 * these components by name; {@link FlagResolver} turns them into {@link BundleSettings}.
 */
public record BundleFlags(String recipe, String config, String output, String deployer, String repo, List<String> set,
                          List<String> setJson, List<String> setFile, List<String> dynamic, Path data,
                          List<String> systemNodeSelector, List<String> systemNodeToleration,
                          List<String> acceleratedNodeSelector, List<String> acceleratedNodeToleration,
                          String workloadGate, List<String> workloadSelector, Integer nodes, String storageClass,
                          Boolean vendorCharts, Boolean readinessHooks, String fluxOciSourceName, String fluxNamespace,
                          String appName, Boolean attest, String certificateIdentityRegexp, String identityToken,
                          Boolean oidcDeviceFlow, String fulcioUrl, String rekorUrl, String signingKey,
                          Boolean assumeYes, String kubeconfig, Boolean insecureTls, Boolean plainHttp,
                          String imageRefs) {

    public BundleFlags {
        set = copy(set);
        setJson = copy(setJson);
        setFile = copy(setFile);
        dynamic = copy(dynamic);
        systemNodeSelector = copy(systemNodeSelector);
        systemNodeToleration = copy(systemNodeToleration);
        acceleratedNodeSelector = copy(acceleratedNodeSelector);
        acceleratedNodeToleration = copy(acceleratedNodeToleration);
        workloadSelector = copy(workloadSelector);
    }

    private static List<String> copy(List<String> l) {
        return l == null ? null : List.copyOf(l);
    }
}
