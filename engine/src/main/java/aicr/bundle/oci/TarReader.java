package aicr.bundle.oci;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a pulled tar+gzip layer into memory: regular files only (directories implied), paths
 * relative and inside the layer, bounded in total size and entry count. Links and devices are
 * refused, so a hostile artifact cannot point outside the bundle.
 */
final class TarReader {
    private TarReader() {
    }

    static final long MAX_TOTAL = 64L << 20;
    static final int MAX_ENTRIES = 10_000;

    /** Relative slash path to content. */
    static Map<String, byte[]> read(byte[] tgz) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        long total = 0;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
            String paxPath = null;
            for (int n = 0; ; n++) {
                byte[] h = in.readNBytes(512);
                if (h.length < 512 || isZero(h)) {
                    break;
                }
                if (n > MAX_ENTRIES) {
                    throw bad("too many entries");
                }
                long size = octal(h, 124, 12);
                char type = (char) h[156];
                if (size < 0 || total + size > MAX_TOTAL) {
                    throw bad("larger than " + (MAX_TOTAL >> 20) + " MiB");
                }
                byte[] body = in.readNBytes((int) size);
                in.readNBytes((int) ((512 - size % 512) % 512));
                if (type == 'x') {
                    paxPath = paxValue(body, "path");
                    continue;
                }
                String name = paxPath != null ? paxPath : name(h);
                paxPath = null;
                if (type == '5') {
                    continue;
                }
                if (type != '0' && type != '\0') {
                    throw bad("entry " + name + " is not a regular file");
                }
                String rel = safe(name);
                total += size;
                out.put(rel, body);
            }
        } catch (IOException e) {
            throw bad(e.getMessage());
        }
        return out;
    }

    private static String safe(String name) {
        String n = name.startsWith("./") ? name.substring(2) : name;
        Path p = Path.of(n).normalize();
        if (n.isEmpty() || p.isAbsolute() || p.startsWith("..") || n.startsWith("/")) {
            throw bad("entry " + name + " escapes the layer");
        }
        return p.toString().replace('\\', '/');
    }

    private static String name(byte[] h) {
        String name = cstring(h, 0, 100);
        String prefix = cstring(h, 345, 155);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cstring(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int off, int len) {
        String s = cstring(h, off, len).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw bad("bad size field");
        }
    }

    private static String paxValue(byte[] body, String key) {
        String s = new String(body, StandardCharsets.UTF_8);
        for (String line : s.split("\n")) {
            int sp = line.indexOf(' ');
            int eq = line.indexOf('=');
            if (sp > 0 && eq > sp && line.substring(sp + 1, eq).equals(key)) {
                return line.substring(eq + 1);
            }
        }
        return null;
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static AicrException bad(String why) {
        return new AicrException(ErrorCode.INVALID_REQUEST, "invalid artifact layer: " + why);
    }
}
