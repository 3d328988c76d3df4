package aicr.rules.facts;

/** An unstructured cause (the reference's sentinel errors): renders as its message only. */
final class PlainError extends Exception {
    PlainError(String message) {
        super(message, null, false, false);
    }
}
