package aicr.io;

/**
 * A document that is not well-formed YAML or JSON; the message names the line. A document
 * refused by one of the {@link InputLimits} (nesting, aliases) is one too, marked
 * {@link #limitExceeded()}: it is invalid input (exit 2) wherever it was read, while a plain
 * syntax error keeps the code each reader gives it.
 */
public final class YamlSyntaxException extends RuntimeException {
    private final boolean limit;

    public YamlSyntaxException(String message) {
        this(message, null, false);
    }

    public YamlSyntaxException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private YamlSyntaxException(String message, Throwable cause, boolean limit) {
        super(message, cause);
        this.limit = limit;
    }

    /** A document refused by an input limit. */
    public static YamlSyntaxException limit(String message) {
        return new YamlSyntaxException(message, null, true);
    }

    public boolean limitExceeded() {
        return limit;
    }
}
