package aicr.cli.sigstore;

import aicr.io.JsonReader;
import aicr.io.JsonWriter;
import aicr.io.Struct;
import aicr.io.Values;
import aicr.sigstore.Dsse;
import aicr.sigstore.PemKeys;
import aicr.sigstore.SigstoreBundle;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Fulcio ({@code POST /api/v2/signingCert}) and Rekor ({@code POST /api/v1/log/entries}) of a
 * {@link FakeSigstore} over HTTPS on loopback. Fulcio checks the bearer token's claims and the
 * proof of possession, as the real one does (without verifying the token's signature).
 */
public final class FakeSigstoreServer implements AutoCloseable {
    private final FakeSigstore stack;
    private final HttpsServer server;
    private final Path trustStore;
    public final AtomicInteger fulcioCalls = new AtomicInteger();
    public final AtomicInteger rekorCalls = new AtomicInteger();

    public FakeSigstoreServer(FakeSigstore stack, Path dir) throws Exception {
        this.stack = stack;
        KeyPair tls = FakeSigstore.ec();
        X500Name name = new X500Name("CN=127.0.0.1");
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.TEN,
                Date.from(Instant.now().minusSeconds(3600)), Date.from(Instant.now().plusSeconds(86400)), name, tls.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(tls.getPrivate())));
        char[] pw = "changeit".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, pw);
        ks.setKeyEntry("tls", tls.getPrivate(), pw, new java.security.cert.Certificate[]{cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, pw);
        ts.setCertificateEntry("fake", cert);
        trustStore = dir.resolve("truststore.p12");
        try (FileOutputStream out = new FileOutputStream(trustStore.toFile())) {
            ts.store(out, pw);
        }
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.createContext("/api/v2/signingCert", this::fulcio);
        server.createContext("/api/v1/log/entries", this::rekor);
        server.start();
    }

    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** JVM flags that make a CLI process trust this server. */
    public List<String> jvmFlags() {
        return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=changeit",
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    /** An unsigned JWT with the given claims (Fulcio here reads, but does not verify, tokens). */
    public static String token(String email, String issuer) {
        Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
        return b.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b.encodeToString(JsonWriter.write(new Struct().with("iss", issuer).with("sub", "12345").with("email", email)
                .with("email_verified", true), false).getBytes(StandardCharsets.UTF_8)) + ".";
    }

    @SuppressWarnings("unchecked")
    private void fulcio(HttpExchange ex) throws IOException {
        fulcioCalls.incrementAndGet();
        try {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            Map<String, Object> req = Values.mapOf(JsonReader.parse(new String(ex.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)));
            if (auth == null || !auth.startsWith("Bearer ")) {
                reply(ex, 401, "{\"message\":\"missing token\"}");
                return;
            }
            String[] parts = auth.substring(7).split("\\.", -1);
            Map<String, Object> claims = Values.mapOf(JsonReader.parse(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8)));
            Map<String, Object> pkr = (Map<String, Object>) req.get("publicKeyRequest");
            String pem = (String) ((Map<String, Object>) pkr.get("publicKey")).get("content");
            PublicKey key = PemKeys.decodePublic(Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "")));
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify(key);
            s.update(((String) claims.get("email")).getBytes(StandardCharsets.UTF_8));
            if (!s.verify(Base64.getDecoder().decode((String) pkr.get("proofOfPossession")))) {
                reply(ex, 400, "{\"message\":\"bad proof of possession\"}");
                return;
            }
            X509Certificate leaf = stack.issue(key, (String) claims.get("email"), (String) claims.get("iss"));
            Struct body = new Struct().with("signedCertificateEmbeddedSct", new Struct().with("chain", new Struct()
                    .with("certificates", List.of(FakeSigstore.pem(leaf), FakeSigstore.pem(stack.caCertificate())))));
            reply(ex, 201, JsonWriter.write(body, false));
        } catch (Exception e) {
            reply(ex, 400, "{\"message\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    @SuppressWarnings("unchecked")
    private void rekor(HttpExchange ex) throws IOException {
        rekorCalls.incrementAndGet();
        try {
            Map<String, Object> req = Values.mapOf(JsonReader.parse(new String(ex.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)));
            Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) req.get("spec")).get("proposedContent");
            Map<String, Object> env = Values.mapOf(JsonReader.parse((String) content.get("envelope")));
            List<byte[]> sigs = new ArrayList<>();
            for (Object o : (List<Object>) env.get("signatures")) {
                sigs.add(Base64.getDecoder().decode((String) ((Map<String, Object>) o).get("sig")));
            }
            Dsse.Envelope envelope = new Dsse.Envelope(Base64.getDecoder().decode((String) env.get("payload")),
                    (String) env.get("payloadType"), sigs);
            String verifier = new String(Base64.getDecoder().decode((String) ((List<Object>) content.get("verifiers")).get(0)),
                    StandardCharsets.UTF_8);
            SigstoreBundle.TlogEntry e = stack.logDsse(envelope, verifier);
            HexFormat hex = HexFormat.of();
            List<String> hashes = new ArrayList<>();
            e.proof().hashes().forEach(h -> hashes.add(hex.formatHex(h)));
            Struct entry = new Struct().with("body", Base64.getEncoder().encodeToString(e.canonicalizedBody()))
                    .with("integratedTime", e.integratedTime()).with("logID", hex.formatHex(e.logKeyId()))
                    .with("logIndex", e.logIndex()).with("verification", new Struct()
                            .with("inclusionProof", new Struct().with("checkpoint", e.proof().checkpoint()).with("hashes", hashes)
                                    .with("logIndex", e.proof().logIndex()).with("rootHash", hex.formatHex(e.proof().rootHash()))
                                    .with("treeSize", e.proof().treeSize()))
                            .with("signedEntryTimestamp", Base64.getEncoder().encodeToString(e.signedEntryTimestamp())));
            reply(ex, 201, JsonWriter.write(Map.of("24296fb24b8ad77a" + e.logIndex(), entry), false));
        } catch (Exception e) {
            reply(ex, 400, "{\"message\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
