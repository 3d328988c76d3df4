package aicr.bundle.manifest;

import aicr.io.YamlWriter;
import aicr.log.Log;
import aicr.recipe.ComponentConfig;
import aicr.recipe.ComponentRef;
import aicr.recipe.ComponentRegistry;
import aicr.recipe.RecipeResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GKE admits pods of the system-*-critical priority classes only in namespaces with a matching
 * ResourceQuota (GKE ships one for kube-system). Components the registry marks
 * {@code gkeCriticalPriority} therefore get a synthesized quota as a pre-manifest on GKE, or
 * their first pod is rejected by admission.
 */
public final class GkeQuota {
    private GkeQuota() {
    }

    /** The synthesized manifest's name; under a directory no recipe manifest uses. */
    public static final String PATH = "aicr/synthesized/gke-critical-pods-quota.yaml";
    static final int POD_FLOOR = 32;
    static final int PODS_PER_NODE = 32;

    /** Adds the quota to {@code pre} for every marked component of a GKE recipe. */
    public static void addTo(Map<String, List<ManifestFile>> pre, RecipeResult recipe, List<ComponentRef> refs,
                             ComponentRegistry registry) {
        if (recipe.criteria() == null || !"gke".equals(recipe.criteria().service())) {
            return;
        }
        int pods = Math.max(POD_FLOOR, recipe.criteria().nodes() * PODS_PER_NODE);
        for (ComponentRef ref : refs) {
            ComponentConfig c = registry.get(ref.name());
            if (c == null || !c.gkeCriticalPriority()) {
                continue;
            }
            if (ref.namespace().isEmpty()) {
                Log.warn("skipping GKE critical-priority quota: component has no namespace", "component", ref.name());
                continue;
            }
            pre.computeIfAbsent(ref.name(), k -> new ArrayList<>())
                    .add(new ManifestFile(PATH, quota(ref.namespace(), pods).getBytes(StandardCharsets.UTF_8), false));
        }
    }

    static String quota(String namespace, int pods) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", "aicr-gke-critical-pods");
        meta.put("namespace", namespace);
        Map<String, Object> expr = new LinkedHashMap<>();
        expr.put("operator", "In");
        expr.put("scopeName", "PriorityClass");
        expr.put("values", List.of("system-node-critical", "system-cluster-critical"));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("hard", Map.of("pods", Integer.toString(pods)));
        spec.put("scopeSelector", Map.of("matchExpressions", List.of(expr)));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "v1");
        doc.put("kind", "ResourceQuota");
        doc.put("metadata", meta);
        doc.put("spec", spec);
        return YamlWriter.write(doc, true);
    }
}
