package aicr.sigstore.signing;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.JsonReader;
import aicr.io.JsonWriter;
import aicr.io.Struct;
import aicr.io.Values;
import aicr.log.Log;
import aicr.sigstore.CertIdentity;
import aicr.sigstore.Digests;
import aicr.sigstore.Dsse;
import aicr.sigstore.SigstoreBundle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Keyless signing over plain REST: an ephemeral P-256 key, a certificate for the OIDC
 * identity from Fulcio ({@code POST /api/v2/signingCert}), the DSSE signature, and a Rekor v1
 * {@code dsse} entry ({@code POST /api/v1/log/entries}) whose signed entry timestamp and
 * inclusion proof go into the Sigstore bundle. Transient failures (transport, 5xx, 429) are
 * tried three times (pauses of 1 s and 5 s, two minutes in all); a refused token or request
 * fails at once.
 */
public final class KeylessSigner {
    private static final Duration ATTEMPT = Duration.ofSeconds(35);
    private static final long[] BACKOFF_MS = {1000, 5000};
    private static final Duration OVERALL = Duration.ofMinutes(2);

    private final SigstoreEndpoints endpoints;
    private final HttpClient http;

    public KeylessSigner(SigstoreEndpoints endpoints) {
        this.endpoints = endpoints;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build();
    }

    /** What signing produced: the bundle and who it names. */
    public record Signed(SigstoreBundle bundle, CertIdentity signer, long logIndex) {
    }

