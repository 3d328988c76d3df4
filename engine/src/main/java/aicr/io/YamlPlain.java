package aicr.io;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether yaml.v3 may write a string as a plain (unquoted) scalar: only when reading the
 * plain text back through yaml.v3's resolver gives the same string, and it is neither a YAML 1.1
 * boolean nor a base-60 number (quoted for the benefit of YAML 1.1 readers). This mirrors the
 * resolver's rules (resolve.go) including its Go-library parsing quirks, because the quoting of
 * values like {@code "24.04"}, {@code "0b-1"} or {@code 1e999} is visible in the output.
 */
final class YamlPlain {

    private YamlPlain() {
    }

    /** YAML 1.1 booleans that yaml.v3 reads as strings but still quotes on output. */
    private static final Set<String> OLD_BOOL = Set.of(
            "y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
            "n", "N", "no", "No", "NO", "off", "Off", "OFF");

    private static final Pattern BASE60 =
            Pattern.compile("[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?");


    /** yaml.v3 encoder's {@code canUsePlain} for an untagged string. */
    static boolean canUsePlain(String s) {
        return resolvesToString(s) && !isBase60Float(s) && !OLD_BOOL.contains(s);
    }

    /** True when yaml.v3's resolver reads the plain scalar {@code s} as a string. */
    static boolean resolvesToString(String s) {
        return Scalars.resolvePlain(s) instanceof String;
    }

    /** yaml.v3 isBase60Float: YAML 1.1 sexagesimal numbers such as {@code 1:20}. */
    static boolean isBase60Float(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        if (!(c == '+' || c == '-' || (c >= '0' && c <= '9')) || s.indexOf(':') < 0) {
            return false;
        }
        return BASE60.matcher(s).matches();
    }

}
