package aicr.errors;

/**
 * The one exception type of the engine: a code, a message and an optional cause.
 * Renders like the reference, {@code [CODE] message: cause}, where a structured cause
 * renders the same way recursively and any other cause contributes its message.
 */
public final class AicrException extends RuntimeException {
    private final ErrorCode code;

    public AicrException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public AicrException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public int exitCode() {
        return code.exitCode();
    }

    /** Wraps {@code t} with a new outer code and message (the outer code decides the exit code). */
    public static AicrException wrap(ErrorCode code, String message, Throwable t) {
        return new AicrException(code, message, t);
    }

    /** Returns {@code t} unchanged when it is already structured, else wraps it with {@code code}. */
    public static AicrException propagate(ErrorCode code, String message, Throwable t) {
        if (t instanceof AicrException a) {
            return a;
        }
        return new AicrException(code, message, t);
    }

    /** The reference rendering: {@code [CODE] message: cause}. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append('[').append(code.name()).append("] ").append(getMessage());
        Throwable c = getCause();
        if (c != null) {
            sb.append(": ");
            if (c instanceof AicrException a) {
                sb.append(a.render());
            } else {
                sb.append(c.getMessage() == null ? c.toString() : c.getMessage());
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
