package aicr.bundle.localformat;

import static aicr.gocompat.GoStrings.quote;

import aicr.bundle.manifest.ManifestFile;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Node;
import aicr.io.Values;
import aicr.io.YamlReader;
import java.util.List;
import java.util.Map;

/**
 * A pre-manifest Namespace must be the component's namespace: the pre chart is installed into
 * that namespace and creates it, so any other name would leave the release namespace missing.
 * Manifests that do not parse before rendering (templated) stop the scan of that file.
 */
final class NamespaceGuard {
    private NamespaceGuard() {
    }

    static void check(String component, String namespace, List<ManifestFile> manifests) {
        for (ManifestFile m : manifests) {
            for (String chunk : m.text().split("(?m)^---", -1)) {
                Node d;
                try {
                    d = YamlReader.parse(chunk);
                } catch (RuntimeException e) {
                    break; // like the reference's decoder: the rest of a file that does not parse is not scanned
                }
                if (!(Values.of(d) instanceof Map<?, ?> doc) || !"Namespace".equals(doc.get("kind"))) {
                    continue;
                }
                Object name = doc.get("metadata") instanceof Map<?, ?> meta ? meta.get("name") : null;
                if (!(name instanceof String n) || n.isEmpty()) {
                    continue;
                }
                if (!n.equals(namespace)) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "component " + quote(component) + ": pre-manifest "
                            + m.path() + " declares Namespace/" + quote(n) + " but componentRef.namespace is "
                            + quote(namespace) + " — the pre folder's chart creates the Namespace, so the release namespace ("
                            + quote(namespace) + ") and the chart's metadata.name (" + quote(n) + ") must match");
                }
            }
        }
    }
}
