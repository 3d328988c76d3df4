package aicr.bundle.oci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * A reproducible gzip-compressed tar (ustar, with PAX records for long names): entries in the
 * order given, owner 0:0, modification time 0, so equal trees give equal bytes and digests.
 */
final class TarGz {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final GZIPOutputStream gzip;
    /** Digest of the uncompressed tar (ORAS records it as the layer's content digest). */
    private final java.security.MessageDigest raw = aicr.sigstore.Digests.sha256();

    TarGz() {
        try {
            gzip = new GZIPOutputStream(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream", e);
        }
    }

    void directory(String name, int mode) {
        entry(name.endsWith("/") ? name : name + "/", new byte[0], mode, '5');
    }

    void file(String name, byte[] content, int mode) {
        entry(name, content, mode, '0');
    }

    byte[] finish() {
        try {
            write(new byte[1024]);
            gzip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream", e);
        }
    }

    private void entry(String name, byte[] content, int mode, char type) {
        String[] split = ustarSplit(name);
        if (split == null) {
            byte[] record = pax("path", name);
            write(header("", "././@PaxHeader", record.length, 0644, 'x'));
            write(pad(record));
            split = new String[]{"", name.substring(name.length() - 99)};
        }
        write(header(split[0], split[1], content.length, mode, type));
        write(pad(content));
    }

    /** {prefix, name} fitting ustar's 155 + 100 bytes, or null when the path needs a PAX record. */
    static String[] ustarSplit(String path) {
        if (path.getBytes(StandardCharsets.UTF_8).length <= 100) {
            return new String[]{"", path};
        }
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            String prefix = path.substring(0, i);
            String rest = path.substring(i + 1);
            if (prefix.getBytes(StandardCharsets.UTF_8).length <= 155 && rest.getBytes(StandardCharsets.UTF_8).length <= 100
                    && !rest.isEmpty()) {
                return new String[]{prefix, rest};
            }
        }
        return null;
    }

    private static byte[] pax(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int len = body.getBytes(StandardCharsets.UTF_8).length;
        int total = len + String.valueOf(len).length();
        if (String.valueOf(total).length() != String.valueOf(len).length()) {
            total++;
        }
        return (total + body).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] header(String prefix, String name, long size, int mode, char type) {
        byte[] h = new byte[512];
        put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
        put(h, 345, 155, prefix.getBytes(StandardCharsets.UTF_8));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 0);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        h[156] = (byte) type;
        put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        return h;
    }

    private static void put(byte[] h, int off, int len, byte[] v) {
        System.arraycopy(v, 0, h, off, Math.min(len, v.length));
    }

    private static void octal(byte[] h, int off, int len, long v) {
        String s = String.format("%0" + (len - 1) + "o", v);
        put(h, off, len - 1, s.getBytes(StandardCharsets.US_ASCII));
        h[off + len - 1] = 0;
    }

    private static byte[] pad(byte[] content) {
        int rem = content.length % 512;
        if (rem == 0) {
            return content;
        }
        byte[] out = new byte[content.length + 512 - rem];
        System.arraycopy(content, 0, out, 0, content.length);
        return out;
    }

    /** sha256 of the tar bytes before compression; valid after {@link #finish()}. */
    String rawDigest() {
        return "sha256:" + aicr.sigstore.Digests.hex(raw.digest());
    }

    private void write(byte[] b) {
        raw.update(b);
        try {
            ((OutputStream) gzip).write(b);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory stream", e);
        }
    }
}
