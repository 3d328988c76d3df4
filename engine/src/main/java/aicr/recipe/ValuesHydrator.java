package aicr.recipe;

import aicr.data.DataSource;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Values;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A component's Helm values as the reference computes them for query and bundling:
 * the component's values.yaml, the ref's valuesFile over it, then the overrides. A null in
 * a later layer deletes where it meets an existing map.
 */
public final class ValuesHydrator {
    private ValuesHydrator() {
    }

    public static Map<String, Object> hydrate(DataSource data, ComponentRef r) {
        Map<String, Object> result = new LinkedHashMap<>();
        boolean hasOverrides = r.overrides() != null && !r.overrides().isEmpty();
        if (r.valuesFile().isEmpty() && !hasOverrides) {
            return result;
        }
        if (!r.valuesFile().isEmpty()) {
            String own = "components/" + r.name() + "/values.yaml";
            if (r.valuesFile().equals(own)) {
                result = read(data, own);
            } else {
                if (data.exists(own)) {
                    result = read(data, own);
                }
                Merge.mergeValues(result, read(data, r.valuesFile()));
            }
        }
        if (hasOverrides) {
            Merge.mergeValues(result, r.overrides());
        }
        return result;
    }

    /** Parses a values file into a fresh mutable map. */
    public static Map<String, Object> read(DataSource data, String path) {
        try {
            Map<String, Object> m = Values.mapOf(data.readNode(path));
            return m == null ? new LinkedHashMap<>() : m;
        } catch (AicrException e) {
            throw AicrException.wrap(ErrorCode.INTERNAL, "failed to read values file " + path, e);
        } catch (RuntimeException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to parse values file " + path, e);
        }
    }
}
