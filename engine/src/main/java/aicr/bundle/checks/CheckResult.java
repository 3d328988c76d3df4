package aicr.bundle.checks;

/**
 * Fact rules insert: what a check found. The registry entry's severity decides what happens
 * with a finding ({@code error} fails the bundle, {@code info} only logs, anything else is a
 * warning note); {@code failure} results fail the bundle whatever the severity.
 *
 * @param message       the finding ("x is enabled but --workload-selector is not set"); the registry
 *                      message is appended by the runner
 * @param logConditions the log line names the check's conditions
 * @param failure       the check itself cannot run (an unknown function)
 */
public record CheckResult(BundleCheck check, String message, boolean logConditions, boolean failure) {

    public static CheckResult finding(BundleCheck check, String message) {
        return new CheckResult(check, message, false, false);
    }

    public static CheckResult findingWithConditions(BundleCheck check, String message) {
        return new CheckResult(check, message, true, false);
    }

    public static CheckResult failure(BundleCheck check, String message) {
        return new CheckResult(check, message, false, true);
    }
}
