package aicr.bundle.helmfile;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.recipe.ComponentRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Components grouped by dependency depth (Kahn, level by level; names sorted within a level).
 * Everything in a level is independent of the rest of that level. A dependency on a component
 * the bundle does not contain never drains and is reported as a cycle, as in the reference.
 */
final class DependencyLevels {
    private DependencyLevels() {
    }

    static List<List<String>> of(List<ComponentRef> refs) {
        Map<String, Integer> inDegree = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (ComponentRef r : refs) {
            int degree = 0;
            for (String dep : r.dependencyRefs() == null ? List.<String>of() : r.dependencyRefs()) {
                degree++;
                dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(r.name());
            }
            inDegree.put(r.name(), degree);
        }
        List<String> current = new ArrayList<>();
        inDegree.forEach((n, d) -> {
            if (d == 0) {
                current.add(n);
            }
        });
        current.sort(null);
        List<List<String>> levels = new ArrayList<>();
        int processed = 0;
        List<String> level = current;
        while (!level.isEmpty()) {
            levels.add(List.copyOf(level));
            processed += level.size();
            List<String> next = new ArrayList<>();
            for (String n : level) {
                for (String d : dependents.getOrDefault(n, List.of())) {
                    if (inDegree.merge(d, -1, Integer::sum) == 0) {
                        next.add(d);
                    }
                }
            }
            next.sort(null);
            level = next;
        }
        if (processed != inDegree.size()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "cannot determine deployment levels: circular dependencies exist");
        }
        return levels;
    }
}
