package aicr.bundle.checks;

/**
 * Fact a check's rule file inserts for every check whose function it implements, so that
 * {@code bundle-check.unknown-function} can report checks nobody implements.
 */
public record CheckHandled(BundleCheck check) {
}
