package aicr.k8s;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.ConfigMapStore.Stored;
import aicr.io.Document;
import aicr.log.Log;
import aicr.snapshot.ConfigMapUri;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cm://namespace/name} documents (spec §0.6). Reading takes the data key
 * {@code snapshot.<format>} ({@code format} defaults to yaml), else the first of
 * {@code snapshot.yaml}, {@code snapshot.json}, {@code snapshot.txt}; writing server-side applies
 * (field manager {@code aicr}, forced) a ConfigMap with the document, its format and a timestamp,
 * labelled with the document's kind and version.
 */
public final class ConfigMaps {
    private ConfigMaps() {
    }

    /** Reads a document; any API failure, like a missing ConfigMap, is NOT_FOUND (3). */
    public static Stored read(String uri, String kubeconfig) {
        ConfigMapUri cm = ConfigMapUri.parse(uri);
        try (KubeSession s = session(kubeconfig)) {
            return read(s, cm);
        }
    }

    public static Stored read(KubeSession s, ConfigMapUri cm) {
        Map<String, String> data = data(s, cm);
        String format = data.getOrDefault("format", "yaml");
        String text = data.get("snapshot." + format);
        if (text == null) {
            for (String ext : List.of("yaml", "json", "txt")) {
                if (data.containsKey("snapshot." + ext)) {
                    text = data.get("snapshot." + ext);
                    format = ext;
                    break;
                }
            }
        }
        if (text == null || text.isEmpty()) {
            throw new AicrException(ErrorCode.NOT_FOUND, "ConfigMap " + cm.namespace() + "/" + cm.name() + " has no snapshot data");
        }
        bounded(cm, "snapshot." + format, text);
        Log.debug("reading from ConfigMap", "namespace", cm.namespace(), "name", cm.name(), "format", format,
                "size", text.length());
        return new Stored(text, format);
    }

    /**
     * {@code text} when it is within the document bound (1 MiB, Kubernetes' own ConfigMap
     * limit), else INVALID_REQUEST: an API server, or anything answering in its place, is not
     * trusted to keep that limit. Counted in characters, never fewer than the UTF-8 bytes.
     */
    public static String bounded(ConfigMapUri cm, String key, String text) {
        if (text.length() > aicr.io.InputLimits.MAX_DOCUMENT_BYTES) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "ConfigMap " + cm.namespace() + "/" + cm.name() + ": " + key
                    + " exceeds maximum allowed size of " + aicr.io.InputLimits.MAX_DOCUMENT_BYTES + " bytes");
        }
        return text;
    }

    /** The ConfigMap's data; any API failure, a missing ConfigMap included, is NOT_FOUND (3). */
    public static Map<String, String> data(KubeSession s, ConfigMapUri cm) {
        ConfigMap map;
        try {
            map = s.client().configMaps().inNamespace(cm.namespace()).withName(cm.name()).get();
        } catch (RuntimeException e) {
            throw new AicrException(ErrorCode.NOT_FOUND, "failed to get ConfigMap " + cm.namespace() + "/" + cm.name(),
                    new IllegalStateException(KubeErrors.describe(e, s.server())));
        }
        if (map == null) {
            throw new AicrException(ErrorCode.NOT_FOUND, "failed to get ConfigMap " + cm.namespace() + "/" + cm.name(),
                    new IllegalStateException("configmaps \"" + cm.name() + "\" not found"));
        }
        return map.getData() == null ? Map.of() : map.getData();
    }

    /** Writes {@code doc} to the ConfigMap {@code uri}; a failure is INTERNAL (8). */
    public static void write(String uri, Document doc, String kubeconfig) {
        ConfigMapUri cm = ConfigMapUri.parse(uri.trim());
        try (KubeSession s = session(kubeconfig)) {
            write(s, cm, doc);
        }
    }

    public static void write(KubeSession s, ConfigMapUri cm, Document doc) {
        ConfigMap body = body(cm, doc);
        Log.info("applying ConfigMap", "namespace", cm.namespace(), "name", cm.name(), "format", doc.format());
        try {
            s.client().configMaps().inNamespace(cm.namespace()).resource(body).fieldManager(Apply.FIELD_MANAGER)
                    .forceConflicts().serverSideApply();
        } catch (RuntimeException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to apply ConfigMap",
                    new IllegalStateException(KubeErrors.describe(e, s.server())));
        }
    }

    /** The applied object: data {@code snapshot.<ext>}, {@code format}, {@code timestamp}; the aicr labels. */
    static ConfigMap body(ConfigMapUri cm, Document doc) {
        String ext = doc.format().equals("table") ? "txt" : doc.format();
        Map<String, String> data = new LinkedHashMap<>();
        data.put("snapshot." + ext, doc.text());
        data.put("format", doc.format());
        data.put("timestamp", doc.timestamp() == null || doc.timestamp().isEmpty()
                ? Instant.now().truncatedTo(ChronoUnit.SECONDS).toString() : doc.timestamp());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "aicr");
        labels.put("app.kubernetes.io/component", doc.kind() == null || doc.kind().isEmpty() ? "Snapshot" : doc.kind());
        labels.put("app.kubernetes.io/version", doc.version() == null || doc.version().isEmpty() ? "unknown" : doc.version());
        return new ConfigMapBuilder().withNewMetadata().withName(cm.name()).withNamespace(cm.namespace())
                .withLabels(labels).endMetadata().withData(data).build();
    }

    private static KubeSession session(String kubeconfig) {
        try {
            return KubeSession.open(kubeconfig);
        } catch (AicrException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to get kubernetes client", e);
        }
    }
}
