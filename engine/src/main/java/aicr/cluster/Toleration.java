package aicr.cluster;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A pod toleration as the agent flags give it (spec §3.7): {@code *} tolerates everything,
 * otherwise {@code key=value:Effect} (operator Equal) or {@code key:Effect} (operator Exists).
 *
 * @param key      "" for the tolerate-all form
 * @param operator {@code Equal} or {@code Exists}
 * @param value    "" unless Equal
 * @param effect   "" for the tolerate-all form
 */
public record Toleration(String key, String operator, String value, String effect) {

    private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    /** Tolerate every taint: the snapshot agent's default. */
    public static final Toleration ALL = new Toleration("", "Exists", "", "");

    /** Parses flag values; an empty list is the tolerate-all default. */
    public static List<Toleration> parse(List<String> specs) {
        if (specs == null || specs.isEmpty()) {
            return List.of(ALL);
        }
        List<Toleration> out = new ArrayList<>();
        for (String t : specs) {
            if (t.equals("*")) {
                out.add(ALL);
                continue;
            }
            String[] parts = t.split(":", -1);
            if (parts.length != 2) {
                throw new AicrException(ErrorCode.INVALID_REQUEST,
                        "invalid format \"" + t + "\", expected key=value:effect or key:effect");
            }
            int eq = parts[0].indexOf('=');
            String key = eq >= 0 ? parts[0].substring(0, eq) : parts[0];
            String value = eq >= 0 ? parts[0].substring(eq + 1) : "";
            if (!EFFECTS.contains(parts[1])) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid taint effect",
                        new AicrException(ErrorCode.INVALID_REQUEST, "invalid taint effect \"" + parts[1]
                                + "\", expected NoSchedule, PreferNoSchedule, or NoExecute"));
            }
            out.add(new Toleration(key, value.isEmpty() ? "Exists" : "Equal", value, parts[1]));
        }
        return out;
    }

    /** The serialized form validators receive: {@code *}, {@code k=v:Effect} or {@code k:Effect}. */
    public String serialized() {
        if (key.isEmpty() && operator.equals("Exists") && effect.isEmpty()) {
            return "*";
        }
        return key + (operator.equals("Equal") ? "=" + value : "") + ":" + effect;
    }
}
