package aicr.validate;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/** Validation phases and the {@code --phase} selection (spec §5.3). */
public final class Phases {
    private Phases() {
    }

    public static final String DEPLOYMENT = "deployment";
    public static final String PERFORMANCE = "performance";
    public static final String CONFORMANCE = "conformance";
    /** The constraint pre-flight; not selectable, but the suite name of constraint results in reports. */
    public static final String READINESS = "readiness";

    /** Default run order (note: conformance before performance). */
    public static final List<String> ORDER = List.of(DEPLOYMENT, CONFORMANCE, PERFORMANCE);

    /**
     * Parses {@code --phase} values: in the order given, duplicates dropped; {@code all} alone
     * (or nothing) selects the default order and returns an empty list.
     */
    public static List<String> parse(List<String> values) {
        List<String> out = new ArrayList<>();
        boolean all = false;
        for (String s : values == null ? List.<String>of() : values) {
            if (s.equals("all")) {
                all = true;
                continue;
            }
            if (!ORDER.contains(s)) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid phase \"" + s
                        + "\": must be one of: deployment, performance, conformance, all");
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        if (all && !out.isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "phase \"all\" cannot be combined with other phases");
        }
        return out;
    }

    /** Go's {@code %v} of a phase slice: {@code [deployment conformance]}. */
    static String format(List<String> phases) {
        return "[" + String.join(" ", phases) + "]";
    }
}
