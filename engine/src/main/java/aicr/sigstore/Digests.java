package aicr.sigstore;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the only digest of the supply-chain formats, in the spellings they use: bare
 * lowercase hex (checksums, in-toto subjects), {@code sha256:<hex>} (OCI, evidence) and raw
 * bytes (inside Sigstore bundles).
 */
public final class Digests {
    private Digests() {
    }

    public static final String PREFIX = "sha256:";

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static byte[] sha256(byte[] content) {
        return sha256().digest(content);
    }

    public static String sha256Hex(byte[] content) {
        return hex(sha256(content));
    }

    /** The hex digest of a file's bytes as stored, read in a stream. */
    public static String fileSha256Hex(Path file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return hex(md.digest());
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** 32 bytes from 64 hex characters; INVALID_REQUEST naming {@code what} otherwise. */
    public static byte[] unhexSha256(String hex, String what) {
        if (hex == null || hex.length() != 64) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, what + " is not a sha256 hex digest: " + hex);
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, what + " is not a sha256 hex digest: " + hex);
        }
    }

    /** The RFC 4122 URL namespace. */
    public static final java.util.UUID URL_NAMESPACE = java.util.UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    /** A name-based (SHA-1, version 5) UUID, as Go's {@code uuid.NewSHA1}. */
    public static java.util.UUID uuid5(java.util.UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
        sha1.update(java.nio.ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] h = sha1.digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        h[6] = (byte) ((h[6] & 0x0f) | 0x50);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(h, 0, 16);
        return new java.util.UUID(b.getLong(), b.getLong());
    }

    /** True for {@code sha256:} followed by 64 lowercase hex characters. */
    public static boolean isPrefixedSha256(String s) {
        return s != null && s.length() == PREFIX.length() + 64 && s.startsWith(PREFIX)
                && s.substring(PREFIX.length()).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
