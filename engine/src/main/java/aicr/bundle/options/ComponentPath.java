package aicr.bundle.options;

import static aicr.gocompat.GoStrings.quote;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code component:path[=value]}, the shape of {@code --set}, {@code --set-json},
 * {@code --set-file} and {@code --dynamic}. Path segments are restricted so that a value path
 * can neither inject template syntax nor traverse directories.
 *
 * @param value null when no {@code =} was given
 */
public record ComponentPath(String component, String path, String value) {
    private static final Pattern SEGMENT = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9._-]*$");

    public boolean hasValue() {
        return value != null;
    }

    /** Splits at the first {@code :} then the first {@code =}; checks every dot-separated segment. */
    public static ComponentPath parse(String input) {
        int colon = input.indexOf(':');
        if (colon < 0) {
            throw invalid("invalid format " + quote(input) + ": expected 'component:path' or 'component:path=value'");
        }
        String component = input.substring(0, colon);
        String rest = input.substring(colon + 1);
        int eq = rest.indexOf('=');
        String path = eq < 0 ? rest : rest.substring(0, eq);
        String value = eq < 0 ? null : rest.substring(eq + 1);
        if (component.isEmpty() || path.isEmpty()) {
            throw invalid("invalid format " + quote(input) + ": component and path cannot be empty");
        }
        if (value != null && value.isEmpty()) {
            throw invalid("invalid format " + quote(input) + ": value cannot be empty");
        }
        String[] segments = path.split("\\.", -1);
        if (segments.length > aicr.io.InputLimits.MAX_DEPTH) {
            throw invalid("invalid path in " + quote(input) + ": more than " + aicr.io.InputLimits.MAX_DEPTH
                    + " segments");
        }
        for (String seg : segments) {
            if (!SEGMENT.matcher(seg).matches()) {
                throw invalid("invalid path segment " + quote(seg) + " in " + quote(input)
                        + ": must contain only alphanumeric, dot, hyphen, or underscore characters");
            }
        }
        return new ComponentPath(component, path, value);
    }

    /** {@code --set} entries: every one needs a value. */
    public static List<ComponentPath> parseValueOverrides(List<String> inputs) {
        List<ComponentPath> out = new ArrayList<>();
        for (String in : inputs) {
            ComponentPath cp = parse(in);
            if (!cp.hasValue()) {
                throw invalid("invalid format " + quote(in) + ": --set requires 'bundler:path=value'");
            }
            out.add(cp);
        }
        return out;
    }

    /** {@code --dynamic} entries: none may carry a value. */
    public static List<ComponentPath> parseDynamic(List<String> inputs) {
        List<ComponentPath> out = new ArrayList<>();
        for (String in : inputs) {
            ComponentPath cp = parse(in);
            if (cp.hasValue()) {
                throw invalid("invalid format " + quote(in) + ": dynamic declaration does not accept '=value'");
            }
            out.add(cp);
        }
        return out;
    }

    private static AicrException invalid(String msg) {
        return new AicrException(ErrorCode.INVALID_REQUEST, msg);
    }
}
