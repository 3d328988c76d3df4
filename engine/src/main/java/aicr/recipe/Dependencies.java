package aicr.recipe;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Dependency checks and deployment order over component refs. */
final class Dependencies {
    private Dependencies() {
    }

    /**
     * Every dependency must name a declared ref; no cycles, disabled refs included. The cycle
     * error is wrapped once more than the unknown-dependency error, as in the reference.
     */
    static void validate(List<ComponentRef> refs) {
        Set<String> known = new HashSet<>();
        refs.forEach(r -> known.add(r.name()));
        for (ComponentRef r : refs) {
            if (r.dependencyRefs() != null) {
                for (String d : r.dependencyRefs()) {
                    if (!known.contains(d)) {
                        throw new AicrException(ErrorCode.INVALID_REQUEST,
                                "component \"" + r.name() + "\" references unknown dependency \"" + d + "\"");
                    }
                }
            }
        }
        Map<String, List<String>> deps = new HashMap<>();
        refs.forEach(r -> deps.put(r.name(), r.dependencyRefs() == null ? List.of() : r.dependencyRefs()));
        Set<String> visited = new HashSet<>();
        Set<String> onStack = new HashSet<>();
        List<String> path = new ArrayList<>();
        for (ComponentRef r : refs) {
            if (!visited.contains(r.name())) {
                List<String> cycle = dfs(r.name(), deps, visited, onStack, path);
                if (cycle != null) {
                    throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "dependency validation failed",
                            new AicrException(ErrorCode.INVALID_REQUEST,
                                    "circular dependency detected: [" + String.join(" ", cycle) + "]"));
                }
            }
        }
    }

    private static List<String> dfs(String node, Map<String, List<String>> deps, Set<String> visited,
                                    Set<String> onStack, List<String> path) {
        visited.add(node);
        onStack.add(node);
        path.add(node);
        for (String next : deps.getOrDefault(node, List.of())) {
            if (!visited.contains(next)) {
                List<String> c = dfs(next, deps, visited, onStack, path);
                if (c != null) {
                    return c;
                }
            } else if (onStack.contains(next)) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
                cycle.add(next);
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        onStack.remove(node);
        return null;
    }

    /**
     * Kahn's algorithm over enabled refs; an edge to a declared-but-disabled ref counts as
     * satisfied. The queue is re-sorted by name after every step, as the reference does.
     */
    static List<String> deploymentOrder(List<ComponentRef> refs) {
        Set<String> declared = new HashSet<>();
        Set<String> enabled = new HashSet<>();
        for (ComponentRef r : refs) {
            declared.add(r.name());
            if (r.enabled()) {
                enabled.add(r.name());
            }
        }
        Map<String, Integer> inDegree = new TreeMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (ComponentRef r : refs) {
            if (!enabled.contains(r.name())) {
                continue;
            }
            int degree = 0;
            if (r.dependencyRefs() != null) {
                for (String d : r.dependencyRefs()) {
                    if (declared.contains(d) && !enabled.contains(d)) {
                        continue;
                    }
                    degree++;
                    dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(r.name());
                }
            }
            inDegree.put(r.name(), degree);
        }
        List<String> queue = new ArrayList<>();
        inDegree.forEach((n, d) -> {
            if (d == 0) {
                queue.add(n);
            }
        });
        List<String> out = new ArrayList<>();
        while (!queue.isEmpty()) {
            String n = queue.remove(0);
            out.add(n);
            for (String dep : dependents.getOrDefault(n, List.of())) {
                int d = inDegree.merge(dep, -1, Integer::sum);
                if (d == 0) {
                    queue.add(dep);
                }
            }
            queue.sort(null);
        }
        if (out.size() != enabled.size()) {
            throw AicrException.wrap(ErrorCode.INTERNAL, "failed to compute deployment order",
                    new AicrException(ErrorCode.INVALID_REQUEST,
                            "cannot determine deployment order: circular dependencies exist"));
        }
        return out;
    }
}
