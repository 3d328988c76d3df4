package aicr.bundle.checks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The notes a bundle run prints after the summary ("⚠ Warning: ..."), in the order they arose. */
public final class Notes {
    private final List<String> notes = new ArrayList<>();

    /** A warning: prefixed with {@code Warning: } unless it already is. */
    public void warn(String message) {
        notes.add(message.startsWith("Warning: ") ? message : "Warning: " + message);
    }

    /** A note printed as given (the reference's allocation-policy deprecation has no prefix). */
    public void plain(String message) {
        notes.add(message);
    }

    public List<String> all() {
        return Collections.unmodifiableList(notes);
    }
}
