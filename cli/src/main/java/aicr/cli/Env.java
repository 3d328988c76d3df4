package aicr.cli;

import java.util.Map;

/**
 * The environment of the running command: the process environment, or a map an in-process
 * test supplies. Commands read their environment-backed flags ({@code AICR_NAMESPACE},
 * {@code AICR_AGENT_MODE}, ...) through this, never through {@link System#getenv()} directly.
 */
final class Env {
    private Env() {
    }

    private static Map<String, String> vars = System.getenv();

    static void set(Map<String, String> env) {
        vars = Map.copyOf(env);
    }

    static Map<String, String> all() {
        return vars;
    }

    /** The variable's value, null when unset or empty (an empty variable counts as not given). */
    static String get(String name) {
        String v = vars.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** A boolean variable as Go's strconv.ParseBool reads it; null when unset. */
    static Boolean bool(String name) {
        String v = get(name);
        if (v == null) {
            return null;
        }
        try {
            return aicr.gocompat.GoStrings.parseBool(v.trim());
        } catch (RuntimeException e) {
            throw new aicr.errors.AicrException(aicr.errors.ErrorCode.INVALID_REQUEST,
                    "could not parse \"" + v + "\" as bool value from environment variable " + name);
        }
    }
}
