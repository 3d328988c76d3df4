package aicr.bundle.checks;

/**
 * Fact rules insert: what a check found.
 *
 * <p>For a registry check ({@code check} set) the registry entry's severity decides what
 * happens with a finding ({@code error} fails the bundle, {@code info} only logs, anything
 * else is a warning note), as in the reference; {@code failure} results fail the bundle
 * whatever the severity. For a check of a user rule file that is not in the registry
 * ({@link #of}, {@code check} null) the severity of the rule that inserted it decides.
 *
 * @param component     the component the finding is about ("" for the bundle as a whole)
 * @param message       the finding ("x is enabled but --workload-selector is not set"); the registry
 *                      message is appended by the runner
 * @param logConditions the log line names the check's conditions
 * @param failure       the check itself cannot run (an unknown function)
 */
public record CheckResult(BundleCheck check, String component, String message, boolean logConditions,
                          boolean failure) {

    public static CheckResult finding(BundleCheck check, String message) {
        return new CheckResult(check, check.component(), message, false, false);
    }

    public static CheckResult findingWithConditions(BundleCheck check, String message) {
        return new CheckResult(check, check.component(), message, true, false);
    }

    public static CheckResult failure(BundleCheck check, String message) {
        return new CheckResult(check, check.component(), message, false, true);
    }

    /** A finding of a check that is not in the registry: the inserting rule's severity decides its effect. */
    public static CheckResult of(String component, String message) {
        return new CheckResult(null, component == null ? "" : component, message, false, false);
    }
}
