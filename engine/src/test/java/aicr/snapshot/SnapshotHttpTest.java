package aicr.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import aicr.errors.AicrException;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Snapshots from http(s): format by suffix, the reference's exit codes for failures (loopback server). */
class SnapshotHttpTest {
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/snap.yaml", ex -> reply(ex, 200, """
                kind: Snapshot
                measurements: [{type: K8s, subtypes: [{subtype: server, data: {version: v1.33.5}}]}]
                """.getBytes(StandardCharsets.UTF_8)));
        server.createContext("/big.yaml", ex -> reply(ex, 200, new byte[(1 << 20) + 10]));
        server.createContext("/gone.yaml", ex -> reply(ex, 404, new byte[0]));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void readsAndFails() {
        assertEquals("v1.33.5", SnapshotReader.read(base + "/snap.yaml").measurement("K8s").subtype("server")
                .data().get("version").text());
        assertEquals(6, assertThrows(AicrException.class, () -> SnapshotReader.read(base + "/gone.yaml")).exitCode());
        assertEquals(2, assertThrows(AicrException.class, () -> SnapshotReader.read(base + "/big.yaml")).exitCode());
        assertEquals(8, assertThrows(AicrException.class, () -> SnapshotReader.read(base + "/snap.yaml?x=1")).exitCode(),
                "format comes from the suffix of the whole string: this is parsed as JSON");
    }
}
