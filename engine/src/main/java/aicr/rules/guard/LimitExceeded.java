package aicr.rules.guard;

/** A rule session went over one of its limits; thrown from rule code and session callbacks. */
public final class LimitExceeded extends RuntimeException {
    /** Which limit. */
    public enum Kind { TIME, FIRINGS, INSERTS, MATCHES, MEMORY, CANCELLED }

    private final Kind kind;

    public LimitExceeded(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
