package aicr.bundle.manifest;

import static aicr.gocompat.GoStrings.quote;

import aicr.bundle.template.BundleTemplates;
import aicr.data.DataSource;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Fields;
import aicr.io.Node;
import aicr.io.YamlReader;
import aicr.recipe.ComponentRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readiness gates ({@code --readiness-hooks}): for a component that ships
 * {@code components/<name>/readiness.yaml} (a chainsaw Test), a chart whose Job runs the gate
 * CLI against that test, so the deployer blocks until the component is really usable (for
 * example gpu-operator's ClusterPolicy reaching {@code ready}), which Helm and Argo CD cannot
 * judge themselves.
 *
 * <p>The namespace is written in directly and the test is never interpreted as a template (the
 * reference renders the whole gate document, so a {@code {{} in a test would be executed).
 */
public final class ReadinessGate {
    private ReadinessGate() {
    }

    public static final String MANIFEST = "readiness.yaml";
    static final String IMAGE_REPO = "ghcr.io/nvidia/aicr-gate";

    /** @param annotations what orders the gate Job after its component under the target tool */
    public static Map<String, List<ManifestFile>> collect(List<ComponentRef> refs, DataSource data,
                                                          List<String> annotations, String cliVersion) {
        Map<String, List<ManifestFile>> out = new LinkedHashMap<>();
        for (ComponentRef ref : refs) {
            String path = "components/" + ref.name() + "/" + MANIFEST;
            if (!data.exists(path)) {
                continue;
            }
            String test = data.readText(path);
            validate(ref.name(), test);
            String doc = render(ref.name(), ref.namespace(), test, image(cliVersion), annotations);
            out.put(ref.name(), List.of(new ManifestFile(MANIFEST, doc.getBytes(StandardCharsets.UTF_8), false)));
        }
        return out;
    }

    static void validate(String component, String test) {
        Node.MapNode head;
        try {
            head = Fields.map(YamlReader.parse(test), "map");
        } catch (RuntimeException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "readiness gate for " + component + ": invalid YAML", e);
        }
        String api = Fields.str(head, "apiVersion");
        String kind = Fields.str(head, "kind");
        if (!api.contains("chainsaw.kyverno.io")) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "readiness gate for " + component
                    + ": apiVersion must be chainsaw.kyverno.io/*, got " + quote(api));
        }
        if (!kind.equals("Test")) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "readiness gate for " + component
                    + ": kind must be Test, got " + quote(kind));
        }
    }

    /** Released CLIs use their own gate image; development builds use {@code :dev}. */
    static String image(String version) {
        String tag = version;
        if (tag.isEmpty() || tag.equals("dev") || tag.contains("-next")) {
            tag = "dev";
        } else if (!tag.startsWith("v")) {
            tag = "v" + tag;
        }
        return IMAGE_REPO + ":" + tag;
    }

    static String render(String component, String namespace, String test, String image, List<String> annotations) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("Component", component);
        d.put("Account", component + "-readiness-gate");
        d.put("Bundle", component + "-readiness-bundle");
        d.put("Namespace", namespace);
        d.put("Test", indent(test, "    "));
        d.put("Image", image);
        d.put("Annotations", annotations);
        return BundleTemplates.render("manifest/readiness-gate.yaml.tmpl", d);
    }

    /** Indents every non-empty line; trailing newlines are dropped. */
    static String indent(String s, String prefix) {
        String trimmed = s.replaceAll("\n+$", "");
        List<String> lines = new ArrayList<>();
        for (String line : trimmed.split("\n", -1)) {
            lines.add(line.isEmpty() ? line : prefix + line);
        }
        return String.join("\n", lines);
    }
}
