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

    /** True for {@code sha256:} followed by 64 lowercase hex characters. */
    public static boolean isPrefixedSha256(String s) {
        return s != null && s.length() == PREFIX.length() + 64 && s.startsWith(PREFIX)
                && s.substring(PREFIX.length()).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
