package aicr.sigstore;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM keys for key-based signing and verification. Public keys: PKIX ({@code PUBLIC KEY}).
 * Private keys: PKCS#8 ({@code PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY}, what {@code openssl
 * ecparam -genkey} writes) and PKCS#1 ({@code RSA PRIVATE KEY}). Accepted algorithms are the
 * reference's key-signing ones: ECDSA P-256 and RSA of at least 2048 bits, both with SHA-256.
 */
public final class PemKeys {
    private PemKeys() {
    }

    /** Largest key file read. */
    public static final int MAX_BYTES = 64 << 10;
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");
    private static final String EC_OID = "1.2.840.10045.2.1";
    private static final String P256_OID = "1.2.840.10045.3.1.7";
    private static final String RSA_OID = "1.2.840.113549.1.1.1";

    /** A key and the JCA signature algorithm that goes with it. */
    public record Signing(PrivateKey key, PublicKey publicKey, String algorithm) {
    }

    public static PublicKey readPublic(Path file) {
        Block b = read(file, "public key");
        if (!b.type().equals("PUBLIC KEY")) {
            throw bad(file, "expected a PEM \"PUBLIC KEY\" block, found \"" + b.type() + "\"");
        }
        try {
            PublicKey k = decodePublic(b.der());
            algorithm(k);
            return k;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw bad(file, "not a valid PKIX public key");
        }
    }

    /** Decodes a PKIX public key (EC or RSA). */
    public static PublicKey decodePublic(byte[] der) throws GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        } catch (GeneralSecurityException e) {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        }
    }

    public static Signing readPrivate(Path file) {
        Block b = read(file, "signing key");
        byte[] pkcs8 = switch (b.type()) {
            case "PRIVATE KEY" -> b.der();
            case "EC PRIVATE KEY" -> sec1ToPkcs8(file, b.der());
            case "RSA PRIVATE KEY" -> Der.tlv(Der.SEQUENCE, Der.tlv(Der.INTEGER, new byte[]{0}),
                    Der.tlv(Der.SEQUENCE, Der.oid(RSA_OID), Der.tlv(Der.NULL)), Der.tlv(Der.OCTET_STRING, b.der()));
            case "ENCRYPTED PRIVATE KEY", "ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY" ->
                    throw bad(file, "password-protected keys are not supported; decrypt it first (e.g. openssl pkcs8 -in "
                            + "key.pem -out plain.pem)");
            case "PUBLIC KEY" -> throw bad(file, "this is a public key; --signing-key needs the private key");
            default -> throw bad(file, "unsupported PEM block \"" + b.type() + "\"");
        };
        PrivateKey key;
        try {
            key = decodePrivate(pkcs8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw bad(file, "not a valid private key");
        }
        String alg = algorithm(key);
        return new Signing(key, publicOf(key), alg);
    }

    private static PrivateKey decodePrivate(byte[] pkcs8) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        try {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        }
    }

    /** SEC1 ECPrivateKey to PKCS#8; the curve must be P-256 (named in the key or implied). */
    private static byte[] sec1ToPkcs8(Path file, byte[] sec1) {
        try {
            List<Der.Element> parts = Der.children(Der.single(sec1).content());
            for (Der.Element e : parts) {
                if (e.tag() == 0xa0 && !java.util.Arrays.equals(Der.tlv(Der.OID, Der.single(e.content()).content()),
                        Der.oid(P256_OID))) {
                    throw bad(file, "unsupported EC curve: only P-256 keys are accepted");
                }
            }
        } catch (IllegalArgumentException e) {
            throw bad(file, "not a valid EC private key");
        }
        return Der.tlv(Der.SEQUENCE, Der.tlv(Der.INTEGER, new byte[]{0}),
                Der.tlv(Der.SEQUENCE, Der.oid(EC_OID), Der.oid(P256_OID)), Der.tlv(Der.OCTET_STRING, sec1));
    }

    /** The public half of a private key (derived, so that the hint and the bundle name the right key). */
    private static PublicKey publicOf(PrivateKey key) {
        try {
            if (key instanceof java.security.interfaces.RSAPrivateCrtKey rsa) {
                return KeyFactory.getInstance("RSA").generatePublic(
                        new java.security.spec.RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            if (key instanceof java.security.interfaces.ECPrivateKey ec) {
                return EcMath.publicKey(ec);
            }
        } catch (GeneralSecurityException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "cannot derive the public key of the signing key", e);
        }
        throw new AicrException(ErrorCode.INVALID_REQUEST, "unsupported signing key type " + key.getAlgorithm());
    }

    /** The JCA signature algorithm for a key; INVALID_REQUEST for keys outside ECDSA P-256 and RSA >= 2048. */
    public static String algorithm(java.security.Key key) {
        if (key instanceof ECKey ec) {
            if (ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "unsupported EC curve: only P-256 keys are accepted");
            }
            return "SHA256withECDSA";
        }
        if (key instanceof RSAKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "RSA keys must have at least 2048 bits");
            }
            return "SHA256withRSA";
        }
        throw new AicrException(ErrorCode.INVALID_REQUEST, "unsupported key type " + key.getAlgorithm()
                + ": only ECDSA P-256 and RSA keys are accepted");
    }

    /** {@code pem:<hex sha256 of the PKIX DER>}: how a key-signed bundle's creator is named. */
    public static String identity(PublicKey key) {
        return "pem:" + Digests.sha256Hex(key.getEncoded());
    }

    /** The PEM text of a public key. */
    public static String toPem(PublicKey key) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }

    private record Block(String type, byte[] der) {
    }

    private static Block read(Path file, String what) {
        byte[] raw;
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
                throw new AicrException(Files.exists(file) ? ErrorCode.INVALID_REQUEST : ErrorCode.NOT_FOUND,
                        what + " file " + (Files.exists(file) ? "is not a regular file: " : "not found: ") + file);
            }
            if (Files.size(file) > MAX_BYTES) {
                throw bad(file, "larger than " + (MAX_BYTES >> 10) + " KiB");
            }
            raw = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "cannot read " + what + " " + file + ": " + e.getMessage());
        }
        Matcher m = BLOCK.matcher(new String(raw, StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw bad(file, "no PEM block found");
        }
        try {
            return new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2)));
        } catch (IllegalArgumentException e) {
            throw bad(file, "PEM body is not valid base64");
        }
    }

    private static AicrException bad(Path file, String why) {
        return new AicrException(ErrorCode.INVALID_REQUEST, "invalid key " + file + ": " + why);
    }
}
