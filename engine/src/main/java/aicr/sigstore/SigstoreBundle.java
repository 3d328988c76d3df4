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
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A Sigstore bundle ({@code *.sigstore.json}) holding a DSSE envelope: the protobuf-JSON of
 * {@code dev.sigstore.bundle.v1.Bundle}, read and written without the protobuf runtime. Signer
 * material is either a Fulcio certificate (keyless) or a public-key hint (key-signed).
 *
 * @param certificate  DER leaf certificate, or null
 * @param chain        further DER certificates of an {@code x509CertificateChain} (v0.1/v0.2), may be empty
 * @param publicKeyHint the raw hint bytes of a key-signed bundle (conventionally sha256 of the PKIX key), or null
 */
public record SigstoreBundle(String mediaType, byte[] certificate, List<byte[]> chain, byte[] publicKeyHint,
                             List<TlogEntry> tlogEntries, Dsse.Envelope envelope) {
    public static final String MEDIA_TYPE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";
    public static final List<String> MEDIA_TYPES = List.of("application/vnd.dev.sigstore.bundle+json;version=0.1",
            "application/vnd.dev.sigstore.bundle+json;version=0.2", "application/vnd.dev.sigstore.bundle+json;version=0.3",
            MEDIA_TYPE_V03, "application/vnd.dev.sigstore.bundle.v0.3.1+json");
    /** Largest bundle file read. */
    public static final int MAX_BYTES = 10 << 20;

    /** A Rekor entry of the bundle; {@code signedEntryTimestamp} and {@code proof} may be null. */
    public record TlogEntry(long logIndex, byte[] logKeyId, String kind, String version, long integratedTime,
                            byte[] signedEntryTimestamp, InclusionProof proof, byte[] canonicalizedBody) {
    }

    /** An RFC 6962 inclusion proof with the log's signed checkpoint note. */
    public record InclusionProof(long logIndex, byte[] rootHash, long treeSize, List<byte[]> hashes, String checkpoint) {
    }

    /** A key-signed bundle without transparency-log entries, the shape {@code cosign attest-blob --key} writes offline. */
    public static SigstoreBundle keySigned(byte[] hint, Dsse.Envelope envelope) {
        return new SigstoreBundle(MEDIA_TYPE_V03, null, List.of(), hint, List.of(), envelope);
    }

    public boolean isKeyless() {
        return certificate != null;
    }

    // ---- reading ----

    private static final Base64.Decoder B64 = Base64.getDecoder();

    /** Parses bundle JSON; every structural problem is INVALID_REQUEST {@code invalid sigstore bundle: ...}. */
    public static SigstoreBundle parse(byte[] json) {
        Map<String, Object> root;
        try {
            root = Values.mapOf(JsonReader.parse(new String(json, StandardCharsets.UTF_8)));
        } catch (YamlSyntaxException e) {
            throw invalid("malformed JSON: " + e.getMessage());
        }
        if (root == null) {
            throw invalid("not a JSON object");
        }
        String mediaType = str(root, "mediaType");
        if (!MEDIA_TYPES.contains(mediaType)) {
            // the reference (sigstore-go) words it so
            throw invalid("error getting bundle version: validation error: unsupported media type: " + mediaType);
        }
        Map<String, Object> vm = map(root, "verificationMaterial");
        if (vm == null) {
            throw invalid("missing verificationMaterial");
        }
        byte[] cert = null;
        List<byte[]> chain = new ArrayList<>();
        byte[] hint = null;
        if (map(vm, "certificate") != null) {
            cert = bytes(map(vm, "certificate"), "rawBytes", "certificate.rawBytes");
        } else if (map(vm, "x509CertificateChain") != null) {
            List<Object> certs = list(map(vm, "x509CertificateChain"), "certificates");
            for (Object c : certs) {
                if (!(c instanceof Map<?, ?> cm)) {
                    throw invalid("malformed x509CertificateChain");
                }
                byte[] der = decode(cm.get("rawBytes"), "x509CertificateChain.rawBytes");
                if (cert == null) {
                    cert = der;
                } else {
                    chain.add(der);
                }
            }
            if (cert == null) {
                throw invalid("empty x509CertificateChain");
            }
        } else if (map(vm, "publicKey") != null) {
            Object h = map(vm, "publicKey").get("hint");
            hint = h == null || "".equals(h) ? new byte[0] : decode(h, "publicKey.hint");
        } else {
            throw invalid("verificationMaterial has no certificate or public key");
        }
        List<TlogEntry> entries = new ArrayList<>();
        for (Object o : list(vm, "tlogEntries")) {
            if (!(o instanceof Map<?, ?> e)) {
                throw invalid("malformed tlogEntries");
            }
            entries.add(entry(cast(e)));
        }
        Map<String, Object> env = map(root, "dsseEnvelope");
        if (env == null) {
            throw invalid(map(root, "messageSignature") != null
                    ? "holds a message signature, not a DSSE attestation" : "missing dsseEnvelope");
        }
        List<byte[]> sigs = new ArrayList<>();
        for (Object o : list(env, "signatures")) {
            if (!(o instanceof Map<?, ?> s)) {
                throw invalid("malformed dsseEnvelope.signatures");
            }
            sigs.add(decode(s.get("sig"), "dsseEnvelope.signatures.sig"));
        }
        if (sigs.size() != 1) {
            throw invalid("dsseEnvelope must carry exactly one signature, found " + sigs.size());
        }
        Dsse.Envelope envelope = new Dsse.Envelope(bytes(env, "payload", "dsseEnvelope.payload"), str(env, "payloadType"),
                sigs);
        return new SigstoreBundle(mediaType, cert, chain, hint, entries, envelope);
    }

    private static TlogEntry entry(Map<String, Object> e) {
        Map<String, Object> kv = map(e, "kindVersion");
        Map<String, Object> promise = map(e, "inclusionPromise");
        Map<String, Object> proof = map(e, "inclusionProof");
        InclusionProof p = null;
        if (proof != null) {
            List<byte[]> hashes = new ArrayList<>();
            for (Object h : list(proof, "hashes")) {
                hashes.add(decode(h, "inclusionProof.hashes"));
            }
            Map<String, Object> cp = map(proof, "checkpoint");
            p = new InclusionProof(num(proof, "logIndex"), bytes(proof, "rootHash", "inclusionProof.rootHash"),
                    num(proof, "treeSize"), hashes, cp == null ? "" : str(cp, "envelope"));
        }
        Map<String, Object> logId = map(e, "logId");
        return new TlogEntry(num(e, "logIndex"), logId == null ? new byte[0] : bytes(logId, "keyId", "logId.keyId"),
                kv == null ? "" : str(kv, "kind"), kv == null ? "" : str(kv, "version"), num(e, "integratedTime"),
                promise == null ? null : bytes(promise, "signedEntryTimestamp", "inclusionPromise.signedEntryTimestamp"),
                p, bytes(e, "canonicalizedBody", "canonicalizedBody"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> mm)) {
            throw invalid(key + " is not an object");
        }
        return cast(mm);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw invalid(key + " is not an array");
        }
        return (List<Object>) l;
    }

    private static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof String s ? s : "";
    }

    /** protobuf-JSON int64: a string, or a number from lenient writers. */
    private static long num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        try {
            if (v instanceof String s) {
                return s.isEmpty() ? 0 : Long.parseLong(s);
            }
            if (v instanceof Number n) {
                return n.longValue();
            }
        } catch (NumberFormatException e) {
            throw invalid(key + " is not an integer: " + v);
        }
        return 0;
    }

    private static byte[] bytes(Map<String, Object> m, String key, String what) {
        return decode(m.get(key), what);
    }

    private static byte[] decode(Object v, String what) {
        if (v == null || "".equals(v)) {
            return new byte[0];
        }
        if (!(v instanceof String s)) {
            throw invalid(what + " is not a base64 string");
        }
        try {
            return B64.decode(s);
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(s);
            } catch (IllegalArgumentException e2) {
                throw invalid(what + " is not valid base64");
            }
        }
    }

    private static AicrException invalid(String why) {
        return new AicrException(ErrorCode.INVALID_REQUEST, "invalid sigstore bundle: " + why);
    }

    // ---- writing ----

    private static final Base64.Encoder B64E = Base64.getEncoder();

    /** protobuf-JSON in field order, empty fields left out, int64 as strings. */
    public byte[] toJson() {
        Struct vm = new Struct();
        if (certificate != null) {
            vm.with("certificate", new Struct().with("rawBytes", B64E.encodeToString(certificate)));
        } else {
            vm.with("publicKey", publicKeyHint == null || publicKeyHint.length == 0 ? new Struct()
                    : new Struct().with("hint", B64E.encodeToString(publicKeyHint)));
        }
        if (!tlogEntries.isEmpty()) {
            List<Object> entries = new ArrayList<>();
            for (TlogEntry e : tlogEntries) {
                entries.add(entryJson(e));
            }
            vm.with("tlogEntries", entries);
        }
        List<Object> sigs = new ArrayList<>();
        for (byte[] s : envelope.signatures()) {
            sigs.add(new Struct().with("sig", B64E.encodeToString(s)));
        }
        Struct env = new Struct().with("payload", B64E.encodeToString(envelope.payload()))
                .with("payloadType", envelope.payloadType()).with("signatures", sigs);
        Struct root = new Struct().with("mediaType", mediaType).with("verificationMaterial", vm).with("dsseEnvelope", env);
        return JsonWriter.write(root, false).getBytes(StandardCharsets.UTF_8);
    }

    private static Struct entryJson(TlogEntry e) {
        Struct s = new Struct().with("logIndex", Long.toString(e.logIndex()))
                .with("logId", new Struct().with("keyId", B64E.encodeToString(e.logKeyId())))
                .with("kindVersion", new Struct().with("kind", e.kind()).with("version", e.version()))
                .with("integratedTime", Long.toString(e.integratedTime()));
        if (e.signedEntryTimestamp() != null) {
            s.with("inclusionPromise", new Struct().with("signedEntryTimestamp",
                    B64E.encodeToString(e.signedEntryTimestamp())));
        }
        if (e.proof() != null) {
            InclusionProof p = e.proof();
            List<Object> hashes = new ArrayList<>();
            p.hashes().forEach(h -> hashes.add(B64E.encodeToString(h)));
            s.with("inclusionProof", new Struct().with("logIndex", Long.toString(p.logIndex()))
                    .with("rootHash", B64E.encodeToString(p.rootHash())).with("treeSize", Long.toString(p.treeSize()))
                    .with("hashes", hashes).with("checkpoint", new Struct().with("envelope", p.checkpoint())));
        }
        s.with("canonicalizedBody", B64E.encodeToString(e.canonicalizedBody()));
        return s;
    }
}
