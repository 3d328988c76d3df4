package aicr.bundle.options;

import static aicr.gocompat.GoStrings.quote;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;

/** The {@code --workload-gate} node taint. Unlike tolerations, a taint needs a key. */
public record Taint(String key, String value, String effect) {

    public static Taint parse(String s) {
        if (s.isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "taint string cannot be empty");
        }
        String[] kv = Toleration.KeyValueEffect.split(s);
        if (kv[0].isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid format " + quote(s) + ", key cannot be empty");
        }
        Toleration.KeyValueEffect.checkEffect(kv[2]);
        return new Taint(kv[0], kv[1], kv[2]);
    }

    /** Kubernetes' taint string: {@code key=value:effect}, or {@code key:effect} without a value. */
    @Override
    public String toString() {
        return value.isEmpty() ? key + ":" + effect : key + "=" + value + ":" + effect;
    }
}
