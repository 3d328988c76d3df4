package aicr.bundle.deployer;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Kubernetes-safe names derived from repository URLs (helmfile repository aliases, Flux source
 * names): lower case, scheme and trailing {@code /} and {@code .git} removed, other characters
 * turned into {@code -}, at most 63 characters.
 */
public final class SourceNames {
    private SourceNames() {
    }

    private static final Pattern NON_NAME = Pattern.compile("[^a-z0-9-]+");

    public static String sanitize(String url, String fallback) {
        String s = url.toLowerCase(Locale.ROOT);
        for (String prefix : new String[]{"oci://", "https://", "http://"}) {
            if (s.startsWith(prefix)) {
                s = s.substring(prefix.length());
            }
        }
        if (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith(".git")) {
            s = s.substring(0, s.length() - 4);
        }
        s = trimHyphens(NON_NAME.matcher(s).replaceAll("-"));
        if (s.length() > 63) {
            s = s.substring(0, 63);
            while (s.endsWith("-")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s.isEmpty() ? fallback : s;
    }

    private static String trimHyphens(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == '-') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == '-') {
            b--;
        }
        return s.substring(a, b);
    }
}
