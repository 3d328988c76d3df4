package aicr.cli.sigstore;

import aicr.io.JsonWriter;
import aicr.io.Struct;
import aicr.sigstore.Digests;
import aicr.sigstore.Dsse;
import aicr.sigstore.PemKeys;
import aicr.sigstore.SigstoreBundle;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A complete Sigstore stand-in generated per test run: a Fulcio-style CA issuing short-lived
 * code-signing certificates with an embedded SCT from a fake CT log, a fake Rekor v1 log that
 * answers with a signed entry timestamp, an RFC 6962 inclusion proof and a signed checkpoint,
 * and the matching {@code trusted_root.json}. sigstore-java and cosign both accept what it makes.
 */
public final class FakeSigstore {
    public static final String ISSUER = "https://issuer.aicr-j.test";
    public static final String IDENTITY = "signer@aicr-j.test";
    static final String REKOR_HOST = "rekor.aicr-j.test";

    private final KeyPair ca = ec();
    private final KeyPair ctLog = ec();
    private final KeyPair rekor = ec();
    private final X509Certificate caCert;
    private final AtomicLong nextIndex = new AtomicLong();
    /** Seconds: fixed so that certificates and log entries agree. */
    private final long now = Instant.now().getEpochSecond();

    public FakeSigstore() {
        try {
            X500Name name = new X500Name("O=aicr-j test,CN=fake-fulcio");
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                    Date.from(Instant.ofEpochSecond(now - 86400)), Date.from(Instant.ofEpochSecond(now + 86400 * 30)),
                    name, ca.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            caCert = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate caCertificate() {
        return caCert;
    }

    public long now() {
        return now;
    }

    // ---- Fulcio ----

    /** A Fulcio-style leaf: empty subject, critical e-mail SAN, code signing, issuer OIDs, embedded SCT. */
    public X509Certificate issue(PublicKey key, String identity, String issuer) {
        return issue(key, identity, issuer, now - 60, now + 600, true);
    }

    public X509Certificate issue(PublicKey key, String identity, String issuer, long notBefore, long notAfter, boolean sct) {
        try {
            BigInteger serial = BigInteger.valueOf(System.nanoTime());
            X509v3CertificateBuilder pre = leafBuilder(key, identity, issuer, serial, notBefore, notAfter);
            if (!sct) {
                return sign(pre);
            }
            byte[] tbs = sign(pre).getTBSCertificate();
            byte[] sctList = sct(tbs);
            X509v3CertificateBuilder fin = leafBuilder(key, identity, issuer, serial, notBefore, notAfter);
            fin.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2"), false, new DEROctetString(sctList));
            return sign(fin);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private X509v3CertificateBuilder leafBuilder(PublicKey key, String identity, String issuer, BigInteger serial,
                                                 long notBefore, long notAfter) throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert, serial,
                Date.from(Instant.ofEpochSecond(notBefore)), Date.from(Instant.ofEpochSecond(notAfter)),
                new X500Name(new org.bouncycastle.asn1.x500.RDN[0]), key);
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
        GeneralName san = identity.contains("://") ? new GeneralName(GeneralName.uniformResourceIdentifier, identity)
                : new GeneralName(GeneralName.rfc822Name, identity);
        b.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(san));
        b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.1"), false,
                new DEROctetString(issuer.getBytes(StandardCharsets.UTF_8)));
        b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.8"), false, new DERUTF8String(issuer));
        return b;
    }

