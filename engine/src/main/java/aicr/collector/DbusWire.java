package aicr.collector;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The D-Bus wire format, just enough for the SystemD collector: marshalling a message of any
 * signature and unmarshalling one, with the specification's alignment rules and bounds
 * (nesting depth, array and message sizes). Values: {@code s o g} String, {@code b} Boolean,
 * {@code y n q i u h} Integer/Long, {@code x t} Long (t above 2^63 as BigInteger), {@code d}
 * Double, arrays List (dict arrays Map, insertion ordered), structs List, variants
 * {@link Variant}.
 */
final class DbusWire {
    private DbusWire() {
    }

    static final int MAX_MESSAGE = 8 * 1024 * 1024;
    private static final int MAX_DEPTH = 32;

    /** A variant value with its signature. */
    record Variant(String signature, Object value) {
    }

    /** A parsed message: its type (1 call, 2 return, 3 error, 4 signal), header fields and body values. */
    record Message(int type, int serial, Map<Integer, Object> fields, List<Object> body) {
        String signature() {
            Object s = fields.get(FIELD_SIGNATURE);
            return s == null ? "" : s.toString();
        }
    }

    static final int FIELD_PATH = 1;
    static final int FIELD_INTERFACE = 2;
    static final int FIELD_MEMBER = 3;
    static final int FIELD_ERROR_NAME = 4;
    static final int FIELD_REPLY_SERIAL = 5;
    static final int FIELD_DESTINATION = 6;
    static final int FIELD_SIGNATURE = 8;

    /** The signature letters of the header fields this code writes. */
    private static final Map<Integer, String> FIELD_TYPES = Map.of(FIELD_PATH, "o", FIELD_INTERFACE, "s",
            FIELD_MEMBER, "s", FIELD_ERROR_NAME, "s", FIELD_REPLY_SERIAL, "u", FIELD_DESTINATION, "s", FIELD_SIGNATURE, "g");

    /** A little-endian message of {@code type} with the given header fields and body. */
    static byte[] encode(int type, int serial, Map<Integer, Object> fields, String signature, List<Object> body) {
        Writer bodyW = new Writer();
        List<String> types = split(signature);
        for (int i = 0; i < types.size(); i++) {
            bodyW.value(types.get(i), body.get(i), 0);
        }
        byte[] b = bodyW.bytes();
        Writer w = new Writer();
        w.raw((byte) 'l');
        w.raw((byte) type);
        w.raw((byte) 0);
        w.raw((byte) 1);
        w.u32(b.length);
        w.u32(serial);
        List<Object> fieldList = new ArrayList<>();
        Map<Integer, Object> all = new LinkedHashMap<>(fields);
        if (!signature.isEmpty()) {
            all.put(FIELD_SIGNATURE, signature);
        }
        all.forEach((code, v) -> fieldList.add(List.of(code, new Variant(FIELD_TYPES.get(code), v))));
        w.value("a(yv)", fieldList, 0);
        w.pad(8);
        w.out.writeBytes(b);
        return w.bytes();
    }

