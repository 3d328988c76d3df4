package aicr.evidence;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.gocompat.Timestamp;
import aicr.io.Values;
import aicr.io.YamlReader;
import aicr.io.YamlSyntaxException;
import aicr.io.YamlWriter;
import aicr.sigstore.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pointer.yaml} (schema 1.0.0): the small file a recipe repository commits to point at
 * evidence — recipe name, where the bundle was pushed and its digest, and who signed.
 *
 * @param oci    registry/repo:tag without {@code oci://}, "" when not pushed
 * @param digest {@code sha256:<hex>} of the pushed manifest, "" when not pushed
 * @param signer null when unsigned
 */
public record Pointer(String schemaVersion, String recipe, String attestedAt, String oci, String digest, String predicateType,
                      Signer signer) {

    /** Who signed: certificate identity and issuer, Rekor log index (0: none). */
    public record Signer(String identity, String issuer, long rekorLogIndex) {
    }

    public static final int MAX_BYTES = 1 << 20;

    public Pointer withBundle(String ociRef, String manifestDigest) {
        return new Pointer(schemaVersion, recipe, attestedAt, ociRef, manifestDigest, predicateType, signer);
    }

    public Pointer withSigner(Signer s) {
        return new Pointer(schemaVersion, recipe, attestedAt, oci, digest, predicateType, s);
    }

    public byte[] toYaml() {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("oci", oci);
        bundle.put("digest", digest);
        bundle.put("predicateType", predicateType);
        Map<String, Object> att = new LinkedHashMap<>();
        att.put("bundle", bundle);
        if (signer != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("identity", signer.identity());
            s.put("issuer", signer.issuer());
            if (signer.rekorLogIndex() != 0) {
                s.put("rekorLogIndex", signer.rekorLogIndex());
            }
            att.put("signer", s);
        }
        att.put("attestedAt", timestamp(attestedAt));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schemaVersion", schemaVersion);
        doc.put("recipe", recipe);
        doc.put("attestations", List.of(att));
        return YamlWriter.write(doc, true).getBytes(StandardCharsets.UTF_8);
    }

    private static Object timestamp(String rfc3339) {
        try {
            return new Timestamp(Instant.parse(rfc3339).getEpochSecond(), 0, 0, true);
        } catch (RuntimeException e) {
            return rfc3339;
        }
    }

    /** Reads and validates a pointer file (spec §7.6); every problem is INVALID_REQUEST, a missing file NOT_FOUND. */
    public static Pointer read(Path file) {
        byte[] raw;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "pointer file exceeds size limit (1 MiB)");
            }
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new AicrException(ErrorCode.NOT_FOUND, "failed to open pointer file: " + file);
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to read pointer file: " + e.getMessage());
        }
        Map<String, Object> m;
        try {
            m = Values.mapOf(YamlReader.parse(new String(raw, StandardCharsets.UTF_8)));
        } catch (YamlSyntaxException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "pointer file is not valid YAML: " + e.getMessage());
        }
        if (m == null) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "pointer file is not valid YAML: not a mapping");
        }
        String schema = text(m.get("schemaVersion"));
        if (!schema.equals("1.0") && !schema.startsWith("1.0.")) {
            throw invalid("unsupported pointer schemaVersion " + schema + " (verifier supports 1.0.x)");
        }
        String recipe = text(m.get("recipe"));
        if (recipe.isEmpty()) {
            throw invalid("pointer.recipe is required");
        }
        List<?> atts = m.get("attestations") instanceof List<?> l ? l : List.of();
        if (atts.isEmpty()) {
            throw invalid("pointer.attestations must have at least one entry");
        }
        if (atts.size() > 1) {
            throw invalid("pointer.attestations has multiple entries — schema 2.0 not yet supported");
        }
        Map<?, ?> att = atts.get(0) instanceof Map<?, ?> a ? a : Map.of();
        Map<?, ?> bundle = att.get("bundle") instanceof Map<?, ?> b ? b : Map.of();
        String predicateType = text(bundle.get("predicateType"));
        if (!predicateType.equals(EvidenceFiles.PREDICATE_TYPE)) {
            throw invalid("unsupported predicateType " + predicateType);
        }
        String oci = text(bundle.get("oci"));
        String digest = text(bundle.get("digest"));
        if (!oci.isEmpty() && !digest.startsWith(Digests.PREFIX)) {
            throw invalid("pointer.attestations[0].bundle.digest must be sha256:<hex> when OCI is set");
        }
        Signer signer = null;
        if (att.get("signer") instanceof Map<?, ?> s) {
            signer = new Signer(text(s.get("identity")), text(s.get("issuer")),
                    s.get("rekorLogIndex") instanceof Number n ? n.longValue() : 0);
            if (signer.identity().isEmpty() || signer.issuer().isEmpty()) {
                throw invalid("pointer.attestations[0].signer requires identity and issuer when present");
            }
        }
        return new Pointer(schema, recipe, text(att.get("attestedAt")), oci, digest, predicateType, signer);
    }

    private static String text(Object o) {
        if (o == null) {
            return "";
        }
        if (o instanceof Timestamp t) {
            return aicr.gocompat.GoTime.rfc3339(t);
        }
        return String.valueOf(o);
    }

    private static AicrException invalid(String msg) {
        return new AicrException(ErrorCode.INVALID_REQUEST, msg);
    }

    /** Where a signed pointer is committed: {@code recipes/evidence/<recipe>/<source>/<digest>.yaml}. */
    public String canonicalPath() {
        if (signer == null) {
            return "recipes/evidence/" + recipe + ".yaml";
        }
        String source = Digests.sha256Hex((signer.issuer() + "\n" + signer.identity()).getBytes(StandardCharsets.UTF_8))
                .substring(0, 32);
        return "recipes/evidence/" + recipe + "/" + source + "/" + digest.replace(":", "-") + ".yaml";
    }
}
