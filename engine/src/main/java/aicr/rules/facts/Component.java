package aicr.rules.facts;

import java.util.Map;

/** A component reference of the recipe, as a fact. {@code values} is read-only. */
public record Component(String name, String type, String chart, String source, String version,
                        String namespace, boolean enabled, Map<String, Object> values) {
    public Component {
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(values);
    }
}
