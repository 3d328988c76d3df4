package aicr.bundle.argocdhelm;

import java.util.regex.Pattern;

/**
 * The umbrella chart's version. Helm requires SemVer 2; the reference writes the recipe's
 * version as is ({@code dev} for development recipes), which {@code helm lint} and
 * {@code helm package} reject. A version that is not SemVer becomes a pre-release of 0.0.0
 * ({@code dev} → {@code 0.0.0-dev}), which sorts below every release.
 */
final class ChartVersion {
    private ChartVersion() {
    }

    private static final Pattern SEMVER = Pattern.compile(
            "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    static boolean isSemver(String v) {
        return SEMVER.matcher(v).matches();
    }

    /** The recipe version without a leading {@code v}; {@code 0.1.0} when empty; made SemVer when it is not. */
    static String of(String recipeVersion) {
        String v = recipeVersion.startsWith("v") ? recipeVersion.substring(1) : recipeVersion;
        if (v.isEmpty()) {
            return "0.1.0";
        }
        if (isSemver(v)) {
            return v;
        }
        StringBuilder pre = new StringBuilder();
        for (String ident : v.split("[^0-9A-Za-z-]+")) {
            if (ident.isEmpty()) {
                continue;
            }
            if (ident.chars().allMatch(Character::isDigit)) {
                ident = ident.replaceFirst("^0+(?=\\d)", "");
            }
            pre.append(pre.length() == 0 ? "" : ".").append(ident);
        }
        return pre.length() == 0 ? "0.1.0" : "0.0.0-" + pre;
    }
}
