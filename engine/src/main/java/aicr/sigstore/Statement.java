package aicr.sigstore;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.JsonReader;
import aicr.io.JsonWriter;
import aicr.io.Struct;
import aicr.io.Values;
import aicr.io.YamlSyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-toto Statement v1 with one subject. Written with the top-level keys in the order
 * {@code _type, subject, predicateType, predicate} and every object inside the predicate with
 * sorted keys (how the reference's protobuf Struct comes out); consumers must parse it, never
 * compare bytes.
 *
 * @param subjectName   e.g. {@code checksums.txt}
 * @param subjectSha256 64 lowercase hex characters
 * @param predicate     plain value tree (maps, lists, strings, numbers, booleans)
 */
public record Statement(String subjectName, String subjectSha256, String predicateType, Map<String, Object> predicate) {
    public static final String TYPE = "https://in-toto.io/Statement/v1";
    public static final String SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";

    public Statement {
        if (subjectName == null || subjectName.isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "statement subject name must not be empty");
        }
        if (subjectSha256 == null || subjectSha256.length() != 64) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "statement subject sha256 must be 64 hex characters");
        }
    }

    /** The statement's JSON bytes, no trailing newline. */
    public byte[] toJson() {
        Struct subject = new Struct().with("name", subjectName)
                .with("digest", new Struct().with("sha256", subjectSha256));
        Struct s = new Struct().with("_type", TYPE).with("subject", List.of(subject))
                .with("predicateType", predicateType).with("predicate", sorted(predicate));
        return JsonWriter.write(s, false).getBytes(StandardCharsets.UTF_8);
    }

    /** A copy of a value tree in which every map writes its keys sorted. */
    static Object sorted(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), sorted(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(sorted(x)));
            return out;
        }
        return v;
    }

    /** One subject as parsed: its name and digest map. */
    public record Subject(String name, Map<String, String> digest) {
    }

    /** A statement as read from a payload, with every subject. */
    public record Parsed(String type, List<Subject> subjects, String predicateType, Map<String, Object> predicate) {
        /** True when some subject carries this sha256 hex digest. */
        public boolean hasSubjectSha256(String hex) {
            return subjects.stream().anyMatch(s -> hex.equalsIgnoreCase(s.digest().get("sha256")));
        }

        /** The first subject with a sha256 digest, or null. */
        public Subject firstSha256Subject() {
            return subjects.stream().filter(s -> s.digest().get("sha256") != null).findFirst().orElse(null);
        }
    }

    /** Parses statement JSON; INVALID_REQUEST when it is not a JSON object. */
    @SuppressWarnings("unchecked")
    public static Parsed parse(byte[] json) {
        Map<String, Object> m;
        try {
            m = Values.mapOf(JsonReader.parse(new String(json, StandardCharsets.UTF_8)));
        } catch (YamlSyntaxException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid in-toto statement: " + e.getMessage());
        }
        if (m == null) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid in-toto statement: not a JSON object");
        }
        List<Subject> subjects = new ArrayList<>();
        if (m.get("subject") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> sm) {
                    Map<String, String> digest = new LinkedHashMap<>();
                    if (sm.get("digest") instanceof Map<?, ?> dm) {
                        dm.forEach((k, v) -> digest.put(String.valueOf(k), String.valueOf(v)));
                    }
                    subjects.add(new Subject(sm.get("name") instanceof String n ? n : "", digest));
                }
            }
        }
        return new Parsed(m.get("_type") instanceof String t ? t : "", subjects,
                m.get("predicateType") instanceof String p ? p : "",
                m.get("predicate") instanceof Map<?, ?> pm ? (Map<String, Object>) pm : Map.of());
    }
}
