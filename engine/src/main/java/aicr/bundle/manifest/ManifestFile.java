package aicr.bundle.manifest;

import java.nio.charset.StandardCharsets;

/**
 * A manifest to place in a chart: its source path (relative to the data root, or a synthesized
 * name), its content, and whether the content is a Go template to render at bundle time
 * (catalog manifests are; synthesized documents are already final).
 */
public record ManifestFile(String path, byte[] content, boolean template) {
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
