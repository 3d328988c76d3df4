package aicr.evidence;

import aicr.io.JsonWriter;
import aicr.io.Struct;
import aicr.sigstore.Digests;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code manifest.json}: every file of the summary bundle (except the manifest, the statement
 * and the signed attestation) with its size, sha256 and media type, sorted by path.
 */
public final class Manifest {
    private Manifest() {
    }

    static final Set<String> EXEMPT = Set.of(EvidenceFiles.MANIFEST, EvidenceFiles.STATEMENT, EvidenceFiles.ATTESTATION);

    /** @param files relative slash path to bytes */
    public static byte[] build(Map<String, byte[]> files) {
        List<Object> entries = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : new TreeMap<>(files).entrySet()) {
            if (EXEMPT.contains(e.getKey())) {
                continue;
            }
            Struct f = new Struct().with("path", e.getKey()).with("size", (long) e.getValue().length)
                    .with("sha256", Digests.PREFIX + Digests.sha256Hex(e.getValue()));
            String mt = mediaType(e.getKey());
            if (!mt.isEmpty()) {
                f.with("mediaType", mt);
            }
            entries.add(f);
        }
        return JsonWriter.write(new Struct().with("schemaVersion", EvidenceFiles.SCHEMA_VERSION).with("files", entries), true)
                .getBytes(StandardCharsets.UTF_8);
    }

    static int count(Map<String, byte[]> files) {
        return (int) files.keySet().stream().filter(k -> !EXEMPT.contains(k)).count();
    }

    static String mediaType(String path) {
        if (path.endsWith(".cdx.json")) {
            return "application/vnd.cyclonedx+json";
        }
        if (path.endsWith(".intoto.jsonl")) {
            return "application/vnd.in-toto+jsonl";
        }
        if (path.endsWith(".json")) {
            return "application/json";
        }
        if (path.endsWith(".yaml") || path.endsWith(".yml")) {
            return "application/yaml";
        }
        if (path.endsWith(".log")) {
            return "text/plain";
        }
        return "";
    }
}
