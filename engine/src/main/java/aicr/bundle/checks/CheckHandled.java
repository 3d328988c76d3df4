package aicr.bundle.checks;

/**
 * Fact: a registry check whose function a rule file in effect implements (its
 * {@code implements:} list). The runner inserts one per such check before the rules fire, so
 * that {@code bundle-check.unknown-function} can report checks nobody implements.
 */
public record CheckHandled(BundleCheck check) {
}
