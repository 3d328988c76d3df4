package aicr.bundle.deployer;

/** Chart version spellings the deployers need. */
public final class Versions {
    private Versions() {
    }

    /** One leading {@code v} removed (Argo CD and Flux want bare semver for HTTP repositories). */
    public static String stripV(String v) {
        return v.startsWith("v") ? v.substring(1) : v;
    }

    /** {@link #stripV}, or {@code 0.1.0} when nothing is left. */
    public static String stripVOrDefault(String v) {
        String s = stripV(v);
        return s.isEmpty() ? "0.1.0" : s;
    }
}
