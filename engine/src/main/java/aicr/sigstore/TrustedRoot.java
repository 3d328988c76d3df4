package aicr.sigstore;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.JsonReader;
import aicr.io.JsonWriter;
import aicr.io.Values;
import aicr.io.YamlSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Sigstore trusted root ({@code trusted_root.json}): the Fulcio CAs, Rekor and CT log keys
 * and timestamp authorities a verification trusts. Kept as validated JSON bytes, handed as is
 * to the keyless verifier.
 *
 * @param source where it came from, for messages ("embedded", a path, "cache")
 */
public record TrustedRoot(byte[] json, int certificateAuthorities, int transparencyLogs, String source) {
    public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.trustedroot+json;version=0.1";
    /** Largest trusted root file read. */
    public static final int MAX_BYTES = 1 << 20;
    private static final List<String> ARRAYS = List.of("tlogs", "certificateAuthorities", "ctlogs", "timestampAuthorities");

    /** The public-good root shipped in the jar (Sigstore TUF target {@code trusted_root.json}). */
    public static final String EMBEDDED_RESOURCE = "/aicr/sigstore/trusted_root.json";

    public static TrustedRoot embedded() {
        try (InputStream in = TrustedRoot.class.getResourceAsStream(EMBEDDED_RESOURCE)) {
            if (in == null) {
                throw new AicrException(ErrorCode.INTERNAL, "the embedded trusted root is missing from the jar");
            }
            return parse(in.readAllBytes(), "embedded");
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "cannot read the embedded trusted root", e);
        }
    }

    /** Reads a user-supplied root: a regular file of at most 1 MiB; every problem is INVALID_REQUEST. */
    public static TrustedRoot readFile(Path file) {
        try {
            if (!Files.exists(file)) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid trusted root: file not found: " + file);
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid trusted root: not a regular file: " + file);
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid trusted root: " + file + " is larger than 1 MiB");
            }
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid trusted root: cannot read " + file + ": "
                    + e.getMessage());
        }
    }

    /** Validates the JSON: an object with the trusted-root media type and well-formed arrays. */
    public static TrustedRoot parse(byte[] json, String source) {
        Map<String, Object> m;
        try {
            m = Values.mapOf(JsonReader.parse(new String(json, StandardCharsets.UTF_8)));
        } catch (YamlSyntaxException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid trusted root: " + e.getMessage());
        }
        if (m == null) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid trusted root: not a JSON object");
        }
        Object mt = m.get("mediaType");
        if (!MEDIA_TYPE.equals(mt)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid trusted root: unsupported TrustedRoot media type: "
                    + (mt instanceof String s ? s : ""));
        }
        for (String k : ARRAYS) {
            if (m.get(k) != null && !(m.get(k) instanceof List<?>)) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid trusted root: " + k + " is not an array");
            }
        }
        return new TrustedRoot(json, size(m.get("certificateAuthorities")), size(m.get("tlogs")), source);
    }

    private static int size(Object o) {
        return o instanceof List<?> l ? l.size() : 0;
    }

    /** This root plus another's authorities and logs (the reference's public-good ∪ private root). */
    @SuppressWarnings("unchecked")
    public TrustedRoot union(TrustedRoot other) {
        Map<String, Object> a = Values.mapOf(JsonReader.parse(new String(json, StandardCharsets.UTF_8)));
        Map<String, Object> b = Values.mapOf(JsonReader.parse(new String(other.json, StandardCharsets.UTF_8)));
        Map<String, Object> out = new LinkedHashMap<>(a);
        for (String k : ARRAYS) {
            List<Object> merged = new ArrayList<>();
            if (a.get(k) instanceof List<?> l) {
                merged.addAll((List<Object>) l);
            }
            if (b.get(k) instanceof List<?> l) {
                merged.addAll((List<Object>) l);
            }
            out.put(k, merged);
        }
        return parse(JsonWriter.write(out, false).getBytes(StandardCharsets.UTF_8), source + " + " + other.source);
    }
}
