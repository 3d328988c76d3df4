package aicr.io;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads an input document (recipe, snapshot, config) named by a local path or an http(s)
 * URL, with the reference's limits (1 MiB) and format detection by suffix: {@code .json} is
 * JSON, {@code .yaml}/{@code .yml} YAML, anything else JSON with a warning.
 */
public final class InputSource {
    private InputSource() {
    }

    public static final int MAX_BYTES = 1024 * 1024;

    /** The raw bytes of {@code uri}. */
    public static byte[] read(String uri) {
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            return fetch(uri);
        }
        if (uri.startsWith("cm://")) {
            return ConfigMapStore.get().read(uri, null).text().getBytes(StandardCharsets.UTF_8);
        }
        Path p = Path.of(uri).normalize();
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(MAX_BYTES + 1);
            if (b.length > MAX_BYTES) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "file exceeds maximum allowed size of " + MAX_BYTES + " bytes");
            }
            return b;
        } catch (NoSuchFileException e) {
            throw new AicrException(ErrorCode.NOT_FOUND, "file not found: open " + uri + ": no such file or directory");
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to read " + uri + ": " + e.getMessage());
        }
    }

    private static byte[] fetch(String uri) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpRequest req = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                    .header("User-Agent", "AICR-Serializer/1.0").GET().build();
            HttpResponse<InputStream> resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = resp.body()) {
                if (resp.statusCode() != 200) {
                    throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "failed to fetch data: status " + resp.statusCode());
                }
                byte[] b = in.readNBytes(MAX_BYTES + 1);
                if (b.length > MAX_BYTES) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "response body exceeds limit of " + MAX_BYTES + " bytes");
                }
                return b;
            }
        } catch (IOException e) {
            throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "failed to fetch data from " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AicrException(ErrorCode.TIMEOUT, "interrupted while fetching " + uri);
        } catch (IllegalArgumentException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid URL " + uri);
        }
    }

    /** True when the suffix of the whole string selects YAML. */
    public static boolean isYaml(String uri) {
        String u = uri.toLowerCase(Locale.ROOT);
        return u.endsWith(".yaml") || u.endsWith(".yml");
    }

    /**
     * Reads and parses {@code uri}. Decode failures are INTERNAL "failed to deserialize object
     * from ..." wrapping INVALID_REQUEST "failed to decode JSON|YAML", as the reference reports them.
     */
    public static Node readDocument(String uri) {
        return parse(uri, null).root();
    }

    /** A parsed input and whether it was JSON (decoders treat JSON and YAML scalars differently). */
    public record Parsed(Node root, boolean json) {
    }

    /**
     * Reads and parses {@code uri}; a {@code cm://} URI is read from the cluster through
     * {@code kubeconfig} (or the default chain) and parsed in the format its data key names.
     */
    public static Parsed parse(String uri, String kubeconfig) {
        if (uri.startsWith("cm://")) {
            return parseConfigMap(uri, kubeconfig);
        }
        return new Parsed(readDocumentText(uri), !isYaml(uri));
    }

    private static Parsed parseConfigMap(String uri, String kubeconfig) {
        // the Kubernetes client is loaded only here, when an input really lives in a cluster
        ConfigMapStore.Stored s = ConfigMapStore.get().read(uri, kubeconfig);
        boolean json = s.format().equals("json");
        if (!json && !s.format().equals("yaml")) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to create reader for ConfigMap data",
                    new AicrException(ErrorCode.INVALID_REQUEST, s.format().equals("table")
                            ? "table format does not support deserialization" : "unknown format: " + s.format()));
        }
        try {
            return new Parsed(json ? JsonReader.parse(s.text()) : YamlReader.parse(s.text()), json);
        } catch (YamlSyntaxException e) {
            throw AicrException.wrap(ErrorCode.INTERNAL, "failed to deserialize ConfigMap data",
                    new AicrException(ErrorCode.INVALID_REQUEST, "failed to decode " + (json ? "JSON" : "YAML"), e));
        }
    }

    private static Node readDocumentText(String uri) {
        String u = uri.toLowerCase(Locale.ROOT);
        byte[] bytes;
        try {
            bytes = read(uri);
        } catch (AicrException e) {
            // the reference logs the reader failure before the command's own error line
            Log.error("failed to create file reader", "error", e.render(), "path", uri, "format",
                    isYaml(uri) ? "yaml" : u.endsWith(".table") || u.endsWith(".txt") ? "table" : "json");
            throw e;
        }
        boolean yaml = isYaml(uri);
        if (u.endsWith(".table") || u.endsWith(".txt")) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "table format is not readable: " + uri);
        }
        if (!yaml && !u.endsWith(".json")) {
            Log.warn("unknown file extension, defaulting to JSON", "path", uri);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            return yaml ? YamlReader.parse(text) : JsonReader.parse(text);
        } catch (YamlSyntaxException e) {
            throw AicrException.wrap(ErrorCode.INTERNAL, "failed to deserialize object from \"" + uri + "\"",
                    new AicrException(ErrorCode.INVALID_REQUEST, "failed to decode " + (yaml ? "YAML" : "JSON"), e));
        }
    }
}
