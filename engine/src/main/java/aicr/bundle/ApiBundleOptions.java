package aicr.bundle;

import aicr.bundle.options.ComponentPath;
import aicr.bundle.options.DeployerType;
import aicr.bundle.options.Scheduling;
import java.util.List;

/**
 * The bundle options the HTTP API takes (its query parameters), already parsed: the subset of
 * the CLI's flags that needs no local file, cluster or registry.
 */
public record ApiBundleOptions(DeployerType deployer, String repo, List<ComponentPath> set, List<ComponentPath> dynamic,
                               Scheduling scheduling, boolean vendorCharts, String appName) {
    public ApiBundleOptions {
        set = List.copyOf(set);
        dynamic = List.copyOf(dynamic);
    }
}
