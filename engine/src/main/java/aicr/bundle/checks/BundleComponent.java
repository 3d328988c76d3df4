package aicr.bundle.checks;

import java.util.Map;

/** Fact: a component the bundle contains, with its final values (read-only). */
public record BundleComponent(String name, String namespace, Map<String, Object> values) {
}
