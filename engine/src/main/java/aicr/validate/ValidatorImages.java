package aicr.validate;

import java.util.regex.Pattern;

/**
 * Which image a validator runs (spec §5.9): a release CLI pins {@code :latest} to its own
 * version, a build with a commit to {@code :sha-<commit>}; then {@code AICR_VALIDATOR_IMAGE_TAG}
 * replaces the tag (digests untouched) and {@code AICR_VALIDATOR_IMAGE_REGISTRY} the first two
 * path segments.
 */
public final class ValidatorImages {
    private ValidatorImages() {
    }

    private static final Pattern RELEASE = Pattern.compile("^v?\\d+\\.\\d+\\.\\d+(-.*)?$");
    private static final Pattern COMMIT = Pattern.compile("^[0-9a-f]{7,40}$");

    public static String resolve(String image, String version, String commit, String tagOverride, String registryOverride) {
        String out = image;
        if (out.endsWith(":latest")) {
            String base = out.substring(0, out.length() - ":latest".length());
            if (version != null && RELEASE.matcher(version).matches() && !version.endsWith("-next")
                    && !version.endsWith("-SNAPSHOT")) {
                out = base + ":" + (version.startsWith("v") ? version : "v" + version);
            } else if (commit != null && COMMIT.matcher(commit).matches()) {
                out = base + ":sha-" + commit;
            }
        }
        if (tagOverride != null && !tagOverride.isEmpty() && !out.contains("@")) {
            int slash = out.lastIndexOf('/');
            int colon = out.lastIndexOf(':');
            out = (colon > slash ? out.substring(0, colon) : out) + ":" + tagOverride;
        }
        if (registryOverride != null && !registryOverride.isEmpty()) {
            String reg = registryOverride.endsWith("/") ? registryOverride.substring(0, registryOverride.length() - 1)
                    : registryOverride;
            String[] parts = out.split("/", 3);
            if (parts.length == 3) {
                out = reg + "/" + parts[2];
            } else if (parts.length == 2) {
                out = reg + "/" + parts[1];
            }
        }
        return out;
    }

    /** {@code Never} for local kind/ko images, {@code IfNotPresent} for digests, {@code Always} for overridden or latest tags. */
    public static String pullPolicy(String image, String tagOverride) {
        if (image.startsWith("ko.local/") || image.startsWith("kind.local/")) {
            return "Never";
        }
        if (image.contains("@")) {
            return "IfNotPresent";
        }
        if (tagOverride != null && !tagOverride.isEmpty()) {
            return "Always";
        }
        return image.endsWith(":latest") ? "Always" : "IfNotPresent";
    }
}
