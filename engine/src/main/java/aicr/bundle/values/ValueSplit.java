package aicr.bundle.values;

import aicr.io.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values split for install time: each {@code --dynamic} path is moved out of a copy of the
 * values into a separate map at the same path ({@code ""} when it had no value). Reproduces the
 * reference's quirks: a path declared twice ends up {@code ""} (the second move finds nothing),
 * and a parent map emptied by the move stays behind as {@code {}}.
 */
public record ValueSplit(Map<String, Object> statics, Map<String, Object> dynamic) {

    public static ValueSplit of(Map<String, Object> values, List<String> dynamicPaths) {
        Map<String, Object> statics = values == null ? new LinkedHashMap<>() : Values.copyMap(values);
        Map<String, Object> dynamic = new LinkedHashMap<>();
        for (String path : dynamicPaths) {
            ValuePaths.Lookup l = ValuePaths.get(statics, path);
            Object v = "";
            if (l.found()) {
                ValuePaths.remove(statics, path);
                v = l.value();
            }
            ValuePaths.setLenient(dynamic, path, v);
        }
        return new ValueSplit(statics, dynamic);
    }
}
