package aicr.bundle.deployer;

import aicr.bundle.manifest.ManifestFile;
import aicr.bundle.values.DynamicPaths;
import aicr.bundle.vendor.ChartPuller;
import aicr.recipe.ComponentRef;
import aicr.recipe.ComponentRegistry;
import aicr.recipe.RecipeResult;
import java.util.List;
import java.util.Map;

/**
 * Everything a deployer turns into a tree; nothing in it is read from disk by the deployer.
 *
 * @param recipe     the filtered recipe (disabled components removed)
 * @param ordered    its components in deployment order
 * @param values     final values per component
 * @param pre        pre-manifests per component (synthesized ones included)
 * @param post       post-manifests per component
 * @param readiness  readiness gate manifests per component (empty unless requested)
 * @param puller     fetches upstream charts for {@code --vendor-charts}; null otherwise
 */
public record DeployerInput(RecipeResult recipe, List<ComponentRef> ordered, Map<String, Map<String, Object>> values,
                            DynamicPaths dynamic, Map<String, List<ManifestFile>> pre, Map<String, List<ManifestFile>> post,
                            Map<String, List<ManifestFile>> readiness, ComponentRegistry registry,
                            DeployerSettings settings, ChartPuller puller) {

    public Map<String, Object> valuesOf(String component) {
        return values.get(component);
    }
}
