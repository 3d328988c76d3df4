package aicr.bundle.values;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies user overrides to one component's values. Paths are applied shallow first, then in
 * byte order (the reference iterates a Go map for {@code --set}, i.e. in random order; a fixed
 * order keeps bundles reproducible). Every failing path is reported, not only the first.
 */
final class OverrideWriter {
    private OverrideWriter() {
    }

    /** {@code --set}: each value typed like the reference ({@link ScalarValue}); the final key is replaced. */
    static void applyScalar(Map<String, Object> values, Map<String, String> overrides) {
        List<String> errors = new ArrayList<>();
        for (String path : sorted(overrides.keySet())) {
            String v = overrides.get(path);
            try {
                ValuePaths.setStrict(values, path, ScalarValue.convert(v));
            } catch (AicrException e) {
                errors.add(path + "=" + v + ": " + e.render());
            }
        }
        if (!errors.isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "failed to apply map overrides: " + String.join("; ", errors));
        }
    }

    /**
     * {@code --set-json} / {@code --set-file}: an object merges into the map at the path (into a
     * fresh map when there is none), dropping null members at every depth; anything else replaces.
     */
    static void applyTyped(Map<String, Object> values, Map<String, Object> overrides) {
        List<String> errors = new ArrayList<>();
        for (String path : sorted(overrides.keySet())) {
            try {
                mergeAt(values, path, overrides.get(path));
            } catch (AicrException e) {
                errors.add(path + ": " + e.render());
            }
        }
        if (!errors.isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "failed to apply typed overrides: " + String.join("; ", errors));
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergeAt(Map<String, Object> values, String path, Object value) {
        String[] parts = path.split("\\.", -1);
        Map<String, Object> parent = ValuePaths.parentStrict(values, parts);
        String key = parts[parts.length - 1];
        if (value instanceof Map<?, ?> src) {
            if (parent.get(key) instanceof Map<?, ?> dst) {
                mergeDroppingNulls((Map<String, Object>) dst, (Map<String, Object>) src);
            } else {
                Map<String, Object> clean = new LinkedHashMap<>();
                mergeDroppingNulls(clean, (Map<String, Object>) src);
                parent.put(key, clean);
            }
            return;
        }
        parent.put(key, Values.copy(value));
    }

    @SuppressWarnings("unchecked")
    private static void mergeDroppingNulls(Map<String, Object> dst, Map<String, Object> src) {
        for (Map.Entry<String, Object> e : src.entrySet()) {
            Object sv = e.getValue();
            if (sv == null) {
                dst.remove(e.getKey());
            } else if (sv instanceof Map<?, ?> sm) {
                if (dst.get(e.getKey()) instanceof Map<?, ?> dm) {
                    mergeDroppingNulls((Map<String, Object>) dm, (Map<String, Object>) sm);
                } else {
                    Map<String, Object> clean = new LinkedHashMap<>();
                    mergeDroppingNulls(clean, (Map<String, Object>) sm);
                    dst.put(e.getKey(), clean);
                }
            } else {
                dst.put(e.getKey(), Values.copy(sv));
            }
        }
    }

    private static List<String> sorted(java.util.Collection<String> paths) {
        List<String> l = new ArrayList<>(paths);
        l.sort(ValuePaths.APPLY_ORDER);
        return l;
    }
}
