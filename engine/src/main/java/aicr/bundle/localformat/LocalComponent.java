package aicr.bundle.localformat;

import aicr.recipe.ComponentRef;
import java.util.List;
import java.util.Map;

/**
 * A component as the numbered layout needs it: identity, chart coordinates or Kustomize
 * coordinates, its final values and its install-time paths.
 *
 * @param chartName the effective chart (the ref's chart, else its name)
 */
public record LocalComponent(String name, String namespace, String repository, String chartName, String version,
                             String tag, String path, Map<String, Object> values, List<String> dynamicPaths) {

    public static LocalComponent of(ComponentRef ref, Map<String, Object> values, List<String> dynamicPaths) {
        return new LocalComponent(ref.name(), ref.namespace(), ref.source(), ref.chart().isEmpty() ? ref.name() : ref.chart(),
                ref.version(), ref.tag(), ref.path(), values, dynamicPaths);
    }

    public boolean isOci() {
        return repository.startsWith("oci://");
    }

    public boolean isKustomize() {
        return !tag.isEmpty() || !path.isEmpty();
    }

    /** The chart version templates see as {@code .Chart.Version}: one leading {@code v} removed, 0.1.0 when empty. */
    public String chartVersion() {
        String v = version.startsWith("v") ? version.substring(1) : version;
        return v.isEmpty() ? "0.1.0" : v;
    }
}
