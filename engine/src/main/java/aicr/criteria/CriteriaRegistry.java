package aicr.criteria;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The values accepted for each dimension beyond the built-in ones: every value some overlay's
 * criteria names. Values that only {@code --data} overlays contribute are hidden in strict mode.
 * Built once per catalog, then read-only.
 */
public final class CriteriaRegistry {
    public enum Origin { EMBEDDED, EXTERNAL }

    private final Map<Dimension, Map<String, Origin>> values = new EnumMap<>(Dimension.class);
    private final boolean strict;

    private CriteriaRegistry(Map<Dimension, Map<String, Origin>> values, boolean strict) {
        this.values.putAll(values);
        this.strict = strict;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same registry with strict mode switched on or off. */
    public CriteriaRegistry strict(boolean on) {
        return new CriteriaRegistry(values, on);
    }

    public boolean isStrict() {
        return strict;
    }

    boolean has(Dimension d, String normalized) {
        Origin o = values.getOrDefault(d, Map.of()).get(normalized);
        return o != null && (!strict || o == Origin.EMBEDDED);
    }

    /**
     * Parses one externally supplied value: trim, lower-case, aliases, built-in values, then the
     * registry. INVALID_REQUEST {@code invalid <dim> type: <raw>} otherwise.
     */
    public String parse(Dimension d, String raw) {
        String v = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        String fast = d.fastPath(v);
        if (fast != null) {
            return fast;
        }
        if (has(d, v)) {
            return v;
        }
        throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid " + d.key() + " type: " + raw);
    }

    /** Parse against the built-in values only (config files are checked this way). */
    public static String parseStatic(Dimension d, String raw) {
        String v = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        String fast = d.fastPath(v);
        if (fast == null) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid " + d.key() + " type: " + raw);
        }
        return fast;
    }

    /** Built-in plus registered values, sorted and de-duplicated. */
    public Set<String> allValues(Dimension d) {
        Set<String> out = new TreeSet<>(d.staticValues());
        values.getOrDefault(d, Map.of()).forEach((v, o) -> {
            if (!strict || o == Origin.EMBEDDED) {
                out.add(v);
            }
        });
        return out;
    }

    public static final class Builder {
        private final Map<Dimension, Map<String, Origin>> values = new EnumMap<>(Dimension.class);

        public Builder add(Criteria c, Origin origin) {
            for (Dimension d : Dimension.values()) {
                String v = c.get(d);
                if (v == null) {
                    continue;
                }
                v = v.trim().toLowerCase(Locale.ROOT);
                if (v.isEmpty() || v.equals(Criteria.ANY)) {
                    continue;
                }
                Map<String, Origin> m = values.computeIfAbsent(d, k -> new HashMap<>());
                Origin prior = m.get(v);
                if (prior != Origin.EMBEDDED) {
                    m.put(v, origin);
                }
            }
            return this;
        }

        public CriteriaRegistry build(boolean strict) {
            return new CriteriaRegistry(values, strict);
        }
    }

    /** Strict mode from the environment ({@code AICR_CRITERIA_STRICT}=1/true/yes/on). */
    public static boolean strictFromEnv() {
        String v = System.getenv("AICR_CRITERIA_STRICT");
        if (v == null) {
            return false;
        }
        v = v.trim().toLowerCase(Locale.ROOT);
        return v.equals("1") || v.equals("true") || v.equals("yes") || v.equals("on");
    }
}
