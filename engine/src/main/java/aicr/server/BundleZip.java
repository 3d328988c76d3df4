package aicr.server;

import aicr.bundle.tree.BundleTree;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A bundle tree as a zip archive, built in memory. Entries come in the order Go's
 * {@code filepath.Walk} visits the reference's temporary directory (each directory before its
 * children, names sorted per directory), directories included, with their Unix permissions.
 * Every entry carries the same fixed time (1980-01-01), so the same bundle always gives the
 * same bytes. {@code java.util.zip} cannot record Unix modes, hence this small writer of the
 * format (PKWARE APPNOTE 4.3: local headers, central directory, end record; no Zip64 — a
 * bundle is far below 4 GiB, and larger trees are refused).
 */
final class BundleZip {
    private static final int DOS_DATE_1980_01_01 = (1 << 5) | 1;
    private static final int DOS_TIME_MIDNIGHT = 0;
    private static final int VERSION = 20;
    private static final int MADE_BY_UNIX = (3 << 8) | VERSION;
    private static final int FLAG_UTF8 = 0x0800;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final long MAX = 0xFFFFFFFFL;

    private BundleZip() {
    }

    static byte[] zip(BundleTree tree) {
        List<String> paths = new ArrayList<>(tree.dirs().keySet());
        paths.addAll(tree.files().keySet());
        paths.sort(aicr.data.WalkOrder.COMPARATOR);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(64L * 1024 * 1024, tree.totalSize() / 3 + 4096));
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        int count = 0;
        for (String p : paths) {
            BundleTree.TreeFile f = tree.files().get(p);
            boolean dir = f == null;
            String name = dir ? p + "/" : p;
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            byte[] data = dir ? new byte[0] : f.bytes();
            int method = dir ? 0 : 8;
            byte[] stored = dir ? data : deflate(data);
            CRC32 crc = new CRC32();
            crc.update(data);
            long offset = out.size();
            if (offset > MAX || stored.length > MAX || data.length > MAX) {
                throw new IllegalStateException("bundle too large for a zip archive without Zip64");
            }
            int mode = dir ? S_IFDIR | tree.dirs().get(p) : S_IFREG | f.mode();
            // local file header
            int32(out, 0x04034b50);
            entryFields(out, method, crc.getValue(), stored.length, data.length, nameBytes.length);
            out.writeBytes(nameBytes);
            out.writeBytes(stored);
            // central directory header
            int32(central, 0x02014b50);
            int16(central, MADE_BY_UNIX);
            entryFields(central, method, crc.getValue(), stored.length, data.length, nameBytes.length);
            int16(central, 0);
            int16(central, 0);
            int16(central, 0);
            int32(central, ((long) mode << 16) | (dir ? 0x10 : 0));
            int32(central, offset);
            central.writeBytes(nameBytes);
            count++;
        }
        if (count > 0xFFFF) {
            throw new IllegalStateException("bundle has too many entries for a zip archive without Zip64");
        }
        long cdOffset = out.size();
        out.writeBytes(central.toByteArray());
        int32(out, 0x06054b50);
        int16(out, 0);
        int16(out, 0);
        int16(out, count);
        int16(out, count);
        int32(out, central.size());
        int32(out, cdOffset);
        int16(out, 0);
        return out.toByteArray();
    }

    /** The fields local and central headers share: version needed through extra-field length (none). */
    private static void entryFields(ByteArrayOutputStream o, int method, long crc, int stored, int size, int nameLength) {
        int16(o, VERSION);
        int16(o, FLAG_UTF8);
        int16(o, method);
        int16(o, DOS_TIME_MIDNIGHT);
        int16(o, DOS_DATE_1980_01_01);
        int32(o, crc);
        int32(o, stored);
        int32(o, size);
        int16(o, nameLength);
        int16(o, 0);
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buf = new byte[16 * 1024];
            while (!d.finished()) {
                int n = d.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static void int16(ByteArrayOutputStream o, int v) {
        o.write(v & 0xFF);
        o.write((v >>> 8) & 0xFF);
    }

    private static void int32(ByteArrayOutputStream o, long v) {
        o.write((int) (v & 0xFF));
        o.write((int) ((v >>> 8) & 0xFF));
        o.write((int) ((v >>> 16) & 0xFF));
        o.write((int) ((v >>> 24) & 0xFF));
    }
}
