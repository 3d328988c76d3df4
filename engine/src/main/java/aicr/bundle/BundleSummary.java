package aicr.bundle;

import java.nio.file.Path;
import java.util.List;

/**
 * What a successful run reports: the bundle type, where it went, how many files it has, the
 * notes (deployer notes first, then warnings) and the deployment steps.
 */
public record BundleSummary(String type, Path outputDir, int files, long sizeBytes, List<String> notes,
                            List<String> steps, OciTarget oci) {

    /** The reference's stdout block for local output. */
    public String render() {
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
