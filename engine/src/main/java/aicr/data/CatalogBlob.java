package aicr.data;

import aicr.io.Node;
import aicr.io.NodeCodec;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded catalog as shipped in the jar: every file's path in walk order, with the
 * pre-parsed node tree of each YAML document the resolver reads and the raw bytes of the
 * files it only ever reads as text (health checks, manifests). Files with a tree are also
 * in the jar verbatim under {@code aicr/recipes/} for the rare raw read.
 */
final class CatalogBlob {
    static final String RESOURCE = "aicr/catalog.bin";
    static final String RAW_PREFIX = "aicr/recipes/";
    private static final int MAGIC = 0x41494331; // "AIC1"

    record Entry(String path, Node tree, byte[] raw) {
    }

    private CatalogBlob() {
    }

    static byte[] encode(List<Entry> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(entries.size());
            for (Entry e : entries) {
                NodeCodec.writeString(out, e.path());
                out.writeBoolean(e.tree() != null);
                if (e.tree() != null) {
                    NodeCodec.write(out, e.tree());
                }
                out.writeBoolean(e.raw() != null);
                if (e.raw() != null) {
                    NodeCodec.writeBytes(out, e.raw());
                }
            }
        }
        return bytes.toByteArray();
    }

    static List<Entry> decode(InputStream stream) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("embedded catalog has an unknown format");
            }
            int n = in.readInt();
            List<Entry> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String path = NodeCodec.readString(in);
                Node tree = in.readBoolean() ? NodeCodec.read(in) : null;
                byte[] raw = in.readBoolean() ? NodeCodec.readBytes(in) : null;
                out.add(new Entry(path, tree, raw));
            }
            return out;
        }
    }
}
