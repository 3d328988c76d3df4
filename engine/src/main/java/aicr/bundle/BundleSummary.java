package aicr.bundle;

import aicr.bundle.oci.OciTarget;
import java.nio.file.Path;
import java.util.List;

/**
 * What a successful run reports: the bundle type, where it went, how many files it has, the
 * notes (deployer notes first, then warnings) and the deployment steps.
 */
public record BundleSummary(String type, Path outputDir, int files, long sizeBytes, List<String> notes,
                            List<String> steps, OciTarget oci, boolean helmChart) {

    /** What stdout shows: the summary for local output, the install hint for a pushed argocd-helm chart. */
    public String render() {
        if (oci == null) {
            return renderLocal();
        }
        if (!helmChart) {
            return "";
        }
        String ref = oci.toString();
        return "\nargocd-helm bundle pushed: " + ref + "\n\nTo install:\n  helm install <release> " + ref + " \\\n"
                + "    --namespace argocd\n    # repoURL defaults to " + oci.parentNamespace()
                + " (override with --set repoURL=oci://mirror if mirroring)\n";
    }

    /** The reference's stdout block for local output. */
    String renderLocal() {
        StringBuilder sb = new StringBuilder();
        sb.append('\n').append(type).append(" generated successfully!\n");
        sb.append("Output directory: ").append(outputDir).append('\n');
        sb.append("Files generated: ").append(files).append('\n');
        if (!notes.isEmpty()) {
            sb.append("\nNote:\n");
            notes.forEach(n -> sb.append("  ⚠ ").append(n).append('\n'));
        }
        if (!steps.isEmpty()) {
            sb.append("\nTo deploy:\n");
            for (int i = 0; i < steps.size(); i++) {
                sb.append("  ").append(i + 1).append(". ").append(steps.get(i)).append('\n');
            }
        }
        return sb.toString();
    }
}
