package aicr.server;

import aicr.criteria.Criteria;
import aicr.criteria.CriteriaRegistry;
import aicr.criteria.Dimension;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The criteria values the server accepts ({@code AICR_ALLOWED_ACCELERATORS},
 * {@code AICR_ALLOWED_SERVICES}, {@code AICR_ALLOWED_INTENTS}, {@code AICR_ALLOWED_OS}):
 * comma-separated, parsed with the built-in parsers (aliases apply, {@code any} entries are
 * dropped). An empty list allows every value of its dimension; {@code any} in a request is
 * always allowed. Platform cannot be restricted, as in the reference.
 */
public record AllowLists(Map<Dimension, List<String>> allowed) {
    public static final AllowLists NONE = new AllowLists(Map.of());

    /** Environment variable per restrictable dimension. */
    public static final Map<Dimension, String> ENV = Map.of(
            Dimension.ACCELERATOR, "AICR_ALLOWED_ACCELERATORS",
            Dimension.SERVICE, "AICR_ALLOWED_SERVICES",
            Dimension.INTENT, "AICR_ALLOWED_INTENTS",
            Dimension.OS, "AICR_ALLOWED_OS");

    /** Dimensions in the reference's checking order. */
    private static final List<Dimension> ORDER = List.of(Dimension.ACCELERATOR, Dimension.SERVICE, Dimension.INTENT,
            Dimension.OS);

    public AllowLists {
        Map<Dimension, List<String>> copy = new EnumMap<>(Dimension.class);
        allowed.forEach((d, l) -> {
            if (!l.isEmpty()) {
                copy.put(d, List.copyOf(l));
            }
        });
        allowed = Collections.unmodifiableMap(copy);
    }

    public static AllowLists fromEnv(Function<String, String> env) {
        Map<Dimension, String> raw = new EnumMap<>(Dimension.class);
        for (Dimension d : ORDER) {
            String v = env.apply(ENV.get(d));
            if (v != null && !v.isEmpty()) {
                raw.put(d, v);
            }
        }
        return parse(raw, d -> ENV.get(d));
    }

    /**
     * Parses comma-separated lists; an invalid value fails with INVALID_REQUEST naming its
     * source ({@code source.apply(d)}: the variable or flag).
     */
    public static AllowLists parse(Map<Dimension, String> raw, Function<Dimension, String> source) {
        Map<Dimension, List<String>> out = new EnumMap<>(Dimension.class);
        for (Dimension d : ORDER) {
            String v = raw.get(d);
            if (v == null || v.isEmpty()) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (String part : v.split(",", -1)) {
                String t = part.trim();
                if (t.isEmpty()) {
                    continue;
                }
                String parsed;
                try {
                    parsed = CriteriaRegistry.parseStatic(d, t);
                } catch (AicrException e) {
                    throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "invalid " + source.apply(d) + " (\"" + v + "\")", e);
                }
                if (!parsed.equals(Criteria.ANY) && !values.contains(parsed)) {
                    values.add(parsed);
                }
            }
            out.put(d, values);
        }
        return new AllowLists(out);
    }

    public boolean isEmpty() {
        return allowed.isEmpty();
    }

    public List<String> get(Dimension d) {
        return allowed.getOrDefault(d, List.of());
    }

    /** The first dimension whose value is not allowed, in the reference's order; null when all are. */
    public Dimension rejected(Criteria c) {
        if (c == null) {
            return null;
        }
        for (Dimension d : ORDER) {
            List<String> l = get(d);
            String v = c.get(d);
            if (!l.isEmpty() && v != null && !v.isEmpty() && !v.equals(Criteria.ANY) && !l.contains(v)) {
                return d;
            }
        }
        return null;
    }

    /** The reference's message for a rejected dimension. */
    static String message(Dimension d) {
        return (d == Dimension.OS ? "OS" : d.key()) + " type not allowed";
    }
}
