package aicr.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts node trees to plain Java values and deep-copies such values. */
public final class Values {
    private Values() {
    }

    /** Null for null; LinkedHashMap / ArrayList / resolved scalars otherwise. */
    public static Object of(Node n) {
        if (n == null) {
            return null;
        }
        if (n instanceof Node.ScalarNode s) {
            return Scalars.value(s);
        }
        if (n instanceof Node.SeqNode seq) {
            List<Object> out = new ArrayList<>(seq.items().size());
            for (Node item : seq.items()) {
                out.add(of(item));
            }
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Node.MapNode) n).entries().forEach((k, v) -> out.put(k, of(v)));
        return out;
    }

    /** A map value of a node that must be a mapping (null or an empty map otherwise). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> mapOf(Node n) {
        Object v = of(n);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** Deep copy of a value tree (maps stay insertion-ordered). */
    @SuppressWarnings("unchecked")
    public static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, x) -> out.put(k, copy(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(copy(x));
            }
            return out;
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> copyMap(Map<String, Object> m) {
        return m == null ? null : (Map<String, Object>) copy(m);
    }

    /**
     * A deep copy that cannot be changed (maps stay insertion-ordered, nulls are kept), for
     * value trees held by shared model objects; {@link #copy} gives a changeable one back.
     */
    @SuppressWarnings("unchecked")
    public static Object frozen(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, x) -> out.put(k, frozen(x)));
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(frozen(x));
            }
            return Collections.unmodifiableList(out);
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> frozenMap(Map<String, Object> m) {
        return m == null ? null : (Map<String, Object>) frozen(m);
    }
}
