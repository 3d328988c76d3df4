package aicr.bundle.values;

import static aicr.gocompat.GoStrings.quote;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.gocompat.GoStrings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dot-path access into Helm values ({@code a.b.c}; no list indexing). Reading never creates
 * anything; writing creates missing intermediate maps, and meets an intermediate that is not a
 * map either strictly (an error, as for {@code --set}) or leniently (replaced by a map, as for
 * injected node selectors).
 */
final class ValuePaths {
    private ValuePaths() {
    }

    /** The result of a read: whether the key exists, and its value (which may be null). */
    public record Lookup(boolean found, Object value) {
        static final Lookup MISSING = new Lookup(false, null);
    }

    /** The map holding the last segment and that segment, or null when an intermediate is missing or not a map. */
    @SuppressWarnings("unchecked")
    static Map.Entry<Map<String, Object>, String> parentOf(Map<String, Object> root, String path) {
        String[] parts = path.split("\\.", -1);
        Map<String, Object> cur = root;
        for (int i = 0; i < parts.length - 1; i++) {
            if (!(cur.get(parts[i]) instanceof Map<?, ?> next)) {
                return null;
            }
            cur = (Map<String, Object>) next;
        }
        return Map.entry(cur, parts[parts.length - 1]);
    }

    public static Lookup get(Map<String, Object> root, String path) {
        if (root == null) {
            return Lookup.MISSING;
        }
        Map.Entry<Map<String, Object>, String> p = parentOf(root, path);
        if (p == null || !p.getKey().containsKey(p.getValue())) {
            return Lookup.MISSING;
        }
        return new Lookup(true, p.getKey().get(p.getValue()));
    }

    /** Removes the key at {@code path}; true when something was removed. */
    public static boolean remove(Map<String, Object> root, String path) {
        Map.Entry<Map<String, Object>, String> p = parentOf(root, path);
        if (p == null || !p.getKey().containsKey(p.getValue())) {
            return false;
        }
        p.getKey().remove(p.getValue());
        return true;
    }

    /**
     * The parent map for writing {@code path}, creating intermediate maps.
     *
     * @param strict true: an existing non-map intermediate (null included) is an error; false: it is replaced
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parentForWrite(Map<String, Object> root, String[] parts, boolean strict) {
        Map<String, Object> cur = root;
        for (int i = 0; i < parts.length - 1; i++) {
            String part = parts[i];
            if (cur.containsKey(part)) {
                Object next = cur.get(part);
                if (next instanceof Map<?, ?> m) {
                    cur = (Map<String, Object>) m;
                    continue;
                }
                if (strict) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "path segment " + quote(part)
                            + " exists but is not a map (type: " + GoStrings.typeName(next) + ")");
                }
            }
            Map<String, Object> fresh = new LinkedHashMap<>();
            cur.put(part, fresh);
            cur = fresh;
        }
        return cur;
    }

    /** Sets {@code value} at {@code path}, replacing non-map intermediates. */
    public static void setLenient(Map<String, Object> root, String path, Object value) {
        String[] parts = path.split("\\.", -1);
        parentForWrite(root, parts, false).put(parts[parts.length - 1], value);
    }

    /**
     * Sets {@code value} at {@code path}; a non-map intermediate fails with the reference's
     * "failed to resolve override path" error.
     */
    public static void setStrict(Map<String, Object> root, String path, Object value) {
        String[] parts = path.split("\\.", -1);
        parentStrict(root, parts).put(parts[parts.length - 1], value);
    }

    static Map<String, Object> parentStrict(Map<String, Object> root, String[] parts) {
        try {
            return parentForWrite(root, parts, true);
        } catch (AicrException e) {
            throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "failed to resolve override path", e);
        }
    }

    /** Number of dots: the depth by which overrides are ordered before they are applied. */
    static int depth(String path) {
        int n = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '.') {
                n++;
            }
        }
        return n;
    }

    /** Depth first, then byte order: the deterministic application order of override paths. */
    static final java.util.Comparator<String> APPLY_ORDER =
            java.util.Comparator.comparingInt(ValuePaths::depth).thenComparing(java.util.Comparator.naturalOrder());
}
