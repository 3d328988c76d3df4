package aicr.collector;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A direct, private D-Bus connection to systemd ({@code /run/systemd/private}, no bus daemon,
 * as the reference's go-systemd connection): SASL EXTERNAL authentication, then method calls
 * answered one at a time. Reads are bounded by {@link DbusWire#MAX_MESSAGE}; a blocked read
 * ends when the collector's thread is interrupted (the channel is interruptible).
 */
final class SystemdBus implements AutoCloseable {
    private final SocketChannel ch;
    private int serial;

    private SystemdBus(SocketChannel ch) {
        this.ch = ch;
    }

    /** Connects and authenticates as the current uid; the IOException says why not (no socket, refused). */
    static SystemdBus connect(Path socket) throws IOException {
        if (!Files.exists(socket)) {
            // checked first: opening a Unix socket channel initialises SecureRandom (~100 ms)
            throw new java.nio.file.NoSuchFileException(socket.toString());
        }
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            SystemdBus bus = new SystemdBus(ch);
            bus.authenticate();
            return bus;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private void authenticate() throws IOException {
        String uid = String.valueOf(uid());
        write(("\0AUTH EXTERNAL " + HexFormat.of().formatHex(uid.getBytes(StandardCharsets.US_ASCII)) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        String reply = readLine();
        if (!reply.startsWith("OK ")) {
            throw new IOException("D-Bus authentication rejected: " + reply);
        }
        write("BEGIN\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }

    /**
     * {@code org.freedesktop.DBus.Properties.GetAll(iface)} on a systemd object: property name to
     * decoded value ({@link DbusWire.Variant} unwrapped). An error reply becomes an IOException.
     */
    Map<String, DbusWire.Variant> getAll(String path, String iface) throws IOException {
        int id = ++serial;
        Map<Integer, Object> fields = new LinkedHashMap<>();
        fields.put(DbusWire.FIELD_PATH, path);
        fields.put(DbusWire.FIELD_INTERFACE, "org.freedesktop.DBus.Properties");
        fields.put(DbusWire.FIELD_MEMBER, "GetAll");
        fields.put(DbusWire.FIELD_DESTINATION, "org.freedesktop.systemd1");
        write(DbusWire.encode(1, id, fields, "s", List.of(iface)));
        while (true) {
            DbusWire.Message m = readMessage();
            Object replyTo = m.fields().get(DbusWire.FIELD_REPLY_SERIAL);
            if (replyTo == null || ((Number) replyTo).intValue() != id) {
                continue; // a signal or a stray reply
            }
            if (m.type() == 3) {
                String detail = m.body().isEmpty() ? "" : m.body().get(0).toString();
                throw new IOException(detail.isEmpty() ? String.valueOf(m.fields().get(DbusWire.FIELD_ERROR_NAME)) : detail);
            }
            if (!m.signature().equals("a{sv}")) {
                throw new IOException("unexpected GetAll reply signature \"" + m.signature() + "\"");
            }
            Map<String, DbusWire.Variant> out = new LinkedHashMap<>();
            ((Map<?, ?>) m.body().get(0)).forEach((k, v) -> out.put(k.toString(), (DbusWire.Variant) v));
            return out;
        }
    }

    /** The object path of a unit: every byte outside [A-Za-z0-9] (and a leading digit) as {@code _xx}. */
    static String unitPath(String unit) {
        StringBuilder sb = new StringBuilder("/org/freedesktop/systemd1/unit/");
        if (unit.isEmpty()) {
            return sb.append('_').toString();
        }
        byte[] b = unit.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (alnum && !(i == 0 && c >= '0' && c <= '9')) {
                sb.append((char) c);
            } else {
                sb.append('_').append(String.format("%02x", c));
            }
        }
        return sb.toString();
    }

    private void write(byte[] b) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private void readFully(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new IOException("D-Bus connection closed");
            }
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (sb.length() < 512) {
            one.clear();
            readFully(one);
            char c = (char) (one.get(0) & 0xff);
            if (c == '\n') {
                return sb.toString().strip();
            }
            sb.append(c);
        }
        throw new IOException("D-Bus authentication line too long");
    }

    private DbusWire.Message readMessage() throws IOException {
        ByteBuffer head = ByteBuffer.allocate(16);
        readFully(head);
        int total;
        try {
            total = DbusWire.totalLength(head.array());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
        ByteBuffer all = ByteBuffer.allocate(total);
        all.put(head.array());
        readFully(all);
        try {
            return DbusWire.decode(all.array());
        } catch (IllegalArgumentException | ClassCastException | IndexOutOfBoundsException e) {
            throw new IOException("malformed D-Bus message: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to do: the connection was used read-only
        }
    }
}
