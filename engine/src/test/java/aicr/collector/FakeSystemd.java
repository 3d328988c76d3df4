package aicr.collector;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * systemd's private D-Bus socket, played by a test: EXTERNAL authentication, then each
 * {@code Properties.GetAll} on a unit path answered from a table (or with an error reply).
 */
final class FakeSystemd implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Map<String, Map<String, DbusWire.Variant>> units;
    private final Thread thread;
    volatile String authLine;

    FakeSystemd(Path socket, Map<String, Map<String, DbusWire.Variant>> units) throws IOException {
        this.units = units;
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(this::serve, "fake-systemd");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve() {
        try (SocketChannel ch = server.accept()) {
            authLine = line(ch);
            write(ch, "OK 0123456789abcdef0123456789abcdef\r\n".getBytes(StandardCharsets.US_ASCII));
            String begin = line(ch);
            if (!begin.equals("BEGIN")) {
                return;
            }
            while (true) {
                ByteBuffer head = ByteBuffer.allocate(16);
                if (!fill(ch, head)) {
                    return;
                }
                ByteBuffer all = ByteBuffer.allocate(DbusWire.totalLength(head.array()));
                all.put(head.array());
                fill(ch, all);
                DbusWire.Message call = DbusWire.decode(all.array());
                String path = String.valueOf(call.fields().get(DbusWire.FIELD_PATH));
                Map<Integer, Object> fields = new LinkedHashMap<>();
                fields.put(DbusWire.FIELD_REPLY_SERIAL, (long) call.serial());
                Map<String, DbusWire.Variant> props = units.get(path);
                if (props == null) {
                    fields.put(DbusWire.FIELD_ERROR_NAME, "org.freedesktop.DBus.Error.UnknownObject");
                    write(ch, DbusWire.encode(3, 100 + call.serial(), fields, "s", List.of("Unknown object '" + path + "'.")));
                } else {
                    write(ch, DbusWire.encode(2, 100 + call.serial(), fields, "a{sv}", List.of(props)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the collector closed the connection
        }
    }

    private static boolean fill(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String line(SocketChannel ch) throws IOException {
        StringBuilder sb = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            if (ch.read(one) < 0) {
                return sb.toString();
            }
            char c = (char) one.get(0);
            if (c == '\n') {
                return sb.toString().strip();
            }
            if (c != 0) {
                sb.append(c);
            }
        }
    }

    private static void write(SocketChannel ch, byte[] b) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
    }
}
