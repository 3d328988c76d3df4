package aicr.cli;

import aicr.BuildInfo;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * The one list of places where our output may deliberately differ from the reference's bytes,
 * each with its reason and the document that explains it. The golden tests compare everything
 * else byte for byte, in both directions; anything not listed here is a regression.
 */
final class DocumentedDifferences {
    private DocumentedDifferences() {
    }

    /** How a bundle file may differ from the reference tree. */
    enum Kind {
        /** The file exists on both sides; its bytes may differ. */
        CONTENT,
        /** We write the file; the reference does not. */
        EXTRA
    }

    /**
     * One allowed difference in a bundle tree.
     *
     * @param trees glob over golden tree names ({@code golden/bundle/trees/<name>})
     * @param path glob over bundle-relative paths
     */
    record Bundle(String trees, String path, Kind kind, String reason) {
        boolean matches(String tree, String rel, Kind k) {
            return kind == k && glob(trees).matches(Path.of(tree)) && glob(path).matches(Path.of(rel));
        }
    }

    static final List<Bundle> BUNDLE = List.of(
            new Bundle("*", "checksums.txt", Kind.CONTENT,
                    "docs/bundle.md #1: sorted by path and lists recipe.yaml (the reference lists files in"
                            + " generation order without recipe.yaml); checked for consistency with our files instead"),
            new Bundle("argocd-helm*", "Chart.yaml", Kind.CONTENT,
                    "docs/bundle.md #2: the umbrella chart's version is SemVer (0.0.0-dev), not \"dev\""),
            new Bundle("*flux*", "*/values.yaml", Kind.EXTRA,
                    "docs/bundle.md #4: flux local charts ship a values.yaml so each chart lints and renders on its"
                            + " own; the HelmRelease's spec.values are unchanged"));

    /** Whether a bundle file of golden tree {@code tree} may differ as {@code kind}. */
    static boolean allowed(String tree, String rel, Kind kind) {
        return BUNDLE.stream().anyMatch(d -> d.matches(tree, rel, kind));
    }

    /**
     * docs/recipe.md: {@code metadata.version} names the aicr-j version where the reference's
     * development build writes {@code dev}. Returns the reference's recipe text (YAML or JSON)
     * with that one value replaced by ours, so the rest is compared byte for byte.
     */
    static String recipeWithOurVersion(String reference) {
        boolean json = reference.startsWith("{");
        String anchor = json ? "\"metadata\": {" : "\nmetadata:\n";
        String dev = json ? "\"version\": \"dev\"" : "\n  version: dev\n";
        String ours = json ? "\"version\": \"" + BuildInfo.VERSION + "\"" : "\n  version: " + BuildInfo.VERSION + "\n";
        int meta = reference.indexOf(anchor);
        int at = meta < 0 ? -1 : reference.indexOf(dev, meta);
        if (at < 0) {
            throw new AssertionError("reference recipe has no metadata.version \"dev\"");
        }
        return reference.substring(0, at) + ours + reference.substring(at + dev.length());
    }

    private static PathMatcher glob(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }
}
