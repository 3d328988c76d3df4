package aicr.io;

import java.util.LinkedHashMap;

/**
 * A map whose entries are struct fields: JSON writers keep its insertion order (Go keeps
 * struct declaration order) while plain {@link java.util.Map}s are written with sorted keys
 * (Go sorts map keys). YAML writers of sorted documents sort both.
 */
public final class Struct extends LinkedHashMap<String, Object> {
    public Struct() {
        super();
    }

    public Struct with(String key, Object value) {
        put(key, value);
        return this;
    }
}
