package aicr.mirror;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Node;
import aicr.io.YamlReader;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Container image references in rendered manifests: every {@code image:} scalar, combined with
 * sibling {@code repository}/{@code version}/{@code containerSHA} fields where operators split
 * a reference over several fields (NicClusterPolicy, Skyhook packages). Go-template directives
 * left in raw manifests are dropped (whole-line control flow) or replaced by a placeholder, so
 * static images are still found; values that do not look like an image are ignored.
 */
public final class ImageScan {
    private ImageScan() {
    }

    private static final String PLACEHOLDER = "_aicr_helm_template_";
    private static final Pattern DIRECTIVE = Pattern.compile("\\{\\{[^{}]*\\}\\}");
    private static final Pattern SHA256 = Pattern.compile("^sha256:[a-f0-9]{64}$");

    /** Sorted, de-duplicated images of every YAML document in {@code text}. */
    public static List<String> images(String text) {
        Set<String> seen = new TreeSet<>();
        for (Node doc : YamlReader.parseAll(stripTemplates(text))) {
            walk(doc, seen);
        }
        return List.copyOf(seen);
    }

    static String stripTemplates(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String without = DIRECTIVE.matcher(line).replaceAll("");
            if (without.isBlank() && line.contains("{{")) {
                continue;
            }
            out.append(DIRECTIVE.matcher(line).replaceAll(PLACEHOLDER)).append('\n');
        }
        return out.toString();
    }

    private static void walk(Node n, Set<String> seen) {
        if (n instanceof Node.MapNode m) {
            String image = scalar(m, "image");
            if (!image.isEmpty()) {
                String combined = withSha(combine(image, scalar(m, "repository"), scalar(m, "version")),
                        scalar(m, "containerSHA"));
                if (likelyImage(combined)) {
                    seen.add(combined);
                }
            }
            m.entries().values().forEach(v -> walk(v, seen));
        } else if (n instanceof Node.SeqNode s) {
            s.items().forEach(v -> walk(v, seen));
        }
    }

    private static String scalar(Node.MapNode m, String key) {
        return m.get(key) instanceof Node.ScalarNode s && !s.isNull() ? s.text().trim() : "";
    }

    /** {@code repository} is prepended unless {@code image} already names a registry; {@code version} becomes the tag. */
    static String combine(String image, String repository, String version) {
        String out = image;
        if (!repository.isEmpty()) {
            int slash = image.indexOf('/');
            if (slash < 0 || !registryHost(image.substring(0, slash))) {
                out = repository.replaceAll("/+$", "") + "/" + image.replaceAll("^/+", "");
            }
        }
        int colon = out.lastIndexOf(':');
        boolean tagged = colon >= 0 && out.indexOf('/', colon) < 0;
        if (!version.isEmpty() && !tagged && !out.contains("@")) {
            out = out + ":" + version;
        }
        return out;
    }

    static String withSha(String image, String sha) {
        if (sha.isEmpty() || image.contains("@")) {
            return image;
        }
        if (!SHA256.matcher(sha).matches()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid containerSHA \"" + sha + "\" for image \"" + image
                    + "\": expected sha256:<64 lowercase hex chars>");
        }
        return image + "@" + sha;
    }

    static boolean likelyImage(String v) {
        if (v.isEmpty() || v.equals("null") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")
                || v.contains("{{") || v.contains("}}") || v.contains(PLACEHOLDER) || v.startsWith("/") || v.startsWith("./")) {
            return false;
        }
        int slash = v.indexOf('/');
        boolean registry = slash >= 0 && registryHost(v.substring(0, slash));
        boolean tagOrDigest = v.contains("@") || v.lastIndexOf(':') > v.lastIndexOf('/');
        return registry || tagOrDigest;
    }

    private static boolean registryHost(String first) {
        return first.contains(".") || first.contains(":") || first.equals("localhost");
    }
}
