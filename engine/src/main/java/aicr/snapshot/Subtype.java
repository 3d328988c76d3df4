package aicr.snapshot;

import java.util.List;
import java.util.Map;

/**
 * A named group of readings in a measurement. {@code data} keeps document order so that
 * writers and fact builders are deterministic.
 */
public record Subtype(String name, Map<String, Reading> data, Map<String, String> context, List<Item> items) {
    public Subtype {
        data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
        context = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(context));
        items = List.copyOf(items);
    }
}
