package aicr.snapshot;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.JsonReader;
import aicr.io.Node;
import aicr.io.YamlReader;
import aicr.io.YamlSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads an input document (snapshot, recipe, config) from a path or an http(s) URL the way
 * the reference's serializer does (spec §0.5): format from the suffix of the whole string,
 * a 1 MiB cap, and its error codes. Unlike the reference, a downloaded body is kept in
 * memory instead of a temp file that is never deleted.
 */
public final class Documents {
    private Documents() {
    }

    public static final int MAX_BYTES = 1 << 20;
    private static final String USER_AGENT = "AICR-Serializer/1.0";

    /** Input formats by suffix; TABLE exists only to be refused. */
    public enum Format { JSON, YAML, TABLE }

    /** A parsed document and the format it was read as. */
    public record Parsed(Node root, Format format) {
    }

    /** The format the reference picks for {@code uri}, warning (via {@code warn}) when it guesses. */
    public static Format formatOf(String uri, Consumer<String> warn) {
        String lower = uri.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return Format.JSON;
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return Format.YAML;
        }
        if (lower.endsWith(".table") || lower.endsWith(".txt")) {
            return Format.TABLE;
        }
        warn.accept("unknown file extension, defaulting to JSON: filePath=" + uri);
        return Format.JSON;
    }

    /**
     * Reads and parses {@code uri}. Errors: missing file NOT_FOUND, oversized INVALID_REQUEST,
     * HTTP failures SERVICE_UNAVAILABLE, unparsable INTERNAL wrapping INVALID_REQUEST.
     */
    public static Parsed read(String uri, Consumer<String> warn) {
        Format format = formatOf(uri, warn);
        if (format == Format.TABLE) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "table format does not support deserialization");
        }
        byte[] bytes = bytes(uri);
        String text = new String(bytes, StandardCharsets.UTF_8);
        return new Parsed(parse(uri, text, format), format);
    }

    /** Parses text already read; a syntax error becomes the reference's decode error chain. */
    public static Node parse(String uri, String text, Format format) {
        String what = format == Format.JSON ? "failed to decode JSON" : "failed to decode YAML";
        try {
            Node root = format == Format.JSON ? parseJson(text) : YamlReader.parse(text);
            if (root == null) {
                throw new YamlSyntaxException("EOF");
            }
            return root;
        } catch (YamlSyntaxException e) {
            throw decodeFailure(uri, what, e.getMessage());
        }
    }

    private static Node parseJson(String text) {
        if (text.isBlank()) {
            throw new YamlSyntaxException("EOF");
        }
        return JsonReader.parse(text);
    }

    /** {@code [INTERNAL] failed to deserialize object from "<uri>": [INVALID_REQUEST] <what>: <detail>}. */
    static AicrException decodeFailure(String uri, String what, String detail) {
        return new AicrException(ErrorCode.INTERNAL, "failed to deserialize object from " + quote(uri),
                new AicrException(ErrorCode.INVALID_REQUEST, what, new Plain(detail)));
    }

    static byte[] bytes(String uri) {
        if (uri.isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "failed to open file: path is empty");
        }
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            return download(uri);
        }
        Path p = Path.of(uri).normalize();
        if (Files.isDirectory(p)) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to read file",
                    new Plain("read " + uri + ": is a directory"));
        }
        try (InputStream in = Files.newInputStream(p)) {
            return bounded(in.readNBytes(MAX_BYTES + 1), "file exceeds maximum allowed size of " + MAX_BYTES + " bytes");
        } catch (NoSuchFileException e) {
            throw new AicrException(ErrorCode.NOT_FOUND, "file not found",
                    new Plain("open " + uri + ": no such file or directory"));
        } catch (AccessDeniedException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to open file",
                    new Plain("open " + uri + ": permission denied"));
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to read file", new Plain(String.valueOf(e.getMessage())));
        }
    }

    private static byte[] bounded(byte[] b, String message) {
        if (b.length > MAX_BYTES) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, message);
        }
        return b;
    }

    private static byte[] download(String url) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest req;
        try {
            req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("User-Agent", USER_AGENT).GET().build();
        } catch (IllegalArgumentException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to create request for url " + url, e);
        }
        try {
            HttpResponse<InputStream> resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = resp.body()) {
                if (resp.statusCode() != 200) {
                    throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE,
                            "failed to fetch data: status " + status(resp.statusCode()));
                }
                return bounded(in.readNBytes(MAX_BYTES + 1), "response body exceeds limit of " + MAX_BYTES + " bytes");
            }
        } catch (IOException e) {
            throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "http request failed for url " + url,
                    new Plain(String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AicrException(ErrorCode.TIMEOUT, "http request interrupted for url " + url);
        }
    }

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(201, "Created"), Map.entry(204, "No Content"), Map.entry(301, "Moved Permanently"),
            Map.entry(302, "Found"), Map.entry(304, "Not Modified"), Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"), Map.entry(410, "Gone"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    /** Go's resp.Status: code and reason phrase (HttpClient does not expose the server's phrase). */
    private static String status(int code) {
        String reason = REASONS.get(code);
        return reason == null ? Integer.toString(code) : code + " " + reason;
    }

    /** Go's %q for the path in messages (paths rarely need escaping). */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** An unstructured cause: renders as its message. */
    static final class Plain extends Exception {
        Plain(String message) {
            super(message, null, false, false);
        }
    }
}
