package aicr.bundle;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code aicr bundle} flags exactly as given on the command line; null means "not given"
 * (several flags behave differently when present but empty). {@link FlagResolver} turns them
 * into {@link BundleSettings}.
 */
public final class BundleFlags {
    public String recipe;
    public String config;
    public String output;
    public String deployer;
    public String repo;
    public List<String> set;
    public List<String> setJson;
    public List<String> setFile;
    public List<String> dynamic;
    public Path data;
    public List<String> systemNodeSelector;
    public List<String> systemNodeToleration;
    public List<String> acceleratedNodeSelector;
    public List<String> acceleratedNodeToleration;
    public String workloadGate;
    public List<String> workloadSelector;
    public Integer nodes;
    public String storageClass;
    public Boolean vendorCharts;
    public Boolean readinessHooks;
    public String fluxOciSourceName;
    public String fluxNamespace;
    public String appName;
    public Boolean attest;
    public String certificateIdentityRegexp;
    public String identityToken;
    public Boolean oidcDeviceFlow;
    public String fulcioUrl;
    public String rekorUrl;
    public String signingKey;
    public Boolean assumeYes;
    public String kubeconfig;
    public Boolean insecureTls;
    public Boolean plainHttp;
    public String imageRefs;
}
