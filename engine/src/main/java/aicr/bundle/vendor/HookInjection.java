package aicr.bundle.vendor;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Node;
import aicr.io.Values;
import aicr.io.YamlReader;
import aicr.io.YamlWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A vendored chart installs a component's manifests together with the chart, so they must run
 * after the chart's own objects exist (its CRDs, for example): each document becomes a
 * {@code post-install} hook, weighted 100, 101, ... in file order. Documents that already carry
 * a hook are left as they are.
 */
public final class HookInjection {
    private HookInjection() {
    }

    static final int WEIGHT_BASE = 100;

    @SuppressWarnings("unchecked")
    public static String inject(String rendered) {
        List<Node> docs;
        try {
            docs = YamlReader.parseAll(rendered);
        } catch (RuntimeException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "parse manifest doc for hook injection", e);
        }
        StringBuilder out = new StringBuilder();
        int weight = WEIGHT_BASE;
        for (Node n : docs) {
            if (!(Values.of(n) instanceof Map<?, ?> m) || m.isEmpty()) {
                continue;
            }
            Map<String, Object> doc = (Map<String, Object>) m;
            if (!(doc.get("metadata") instanceof Map<?, ?>)) {
                doc.put("metadata", new LinkedHashMap<String, Object>());
            }
            Map<String, Object> meta = (Map<String, Object>) doc.get("metadata");
            if (!(meta.get("annotations") instanceof Map<?, ?>)) {
                meta.put("annotations", new LinkedHashMap<String, Object>());
            }
            Map<String, Object> annotations = (Map<String, Object>) meta.get("annotations");
            if (!annotations.containsKey("helm.sh/hook")) {
                annotations.put("helm.sh/hook", "post-install");
                annotations.put("helm.sh/hook-weight", Integer.toString(weight++));
                annotations.putIfAbsent("helm.sh/hook-delete-policy", "before-hook-creation");
            }
            if (out.length() > 0) {
                out.append("---\n");
            }
            out.append(YamlWriter.write(doc, true));
        }
        return out.toString();
    }
}
