package aicr.bundle.options;

import static aicr.gocompat.GoStrings.quote;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A pod toleration from {@code --*-node-toleration}; empty fields are left out of the values. */
public record Toleration(String key, String operator, String value, String effect) {
    static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    /** The default when no toleration is configured: tolerate every taint. */
    public static final List<Toleration> TOLERATE_ALL = List.of(new Toleration("", "Exists", "", ""));

    /**
     * {@code key=value:effect}, {@code key:effect} or {@code *}. Exactly one {@code :}; the key may
     * be empty (a keyless toleration) and the value may contain {@code =}.
     */
    public static List<Toleration> parseAll(List<String> specs) {
        if (specs.isEmpty()) {
            return TOLERATE_ALL;
        }
        List<Toleration> out = new ArrayList<>();
        for (String t : specs) {
            if (t.equals("*")) {
                out.add(new Toleration("", "Exists", "", ""));
                continue;
            }
            String[] kv = KeyValueEffect.split(t);
            KeyValueEffect.checkEffect(kv[2]);
            String value = kv[1];
            out.add(new Toleration(kv[0], value.isEmpty() ? "Exists" : "Equal", value, kv[2]));
        }
        return out;
    }

    /** The toleration as a values entry (Kubernetes pod-spec field names). */
    public Map<String, Object> toValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "key", key);
        put(m, "operator", operator);
        put(m, "value", value);
        put(m, "effect", effect);
        return m;
    }

    private static void put(Map<String, Object> m, String k, String v) {
        if (!v.isEmpty()) {
            m.put(k, v);
        }
    }

    /** Shared grammar of tolerations and taints. */
    static final class KeyValueEffect {
        private KeyValueEffect() {
        }

        /** Returns {key, value, effect}; validates the colon count and the effect. */
        static String[] split(String s) {
            String[] parts = s.split(":", -1);
            if (parts.length != 2) {
                throw new AicrException(ErrorCode.INVALID_REQUEST,
                        "invalid format " + quote(s) + ", expected key=value:effect or key:effect");
            }
            String key = parts[0];
            String value = "";
            int eq = parts[0].indexOf('=');
            if (eq >= 0) {
                key = parts[0].substring(0, eq);
                value = parts[0].substring(eq + 1);
            }
            String effect = parts[1];
            return new String[]{key, value, effect};
        }

        static void checkEffect(String effect) {
            if (!EFFECTS.contains(effect)) {
                throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "invalid taint effect",
                        new AicrException(ErrorCode.INVALID_REQUEST, "invalid taint effect " + quote(effect)
                                + ", expected NoSchedule, PreferNoSchedule, or NoExecute"));
            }
        }
    }
}
