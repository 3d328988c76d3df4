package aicr.cluster;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Fields;
import aicr.io.Node;
import aicr.log.Log;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parsers of the agent flags shared by snapshot and validate (node selectors, resource lists),
 * and how a flag and the config file's value combine.
 */
public final class AgentFlags {
    private AgentFlags() {
    }

    /** The flag when given, else the config value when set, else the default; logs a flag that overrides the config. */
    public static String pick(String flag, String given, String fromConfig, String dflt) {
        if (given == null) {
            return fromConfig == null || fromConfig.isEmpty() ? dflt : fromConfig;
        }
        if (fromConfig != null && !fromConfig.isEmpty() && !fromConfig.equals(given)) {
            Log.info("CLI flag overriding config value", "flag", flag, "config", fromConfig, "override", given);
        }
        return given;
    }

    /** {@code --node-selector} entries when given, else the config's {@code nodeSelector} map; a bad entry is INVALID_REQUEST. */
    public static Map<String, String> nodeSelector(List<String> given, Node.MapNode agentConfig) {
        try {
            return given != null ? nodeSelectors(given) : Fields.strMap(agentConfig, "nodeSelector");
        } catch (AicrException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid node-selector", e);
        }
    }

    /** {@code --image-pull-secret} values when given, else the config's {@code imagePullSecrets}, else none. */
    public static List<String> imagePullSecrets(List<String> given, Node.MapNode agentConfig) {
        if (given != null) {
            return given;
        }
        List<String> fromConfig = Fields.strList(agentConfig, "imagePullSecrets");
        return fromConfig == null ? List.of() : fromConfig;
    }

    /** {@code key=value} entries, split at the first {@code =}; later keys win. */
    public static Map<String, String> nodeSelectors(List<String> specs) {
        Map<String, String> out = new LinkedHashMap<>();
        if (specs == null) {
            return out;
        }
        for (String s : specs) {
            int eq = s.indexOf('=');
            if (eq < 0) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid format \"" + s + "\", expected key=value");
            }
            out.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return out;
    }

    /** The Kubernetes quantity grammar (apimachinery's resource.Quantity). */
    private static final Pattern QUANTITY = Pattern.compile(
            "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d+)?");

    /**
     * {@code name=quantity[,name=quantity...]} (spec §3.1 {@code --requests/--limits}): empty
     * entries skipped; an entry without {@code =}, with an empty side, a malformed or negative
     * quantity, or a repeated name is INVALID_REQUEST.
     */
    public static Map<String, String> resources(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String raw : spec.split(",", -1)) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "entry \"" + entry + "\" is not in name=quantity form");
            }
            String key = entry.substring(0, eq).trim();
            String value = entry.substring(eq + 1).trim();
            if (key.isEmpty() || value.isEmpty()) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "entry \"" + entry + "\" has empty name or quantity");
            }
            if (!QUANTITY.matcher(value).matches()) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "entry \"" + entry + "\" has invalid quantity",
                        new IllegalArgumentException("quantities must match the regular expression "
                                + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
            }
            if (value.startsWith("-") && value.substring(1).replaceFirst("^([0-9.]*).*$", "$1").matches(".*[1-9].*")) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "entry \"" + entry + "\" has negative quantity");
            }
            if (out.containsKey(key)) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "duplicate key \"" + key + "\"");
            }
            out.put(key, value);
        }
        return out;
    }
}
