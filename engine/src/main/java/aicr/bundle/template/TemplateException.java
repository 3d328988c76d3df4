package aicr.bundle.template;

/**
 * A template could not be parsed or executed. The message is exactly what Go's text/template
 * reports, e.g. {@code template: manifest:3: function "upper" not defined} or
 * {@code template: manifest:1:3: executing "manifest" at <eq $v.zero "0">: error calling eq:
 * incompatible types for comparison: int and string}; callers add their own context around it.
 */
public final class TemplateException extends RuntimeException {

    /** Which phase failed; callers map the two to different error codes. */
    public enum Kind {
        PARSE, EXECUTE
    }

    private final Kind kind;

    TemplateException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