    private X509Certificate sign(X509v3CertificateBuilder b) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())));
    }

    /** An RFC 6962 SignedCertificateTimestampList with one precertificate SCT over {@code tbs}. */
    private byte[] sct(byte[] tbs) throws Exception {
        long ts = (now - 30) * 1000;
        byte[] logId = Digests.sha256(ctLog.getPublic().getEncoded());
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        signed.write(0); // v1
        signed.write(0); // certificate_timestamp
        signed.writeBytes(u64(ts));
        signed.writeBytes(new byte[]{0, 1}); // precert_entry
        signed.writeBytes(Digests.sha256(caCert.getPublicKey().getEncoded()));
        signed.writeBytes(u24(tbs.length));
        signed.writeBytes(tbs);
        signed.writeBytes(new byte[]{0, 0}); // no extensions
        byte[] sig = sig(ctLog.getPrivate(), signed.toByteArray());
        ByteArrayOutputStream sct = new ByteArrayOutputStream();
        sct.write(0);
        sct.writeBytes(logId);
        sct.writeBytes(u64(ts));
        sct.writeBytes(new byte[]{0, 0});
        sct.write(4); // sha256
        sct.write(3); // ecdsa
        sct.writeBytes(u16(sig.length));
        sct.writeBytes(sig);
        byte[] one = sct.toByteArray();
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        list.writeBytes(u16(one.length + 2));
        list.writeBytes(u16(one.length));
        list.writeBytes(one);
        return list.toByteArray();
    }

    // ---- Rekor ----

    /** A Rekor v1 {@code dsse} entry for a signed envelope, as the log would return it. */
    public SigstoreBundle.TlogEntry logDsse(Dsse.Envelope env, String verifierPem) {
        return logDsse(env, verifierPem, true, rekor.getPrivate());
    }

    /**
     * @param withSet  false leaves out the signed entry timestamp (no observer timestamp)
     * @param setKey   the key that signs the SET and checkpoint (another key fakes a foreign log)
     */
    public SigstoreBundle.TlogEntry logDsse(Dsse.Envelope env, String verifierPem, boolean withSet, PrivateKey setKey) {
        try {
            String envelopeJson = envelopeJson(env);
            Struct spec = new Struct()
                    .with("envelopeHash", new Struct().with("algorithm", "sha256")
                            .with("value", Digests.sha256Hex(envelopeJson.getBytes(StandardCharsets.UTF_8))))
                    .with("payloadHash", new Struct().with("algorithm", "sha256").with("value", Digests.sha256Hex(env.payload())))
                    .with("signatures", List.of(new Struct()
                            .with("signature", Base64.getEncoder().encodeToString(env.signatures().get(0)))
                            .with("verifier", Base64.getEncoder().encodeToString(verifierPem.getBytes(StandardCharsets.UTF_8)))));
            byte[] body = JsonWriter.write(new Struct().with("apiVersion", "0.0.1").with("kind", "dsse").with("spec", spec),
                    false).getBytes(StandardCharsets.UTF_8);
            long index = nextIndex.getAndIncrement();
            long integrated = now;
            byte[] logId = Digests.sha256(rekor.getPublic().getEncoded());
            byte[] set = null;
            if (withSet) {
                Map<String, Object> payload = new TreeMap<>();
                payload.put("body", Base64.getEncoder().encodeToString(body));
                payload.put("integratedTime", integrated);
                payload.put("logID", Digests.hex(logId));
                payload.put("logIndex", index);
                set = sig(setKey, JsonWriter.write(payload, false).getBytes(StandardCharsets.UTF_8));
            }
            byte[] leaf = new byte[body.length + 1];
            System.arraycopy(body, 0, leaf, 1, body.length);
            byte[] root = Digests.sha256(leaf);
            String origin = REKOR_HOST + " - 1193050959916656506";
            String note = origin + "\n1\n" + Base64.getEncoder().encodeToString(root) + "\n";
            byte[] noteSig = sig(setKey, note.getBytes(StandardCharsets.UTF_8));
            byte[] hintSig = new byte[4 + noteSig.length];
            System.arraycopy(logId, 0, hintSig, 0, 4);
            System.arraycopy(noteSig, 0, hintSig, 4, noteSig.length);
            String checkpoint = note + "\n\u2014 " + REKOR_HOST + " " + Base64.getEncoder().encodeToString(hintSig) + "\n";
            return new SigstoreBundle.TlogEntry(index, logId, "dsse", "0.0.1", integrated, set,
                    new SigstoreBundle.InclusionProof(0, root, 1, List.of(), checkpoint), body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The envelope as Rekor stores it (standard DSSE JSON). */
    public static String envelopeJson(Dsse.Envelope env) {
        List<Object> sigs = new ArrayList<>();
        env.signatures().forEach(s -> sigs.add(new Struct().with("keyid", "").with("sig", Base64.getEncoder().encodeToString(s))));
        return JsonWriter.write(new Struct().with("payload", Base64.getEncoder().encodeToString(env.payload()))
                .with("payloadType", env.payloadType()).with("signatures", sigs), false);
    }

    // ---- signing a whole bundle ----

    /** A keyless bundle signed by a fresh key certified for {@code identity}/{@code issuer}. */
    public SigstoreBundle signKeyless(byte[] statement, String identity, String issuer) {
        KeyPair k = ec();
        return signWith(statement, k, issue(k.getPublic(), identity, issuer), true, rekor.getPrivate());
    }

    public SigstoreBundle signWith(byte[] statement, KeyPair key, X509Certificate cert, boolean withSet, PrivateKey logKey) {
        Dsse.Envelope env = new Dsse.Envelope(statement, Dsse.INTOTO_PAYLOAD_TYPE, List.of(sig(key.getPrivate(),
                Dsse.pae(Dsse.INTOTO_PAYLOAD_TYPE, statement))));
        try {
            return new SigstoreBundle(SigstoreBundle.MEDIA_TYPE_V03, cert.getEncoded(), List.of(), null,
                    List.of(logDsse(env, pem(cert), withSet, logKey == null ? rekor.getPrivate() : logKey)), env);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(X509Certificate cert) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- trusted root ----

    /** The matching {@code trusted_root.json}. */
    public byte[] trustedRoot() {
        return trustedRoot(true);
    }

    public byte[] trustedRoot(boolean withCtLogs) {
        try {
            String start = Instant.ofEpochSecond(now - 86400 * 2).toString();
            Struct validFor = new Struct().with("start", start);
            Struct ca = new Struct().with("subject", new Struct().with("organization", "aicr-j test").with("commonName", "fake-fulcio"))
                    .with("uri", "https://fulcio.aicr-j.test")
                    .with("certChain", new Struct().with("certificates", List.of(new Struct().with("rawBytes", b64(caCert.getEncoded())))))
                    .with("validFor", validFor);
            Struct root = new Struct().with("mediaType", aicr.sigstore.TrustedRoot.MEDIA_TYPE)
                    .with("tlogs", List.of(log("https://" + REKOR_HOST, rekor.getPublic(), validFor)))
                    .with("certificateAuthorities", List.of(ca))
                    .with("ctlogs", withCtLogs ? List.of(log("https://ctfe.aicr-j.test/test", ctLog.getPublic(), validFor)) : List.of())
                    .with("timestampAuthorities", List.of());
            return JsonWriter.write(root, true).getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Path writeTrustedRoot(Path file) throws java.io.IOException {
        Files.write(file, trustedRoot());
        return file;
    }

    private static Struct log(String url, PublicKey key, Struct validFor) {
        return new Struct().with("baseUrl", url).with("hashAlgorithm", "SHA2_256")
                .with("publicKey", new Struct().with("rawBytes", b64(key.getEncoded()))
                        .with("keyDetails", "PKIX_ECDSA_P256_SHA_256").with("validFor", validFor))
                .with("logId", new Struct().with("keyId", b64(Digests.sha256(key.getEncoded()))));
    }

    // ---- helpers ----

    public static byte[] sig(PrivateKey key, byte[] data) {
        try {
            Signature s = Signature.getInstance(key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA");
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static byte[] u64(long v) {
        return java.nio.ByteBuffer.allocate(8).putLong(v).array();
    }

    private static byte[] u24(int v) {
        return new byte[]{(byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    private static byte[] u16(int v) {
        return new byte[]{(byte) (v >> 8), (byte) v};
    }

    /** Writes a private key as PKCS#8 PEM (for {@code --signing-key}). */
    public static String privatePem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    public static String publicPem(PublicKey key) {
        return PemKeys.toPem(key);
    }
}
