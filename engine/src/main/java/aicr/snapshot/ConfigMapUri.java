package aicr.snapshot;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;

/** {@code cm://<namespace>/<name>} (spec §0.6): split at the first '/', both parts trimmed and non-empty. */
public record ConfigMapUri(String namespace, String name) {

    public static ConfigMapUri parse(String uri) {
        String rest = uri.substring("cm://".length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw invalid("invalid configmap URI format");
        }
        String ns = rest.substring(0, slash).trim();
        String name = rest.substring(slash + 1).trim();
        if (ns.isEmpty() || name.isEmpty()) {
            throw invalid("namespace and name cannot be empty");
        }
        return new ConfigMapUri(ns, name);
    }

    private static AicrException invalid(String why) {
        return new AicrException(ErrorCode.INVALID_REQUEST, "invalid ConfigMap URI",
                new AicrException(ErrorCode.INVALID_REQUEST, why));
    }
}
