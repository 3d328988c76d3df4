package aicr.rules.facts;

/**
 * A constraint of a validation phase ({@code validation.deployment.constraints}, ...). The
 * reference hands these to validator containers, not to the readiness pre-flight, so no
 * shipped constraint rule evaluates them; they are facts for rules that want them.
 */
public record PhaseConstraint(String phase, String name, String value) {
}
