package aicr.server;

import aicr.recipe.RecipeStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** An {@link ApiServer} on a free loopback port, and a JDK HTTP client for it. */
final class TestServer implements AutoCloseable {
    static final String VERSION = "9.9.9-SNAPSHOT"; // a development build: bundles name their generator "dev", as the reference run did

    final ApiServer server;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    TestServer(ServerConfig config) {
        server = new ApiServer(config.withHost("127.0.0.1").withPort(0), RecipeStore.embedded(), VERSION).start();
    }

    TestServer() {
        this(ServerConfig.defaults());
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    HttpResponse<byte[]> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
    }

    HttpResponse<byte[]> post(String pathAndQuery, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    HttpResponse<byte[]> send(HttpRequest r) throws IOException, InterruptedException {
        return client.send(r, HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        server.stop();
    }
}
