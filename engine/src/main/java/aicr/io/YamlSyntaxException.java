package aicr.io;

/** A document that is not well-formed YAML or JSON; the message names the line. */
public final class YamlSyntaxException extends RuntimeException {
    public YamlSyntaxException(String message) {
        super(message);
    }

    public YamlSyntaxException(String message, Throwable cause) {
        super(message, cause);
    }
}
