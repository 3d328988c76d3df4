package aicr.io;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compact binary form of node trees, used to ship the embedded catalog pre-parsed: reading
 * it is an order of magnitude cheaper at start-up than parsing the YAML again.
 */
public final class NodeCodec {
    private NodeCodec() {
    }

    private static final byte NULL = 0;
    private static final byte MAP = 1;
    private static final byte SEQ = 2;
    private static final byte SCALAR = 3;
    private static final Node.ScalarKind[] KINDS = Node.ScalarKind.values();

    public static void write(DataOutputStream out, Node n) throws IOException {
        if (n == null) {
            out.writeByte(NULL);
        } else if (n instanceof Node.MapNode m) {
            out.writeByte(MAP);
            out.writeInt(m.line());
            out.writeInt(m.entries().size());
            for (Map.Entry<String, Node> e : m.entries().entrySet()) {
                writeString(out, e.getKey());
                write(out, e.getValue());
            }
        } else if (n instanceof Node.SeqNode s) {
            out.writeByte(SEQ);
            out.writeInt(s.line());
            out.writeInt(s.items().size());
            for (Node item : s.items()) {
                write(out, item);
            }
        } else {
            Node.ScalarNode s = (Node.ScalarNode) n;
            out.writeByte(SCALAR);
            out.writeInt(s.line());
            out.writeByte(s.kind().ordinal());
            writeString(out, s.text());
        }
    }

    public static Node read(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case MAP: {
                int line = in.readInt();
                int size = in.readInt();
                Map<String, Node> m = new LinkedHashMap<>(size * 2);
                for (int i = 0; i < size; i++) {
                    String k = readString(in);
                    m.put(k, read(in));
                }
                return new Node.MapNode(Collections.unmodifiableMap(m), line);
            }
            case SEQ: {
                int line = in.readInt();
                int size = in.readInt();
                List<Node> items = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    items.add(read(in));
                }
                return new Node.SeqNode(Collections.unmodifiableList(items), line);
            }
            case SCALAR: {
                int line = in.readInt();
                Node.ScalarKind kind = KINDS[in.readByte()];
                return new Node.ScalarNode(readString(in), kind, line);
            }
            default:
                throw new IOException("corrupt node stream: tag " + tag);
        }
    }

    public static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    public static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    public static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    public static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }
}
