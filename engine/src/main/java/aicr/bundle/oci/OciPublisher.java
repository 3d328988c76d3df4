package aicr.bundle.oci;

import aicr.bundle.tree.BundleTree;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Output;
import aicr.log.Log;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * {@code -o oci://...}: the staged bundle (written to {@code ./bundle} first, where it stays if
 * the push fails) is packaged as one OCI artifact and pushed; argocd-helm bundles are pushed
 * as a Helm chart whose version is the tag.
 */
public final class OciPublisher {
    private OciPublisher() {
    }

    private static final Pattern SEMVER_TAG = Pattern.compile("^v?\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?$");

    /** What was pushed. */
    public record Pushed(String reference, String digest) {
    }

    /**
     * @param helmChart true for argocd-helm: the tree is the chart, its Chart.yaml version becomes the tag
     */
    public static Pushed publish(BundleTree tree, OciTarget target, boolean helmChart, boolean plainHttp,
                                 boolean insecureTls, String cliVersion, String imageRefs) {
        Artifact artifact;
        if (helmChart) {
            if (!SEMVER_TAG.matcher(target.tag()).matches()) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "argocd-helm OCI tag " + aicr.gocompat.GoStrings.quote(
                        target.tag()) + " must be a semantic version (e.g. 1.2.3 or v1.2.3): Helm charts are versioned by it");
            }
            String version = target.tag().startsWith("v") ? target.tag().substring(1) : target.tag();
            BundleTree chart = withChartVersion(tree, version);
            artifact = Artifact.helmChart(chart, target.chartName(), version,
                    "AICR deployment bundle with dynamic install-time values", cliVersion);
        } else {
            artifact = Artifact.bundle(tree, cliVersion);
        }
        Log.info("pushing bundle", "reference", target.toString());
        String digest;
        try {
            digest = new RegistryClient(target, plainHttp, insecureTls).push(artifact);
        } catch (AicrException e) {
            throw AicrException.wrap(e.code(), "failed to push bundle to " + target, e);
        }
        Log.info("bundle pushed", "reference", target.toString(), "digest", digest);
        if (imageRefs != null && !imageRefs.isEmpty()) {
            Output.writeFile(Path.of(imageRefs), (digest + "\n").getBytes(StandardCharsets.UTF_8));
            try {
                java.nio.file.Files.setPosixFilePermissions(Path.of(imageRefs),
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (java.io.IOException | UnsupportedOperationException ignored) {
                // the digest is written; permissions are best effort on non-POSIX systems
            }
        }
        return new Pushed(target.toString(), digest);
    }

    private static BundleTree withChartVersion(BundleTree tree, String version) {
        BundleTree out = new BundleTree();
        tree.dirs().forEach(out::dir);
        tree.files().forEach((p, f) -> {
            if (p.equals("Chart.yaml")) {
                out.put(p, f.text().replaceFirst("(?m)^version: .*$", "version: \"" + version + "\""), f.mode());
            } else {
                out.put(p, f.bytes(), f.mode());
            }
        });
        return out;
    }
}