    /** The total length of the message whose first 16 bytes are given (header + padding + body). */
    static int totalLength(byte[] first16) {
        ByteBuffer bb = ByteBuffer.wrap(first16).order(first16[0] == 'B' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long body = Integer.toUnsignedLong(bb.getInt(4));
        long fields = Integer.toUnsignedLong(bb.getInt(12));
        long header = 16 + fields;
        header = (header + 7) & ~7L;
        long total = header + body;
        if (first16[0] != 'l' && first16[0] != 'B' || total > MAX_MESSAGE) {
            throw new IllegalArgumentException("malformed or oversized D-Bus message (" + total + " bytes)");
        }
        return (int) total;
    }

    /** Parses one complete message. */
    static Message decode(byte[] msg) {
        Reader r = new Reader(msg);
        r.pos = 1;
        int type = r.bytes[1] & 0xff;
        r.pos = 4;
        long bodyLen = r.u32();
        int serial = (int) r.u32();
        @SuppressWarnings("unchecked")
        List<Object> fieldList = (List<Object>) r.value("a(yv)", 0);
        Map<Integer, Object> fields = new LinkedHashMap<>();
        for (Object f : fieldList) {
            List<?> pair = (List<?>) f;
            fields.put(((Number) pair.get(0)).intValue(), ((Variant) pair.get(1)).value());
        }
        r.align(8);
        if (r.pos + bodyLen != msg.length) {
            throw new IllegalArgumentException("D-Bus message length mismatch");
        }
        Object sig = fields.get(FIELD_SIGNATURE);
        List<Object> body = new ArrayList<>();
        for (String t : split(sig == null ? "" : sig.toString())) {
            body.add(r.value(t, 0));
        }
        return new Message(type, serial, fields, body);
    }

    /** Splits a signature into its complete types. */
    static List<String> split(String sig) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < sig.length()) {
            int end = end(sig, i, 0);
            out.add(sig.substring(i, end));
            i = end;
        }
        return out;
    }

    /** The index just past the complete type starting at {@code i}. */
    private static int end(String sig, int i, int depth) {
        if (depth > MAX_DEPTH || i >= sig.length()) {
            throw new IllegalArgumentException("invalid D-Bus signature \"" + sig + "\"");
        }
        char c = sig.charAt(i);
        if (c == 'a') {
            return end(sig, i + 1, depth + 1);
        }
        if (c == '(' || c == '{') {
            char close = c == '(' ? ')' : '}';
            int j = i + 1;
            while (j < sig.length() && sig.charAt(j) != close) {
                j = end(sig, j, depth + 1);
            }
            if (j >= sig.length()) {
                throw new IllegalArgumentException("invalid D-Bus signature \"" + sig + "\"");
            }
            return j + 1;
        }
        if ("ybnqiuxtdhsogv".indexOf(c) < 0) {
            throw new IllegalArgumentException("invalid D-Bus signature \"" + sig + "\"");
        }
        return i + 1;
    }

    private static int alignment(char c) {
        return switch (c) {
            case 'y', 'g', 'v' -> 1;
            case 'n', 'q' -> 2;
            case 'x', 't', 'd', '(', '{' -> 8;
            default -> 4;
        };
    }

    private static final class Writer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        byte[] bytes() {
            return out.toByteArray();
        }

        void raw(byte b) {
            out.write(b);
        }

        void pad(int n) {
            while (out.size() % n != 0) {
                out.write(0);
            }
        }

        void u32(long v) {
            pad(4);
            for (int i = 0; i < 4; i++) {
                out.write((int) (v >>> (8 * i)) & 0xff);
            }
        }

        void u64(long v) {
            pad(8);
            for (int i = 0; i < 8; i++) {
                out.write((int) (v >>> (8 * i)) & 0xff);
            }
        }

        void value(String t, Object v, int depth) {
            char c = t.charAt(0);
            switch (c) {
                case 'y' -> raw((byte) ((Number) v).intValue());
                case 'b' -> u32(Boolean.TRUE.equals(v) ? 1 : 0);
                case 'n', 'q' -> {
                    pad(2);
                    int x = ((Number) v).intValue();
                    out.write(x & 0xff);
                    out.write((x >>> 8) & 0xff);
                }
                case 'i', 'u', 'h' -> u32(((Number) v).longValue());
                case 'x', 't' -> u64(v instanceof BigInteger b ? b.longValue() : ((Number) v).longValue());
                case 'd' -> u64(Double.doubleToRawLongBits(((Number) v).doubleValue()));
                case 's', 'o' -> {
                    byte[] b = v.toString().getBytes(StandardCharsets.UTF_8);
                    u32(b.length);
                    out.writeBytes(b);
                    out.write(0);
                }
                case 'g' -> {
                    byte[] b = v.toString().getBytes(StandardCharsets.UTF_8);
                    raw((byte) b.length);
                    out.writeBytes(b);
                    out.write(0);
                }
                case 'v' -> {
                    Variant var = (Variant) v;
                    value("g", var.signature(), depth);
                    value(var.signature(), var.value(), depth + 1);
                }
                case '(' -> {
                    pad(8);
                    List<String> members = split(t.substring(1, t.length() - 1));
                    List<?> l = (List<?>) v;
                    for (int i = 0; i < members.size(); i++) {
                        value(members.get(i), l.get(i), depth + 1);
                    }
                }
                case 'a' -> array(t.substring(1), v, depth);
                default -> throw new IllegalArgumentException("cannot marshal D-Bus type " + t);
            }
        }

        private void array(String elem, Object v, int depth) {
            // the length is patched in once the elements are written
            pad(4);
            int lenAt = out.size();
            u32(0);
            pad(alignment(elem.charAt(0)));
            int start = out.size();
            if (elem.charAt(0) == '{') {
                List<String> kv = split(elem.substring(1, elem.length() - 1));
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    pad(8);
                    value(kv.get(0), e.getKey(), depth + 1);
                    value(kv.get(1), e.getValue(), depth + 1);
                }
            } else {
                for (Object item : (List<?>) v) {
                    value(elem, item, depth + 1);
                }
            }
            byte[] all = out.toByteArray();
            int len = all.length - start;
            for (int i = 0; i < 4; i++) {
                all[lenAt + i] = (byte) ((len >>> (8 * i)) & 0xff);
            }
            out.reset();
            out.writeBytes(all);
        }
    }

    private static final class Reader {
        final byte[] bytes;
        final ByteBuffer bb;
        int pos;

        Reader(byte[] bytes) {
            this.bytes = bytes;
            this.bb = ByteBuffer.wrap(bytes).order(bytes[0] == 'B' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        }

        void align(int n) {
            pos = (pos + n - 1) / n * n;
            need(0);
        }

        void need(int n) {
            if (pos + n > bytes.length) {
                throw new IllegalArgumentException("truncated D-Bus message");
            }
        }

        long u32() {
            align(4);
            need(4);
            long v = Integer.toUnsignedLong(bb.getInt(pos));
            pos += 4;
            return v;
        }

        String string(int len) {
            need(len + 1);
            String s = new String(bytes, pos, len, StandardCharsets.UTF_8);
            pos += len + 1;
            return s;
        }

        Object value(String t, int depth) {
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("D-Bus value nested too deeply");
            }
            char c = t.charAt(0);
            switch (c) {
                case 'y': {
                    need(1);
                    return bytes[pos++] & 0xff;
                }
                case 'b':
                    return u32() != 0;
                case 'n': {
                    align(2);
                    need(2);
                    short s = bb.getShort(pos);
                    pos += 2;
                    return (int) s;
                }
                case 'q': {
                    align(2);
                    need(2);
                    int s = bb.getShort(pos) & 0xffff;
                    pos += 2;
                    return s;
                }
                case 'i': {
                    long v = u32();
                    return (int) v;
                }
                case 'u':
                case 'h':
                    return u32();
                case 'x':
                case 't':
                case 'd': {
                    align(8);
                    need(8);
                    long v = bb.getLong(pos);
                    pos += 8;
                    if (c == 'd') {
                        return Double.longBitsToDouble(v);
                    }
                    if (c == 't' && v < 0) {
                        return new BigInteger(Long.toUnsignedString(v));
                    }
                    return v;
                }
                case 's':
                case 'o':
                    return string((int) Math.min(u32(), Integer.MAX_VALUE - 1));
                case 'g': {
                    need(1);
                    int len = bytes[pos++] & 0xff;
                    return string(len);
                }
                case 'v': {
                    String sig = (String) value("g", depth);
                    if (split(sig).size() != 1) {
                        throw new IllegalArgumentException("invalid D-Bus variant signature \"" + sig + "\"");
                    }
                    return new Variant(sig, value(sig, depth + 1));
                }
                case '(': {
                    align(8);
                    List<Object> members = new ArrayList<>();
                    for (String m : split(t.substring(1, t.length() - 1))) {
                        members.add(value(m, depth + 1));
                    }
                    return members;
                }
                case 'a': {
                    long len = u32();
                    String elem = t.substring(1);
                    align(alignment(elem.charAt(0)));
                    if (len > bytes.length - pos || len > 64 * 1024 * 1024) {
                        throw new IllegalArgumentException("D-Bus array exceeds the message");
                    }
                    int end = pos + (int) len;
                    if (elem.charAt(0) == '{') {
                        List<String> kv = split(elem.substring(1, elem.length() - 1));
                        Map<Object, Object> m = new LinkedHashMap<>();
                        while (pos < end) {
                            align(8);
                            Object k = value(kv.get(0), depth + 1);
                            m.put(k, value(kv.get(1), depth + 1));
                        }
                        return m;
                    }
                    List<Object> items = new ArrayList<>();
                    while (pos < end) {
                        items.add(value(elem, depth + 1));
                    }
                    return items;
                }
                default:
                    throw new IllegalArgumentException("cannot unmarshal D-Bus type " + t);
            }
        }
    }
}
