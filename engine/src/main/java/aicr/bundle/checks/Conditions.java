package aicr.bundle.checks;

import java.util.List;
import java.util.Map;

/** Pure helper for rule conditions: does a check's criteria condition hold for this recipe? */
public final class Conditions {
    private Conditions() {
    }

    /**
     * Every listed criteria field must match one of its values; unknown fields are ignored. A
     * generic recipe value ({@code any} or unset) matches any value; a specific one needs the same
     * specific value; a recipe without criteria satisfies no condition.
     */
    public static boolean hold(BundleCheck check, BundleCriteria criteria) {
        Map<String, List<String>> conditions = check.conditions();
        if (conditions == null || conditions.isEmpty()) {
            return true;
        }
        if (!criteria.present()) {
            return false;
        }
        for (Map.Entry<String, List<String>> e : conditions.entrySet()) {
            String actual = criteria.field(e.getKey());
            if (actual == null) {
                continue;
            }
            boolean found = false;
            for (String expected : e.getValue() == null ? List.<String>of() : e.getValue()) {
                found |= matches(actual, expected);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(String actual, String expected) {
        if (actual.isEmpty() || actual.equals("any")) {
            return true;
        }
        return !expected.isEmpty() && !expected.equals("any") && actual.equals(expected);
    }
}
