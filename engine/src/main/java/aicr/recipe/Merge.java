package aicr.recipe;

import aicr.io.Values;
import java.util.Map;

/** The two deep-merge flavours of the reference, which differ only in how they treat null. */
public final class Merge {
    private Merge() {
    }

    /**
     * Recipe-time merge of overrides: maps recurse, everything else (lists included) replaces,
     * and a null is stored as an explicit null (deletion happens later, at hydration).
     */
    @SuppressWarnings("unchecked")
    public static void deepMergeKeepingNulls(Map<String, Object> dst, Map<String, Object> src) {
        for (Map.Entry<String, Object> e : src.entrySet()) {
            Object sv = e.getValue();
            Object dv = dst.get(e.getKey());
            if (sv instanceof Map<?, ?> sm && dv instanceof Map<?, ?> dm) {
                deepMergeKeepingNulls((Map<String, Object>) dm, (Map<String, Object>) sm);
            } else {
                dst.put(e.getKey(), Values.copy(sv));
            }
        }
    }

    /**
     * Values merge (hydration, bundling): a null deletes the key where it meets an existing map;
     * a source subtree copied onto a missing or non-map destination keeps its nulls.
     */
    @SuppressWarnings("unchecked")
    public static void mergeValues(Map<String, Object> dst, Map<String, Object> src) {
        for (Map.Entry<String, Object> e : src.entrySet()) {
            Object sv = e.getValue();
            if (sv == null) {
                dst.remove(e.getKey());
                continue;
            }
            Object dv = dst.get(e.getKey());
            if (sv instanceof Map<?, ?> sm && dv instanceof Map<?, ?> dm) {
                mergeValues((Map<String, Object>) dm, (Map<String, Object>) sm);
            } else {
                dst.put(e.getKey(), Values.copy(sv));
            }
        }
    }
}
