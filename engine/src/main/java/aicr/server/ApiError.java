package aicr.server;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.util.Map;
import java.util.TreeMap;

/**
 * An error response: HTTP status, the reference's code, message, details and retry hint.
 * Handlers throw it; the dispatcher writes it as the error body.
 */
final class ApiError extends RuntimeException {
    final int status;
    final ErrorCode code;
    final Map<String, Object> details;
    final boolean retryable;

    ApiError(int status, ErrorCode code, String message, Map<String, Object> details, boolean retryable) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details == null ? Map.of() : new TreeMap<>(details);
        this.retryable = retryable;
    }

    static ApiError badRequest(String message, Map<String, Object> details) {
        return new ApiError(400, ErrorCode.INVALID_REQUEST, message, details, false);
    }

    /** A 400 whose details carry the rendered engine error under {@code error}. */
    static ApiError badRequest(String message, AicrException cause) {
        return badRequest(message, Map.of("error", cause.render()));
    }

    static ApiError methodNotAllowed(String method, boolean listAllowed, String... allowed) {
        Map<String, Object> d = new TreeMap<>();
        d.put("method", method);
        if (listAllowed) {
            d.put("allowed", java.util.List.of(allowed));
        }
        return new ApiError(405, ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed", d, false);
    }

    static ApiError tooLarge(long limit) {
        return new ApiError(413, ErrorCode.INVALID_REQUEST, "Request body exceeds maximum allowed size",
                Map.of("limit_bytes", limit), false);
    }

    /**
     * An engine error as the reference maps it: status and retry hint from the code, the
     * error's own message (or {@code fallback}), and the cause's text under {@code error} for
     * client errors only (a 5xx never shows internals).
     */
    static ApiError of(AicrException e, String fallback) {
        int status = status(e.code());
        String msg = e.getMessage() == null || e.getMessage().isEmpty() ? fallback : e.getMessage();
        Map<String, Object> d = new TreeMap<>();
        Throwable cause = e.getCause();
        if (cause != null && status < 500) {
            d.put("error", cause instanceof AicrException a ? a.render()
                    : cause.getMessage() == null ? cause.toString() : cause.getMessage());
        }
        return new ApiError(status, e.code(), msg, d, retryable(e.code()));
    }

    static int status(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST -> 400;
            case UNAUTHORIZED -> 401;
            case NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case CONFLICT -> 409;
            case RATE_LIMIT_EXCEEDED -> 429;
            case SERVICE_UNAVAILABLE -> 503;
            case TIMEOUT -> 504;
            case INTERNAL -> 500;
        };
    }

    static boolean retryable(ErrorCode code) {
        return switch (code) {
            case TIMEOUT, SERVICE_UNAVAILABLE, RATE_LIMIT_EXCEEDED, INTERNAL -> true;
            default -> false;
        };
    }
}
