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
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads an input document (recipe, snapshot, config) named by a local path or an http(s)
 * URL, with the reference's limits (1 MiB) and format detection by suffix: {@code .json} is
 * JSON, {@code .yaml}/{@code .yml} YAML, anything else JSON with a warning.
 *
 * <p>Every local file aicr-j reads goes through {@link #readFile}: the file type is checked
 * before it is opened (a FIFO would block, a device never ends), the size is bounded, and a
 * permission problem says so. Text is decoded as strict UTF-8 ({@link #decode}).
 */
public final class InputSource {
    private InputSource() {
    }

    public static final int MAX_BYTES = InputLimits.MAX_DOCUMENT_BYTES;

    /** The raw bytes of {@code uri}. */
    public static byte[] read(String uri) {
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            return fetch(uri);
        }
        if (uri.startsWith("cm://")) {
            return ConfigMapStore.get().read(uri, null).text().getBytes(StandardCharsets.UTF_8);
        }
        return readFile(Path.of(uri).normalize(), uri, MAX_BYTES);
    }

    /**
     * The bytes of a local file, at most {@code maxBytes}. Missing: NOT_FOUND "file not found:
     * open NAME: no such file or directory". A directory, FIFO, device or socket, a file that cannot be read, or one larger than
     * {@code maxBytes}: INVALID_REQUEST naming the file and the problem. Symbolic links are
     * followed. Other I/O failures are INTERNAL.
     *
     * @param name how messages name the file (the path as the user gave it)
     */
    public static byte[] readFile(Path path, String name, long maxBytes) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            throw failure(name, e);
        }
        if (a.isDirectory()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, name + ": is a directory, not a file");
        }
        if (!a.isRegularFile()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    name + ": not a regular file (a FIFO, device or socket cannot be read as input)");
        }
        if (a.size() > maxBytes) {
            throw tooLarge(name, maxBytes);
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (b.length > maxBytes) {
                throw tooLarge(name, maxBytes);
            }
            return b;
        } catch (IOException e) {
            throw failure(name, e);
        }
    }

    /** {@link #readFile} decoded as strict UTF-8. */
    public static String readText(Path path, String name, long maxBytes) {
        return decode(readFile(path, name, maxBytes), name);
    }

    private static AicrException tooLarge(String name, long maxBytes) {
        return new AicrException(ErrorCode.INVALID_REQUEST, name + ": file exceeds maximum allowed size of " + maxBytes + " bytes");
    }

    private static AicrException failure(String name, IOException e) {
        if (e instanceof NoSuchFileException) {
            // the reference's wording (Go's os.Open error), which golden diff runs compare
            return new AicrException(ErrorCode.NOT_FOUND, "file not found: open " + name + ": no such file or directory");
        }
        if (e instanceof AccessDeniedException) {
            return new AicrException(ErrorCode.INVALID_REQUEST, name + ": permission denied");
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            // ELOOP, ENOTDIR, ENAMETOOLONG, EISDIR: the path the user gave cannot name a readable file
            return new AicrException(ErrorCode.INVALID_REQUEST, name + ": " + f.getReason().toLowerCase(Locale.ROOT));
        }
        return new AicrException(ErrorCode.INTERNAL, "failed to read " + name + ": " + e.getMessage());
    }

    /**
     * {@code bytes} as UTF-8, strictly: an invalid byte sequence is INVALID_REQUEST naming the
     * file and the byte offset, never a silent U+FFFD that would travel on as data.
     */
    public static String decode(byte[] bytes, String name) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) {
            r = d.flush(out);
        }
        if (r.isError()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, name + ": invalid UTF-8 at byte offset " + in.position());
        }
        return out.flip().toString();
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
     * from ..." wrapping INVALID_REQUEST "failed to decode JSON|YAML", as the reference reports them;
     * a document refused by an input limit is INVALID_REQUEST.
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
            if (e.limitExceeded()) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "refused input " + uri, e);
            }
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
        String text = decode(bytes, uri);
        if (!yaml && !u.endsWith(".json")) {
            Log.warn("unknown file extension, defaulting to JSON", "path", uri);
        }
        try {
            return yaml ? YamlReader.parse(text) : JsonReader.parse(text);
        } catch (YamlSyntaxException e) {
            throw syntaxError(uri, yaml ? "YAML" : "JSON", e);
        }
    }

    /**
     * The error for a document that does not parse: a limit refusal is INVALID_REQUEST naming the
     * source; a syntax error is the reference's INTERNAL "failed to deserialize object from".
     */
    public static AicrException syntaxError(String uri, String format, YamlSyntaxException e) {
        if (e.limitExceeded()) {
            return new AicrException(ErrorCode.INVALID_REQUEST, "refused input " + uri, e);
        }
        return AicrException.wrap(ErrorCode.INTERNAL, "failed to deserialize object from \"" + uri + "\"",
                new AicrException(ErrorCode.INVALID_REQUEST, "failed to decode " + format, e));
    }
}
