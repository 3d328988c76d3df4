package aicr.errors;

/**
 * The reference's structured error codes. The exit code of a failed command is the
 * exit code of the outermost structured error (see docs/exit-codes.md).
 */
public enum ErrorCode {
    INVALID_REQUEST(2),
    METHOD_NOT_ALLOWED(2),
    CONFLICT(2),
    NOT_FOUND(3),
    UNAUTHORIZED(4),
    TIMEOUT(5),
    SERVICE_UNAVAILABLE(6),
    RATE_LIMIT_EXCEEDED(7),
    INTERNAL(8);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