    public Signed sign(byte[] statementJson, IdentityToken token) {
        String subject = token.subject();
        long deadline = System.nanoTime() + OVERALL.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return once(statementJson, token, subject);
            } catch (Transient e) {
                if (attempt == 3 || System.nanoTime() > deadline) {
                    throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "sigstore signing failed after retries: "
                            + e.getMessage());
                }
                long pause = BACKOFF_MS[attempt - 1];
                Log.warn("sigstore signing attempt failed, retrying", "attempt", attempt, "budget", 3,
                        "backoff", pause / 1000 + "s", "error", e.getMessage());
                TokenSources.sleep(pause);
            }
        }
    }

    private Signed once(byte[] statement, IdentityToken token, String subject) {
        KeyPair key = ephemeral();
        List<X509Certificate> chain = certificate(key, token, subject);
        X509Certificate leaf = chain.get(0);
        byte[] sig = sign(key, Dsse.pae(Dsse.INTOTO_PAYLOAD_TYPE, statement));
        Dsse.Envelope env = new Dsse.Envelope(statement, Dsse.INTOTO_PAYLOAD_TYPE, List.of(sig));
        SigstoreBundle.TlogEntry entry = log(env, pem(leaf));
        try {
            SigstoreBundle bundle = new SigstoreBundle(SigstoreBundle.MEDIA_TYPE_V03, leaf.getEncoded(), List.of(), null,
                    List.of(entry), env);
            return new Signed(bundle, CertIdentity.of(leaf), entry.logIndex());
        } catch (GeneralSecurityException e) {
            throw new AicrException(ErrorCode.INTERNAL, "certificate encoding failed", e);
        }
    }

    private static KeyPair ephemeral() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is part of every JDK", e);
        }
    }

    private static byte[] sign(KeyPair key, byte[] data) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(key.getPrivate());
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA is part of every JDK", e);
        }
    }

    private List<X509Certificate> certificate(KeyPair key, IdentityToken token, String subject) {
        String pem = aicr.sigstore.PemKeys.toPem(key.getPublic());
        Struct body = new Struct()
                .with("credentials", new Struct().with("oidcIdentityToken", token.jwt()))
                .with("publicKeyRequest", new Struct()
                        .with("publicKey", new Struct().with("algorithm", "ECDSA").with("content", pem))
                        .with("proofOfPossession", Base64.getEncoder().encodeToString(
                                sign(key, subject.getBytes(StandardCharsets.UTF_8)))));
        Map<String, Object> r = post(endpoints.fulcio() + "/api/v2/signingCert", JsonWriter.write(body, false),
                "Bearer " + token.jwt());
        Object holder = r.containsKey("signedCertificateEmbeddedSct") ? r.get("signedCertificateEmbeddedSct")
                : r.get("signedCertificateDetachedSct");
        List<X509Certificate> certs = new ArrayList<>();
        if (holder instanceof Map<?, ?> h && h.get("chain") instanceof Map<?, ?> c && c.get("certificates") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof String p) {
                    certs.add(parsePem(p));
                }
            }
        }
        if (certs.isEmpty()) {
            throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "Fulcio returned no certificate");
        }
        return certs;
    }

    private SigstoreBundle.TlogEntry log(Dsse.Envelope env, String certPem) {
        List<Object> sigs = new ArrayList<>();
        env.signatures().forEach(s -> sigs.add(new Struct().with("keyid", "").with("sig", Base64.getEncoder().encodeToString(s))));
        String envelope = JsonWriter.write(new Struct().with("payload", Base64.getEncoder().encodeToString(env.payload()))
                .with("payloadType", env.payloadType()).with("signatures", sigs), false);
        Struct body = new Struct().with("apiVersion", "0.0.1").with("kind", "dsse").with("spec", new Struct()
                .with("proposedContent", new Struct().with("envelope", envelope).with("verifiers",
                        List.of(Base64.getEncoder().encodeToString(certPem.getBytes(StandardCharsets.UTF_8))))));
        Map<String, Object> r = post(endpoints.rekor() + "/api/v1/log/entries", JsonWriter.write(body, false), null);
        if (r.size() != 1 || !(r.values().iterator().next() instanceof Map<?, ?> e)) {
            throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "Rekor returned an unexpected answer");
        }
        return entry(e, env);
    }

    /** The Rekor answer as a bundle entry; it must record this envelope's payload and signature. */
    private static SigstoreBundle.TlogEntry entry(Map<?, ?> e, Dsse.Envelope env) {
        try {
            HexFormat hex = HexFormat.of();
            byte[] body = Base64.getDecoder().decode((String) e.get("body"));
            Map<?, ?> v = (Map<?, ?>) e.get("verification");
            Map<?, ?> p = (Map<?, ?>) v.get("inclusionProof");
            List<byte[]> hashes = new ArrayList<>();
            if (p.get("hashes") instanceof List<?> hs) {
                hs.forEach(h -> hashes.add(hex.parseHex((String) h)));
            }
            SigstoreBundle.InclusionProof proof = new SigstoreBundle.InclusionProof(num(p.get("logIndex")),
                    hex.parseHex((String) p.get("rootHash")), num(p.get("treeSize")), hashes, (String) p.get("checkpoint"));
            byte[] set = v.get("signedEntryTimestamp") instanceof String s ? Base64.getDecoder().decode(s) : null;
            String recorded = new String(body, StandardCharsets.UTF_8);
            if (!recorded.contains(Digests.sha256Hex(env.payload()))
                    || !recorded.contains(Base64.getEncoder().encodeToString(env.signatures().get(0)))) {
                throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "Rekor entry does not record this signature");
            }
            return new SigstoreBundle.TlogEntry(num(e.get("logIndex")), hex.parseHex((String) e.get("logID")), "dsse",
                    "0.0.1", num(e.get("integratedTime")), set, proof, body);
        } catch (ClassCastException | NullPointerException | IllegalArgumentException ex) {
            throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "Rekor returned a malformed entry");
        }
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(o));
    }

    /** A failure worth another attempt. */
    private static final class Transient extends RuntimeException {
        Transient(String message) {
            super(message);
        }
    }

    private Map<String, Object> post(String url, String json, String authorization) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(ATTEMPT)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            req.header("Authorization", authorization);
        }
        HttpResponse<String> r;
        try {
            r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Transient("Post " + aicr.gocompat.GoStrings.quote(url) + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AicrException(ErrorCode.TIMEOUT, "sigstore signing interrupted");
        }
        if (r.statusCode() == 429 || r.statusCode() >= 500) {
            throw new Transient("Post " + aicr.gocompat.GoStrings.quote(url) + ": HTTP " + r.statusCode());
        }
        if (r.statusCode() / 100 != 2) {
            throw new AicrException(r.statusCode() == 401 || r.statusCode() == 403 ? ErrorCode.UNAUTHORIZED
                    : ErrorCode.SERVICE_UNAVAILABLE, "sigstore signing failed: " + url + " refused the request (HTTP "
                    + r.statusCode() + "): " + r.body().strip());
        }
        Map<String, Object> m = Values.mapOf(JsonReader.parse(r.body()));
        if (m == null) {
            throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, url + " returned no JSON object");
        }
        return m;
    }

    private static String describe(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "timeout";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static X509Certificate parsePem(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "Fulcio returned an unparsable certificate");
        }
    }

    static String pem(X509Certificate cert) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'})
                    .encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new AicrException(ErrorCode.INTERNAL, "certificate encoding failed", e);
        }
    }
}
