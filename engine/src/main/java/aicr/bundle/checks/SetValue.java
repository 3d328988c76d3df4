package aicr.bundle.checks;

/**
 * Fact: a {@code --set key:path=value} as typed (key not resolved through aliases; the last of a
 * repeated key and path). Checks about what the user asked for read these.
 */
public record SetValue(String key, String path, String value) {
}
