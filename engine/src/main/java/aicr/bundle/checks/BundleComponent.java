package aicr.bundle.checks;

import java.util.Map;

/**
 * Fact: a component the bundle contains, with its final values: the component's values file,
 * the recipe's overrides, {@code --set}/{@code --set-json}/{@code --set-file}, and the scheduling
 * injection (node selectors and tolerations at the registry's paths), as written into the bundle.
 * Nested maps and lists, strings, Long, Double, Boolean; read-only.
 */
public record BundleComponent(String name, String namespace, Map<String, Object> values) {
    public BundleComponent {
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(values);
    }
}
