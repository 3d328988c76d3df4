package aicr.bundle.options;

import static aicr.gocompat.GoStrings.quote;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code key=value} label selectors; the value may be empty and a repeated key keeps the last value. */
public final class Selectors {
    private Selectors() {
    }

    public static Map<String, String> parse(List<String> specs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : specs) {
            int eq = s.indexOf('=');
            if (eq < 0) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid format " + quote(s) + ", expected key=value");
            }
            out.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return out;
    }
}
