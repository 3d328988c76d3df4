package aicr.server;

import aicr.io.JsonWriter;
import aicr.io.Struct;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One request and its response: the request id, the status written, bounded body reads and
 * the JSON writers every endpoint shares (compact, HTML-escaped, newline-terminated, as Go's
 * {@code json.Encoder} writes them).
 */
final class Exchange {
    /** Bodies larger than a limit are read and discarded up to this size so the client sees the 413. */
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    final Request request;
    final Response response;
    private final Callback callback;
    final String method;
    final String path;
    String requestId = "";
    int status;
    private Fields query;
    private boolean sent;
    private boolean bodyRead;

    Exchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.method = request.getMethod();
        this.path = request.getHttpURI().getPath() == null ? "/" : request.getHttpURI().getPath();
    }

    String header(String name) {
        return request.getHeaders().get(name);
    }

    void setHeader(String name, String value) {
        response.getHeaders().put(name, value);
    }

    /** The first value of a query parameter, or "" (Go's {@code url.Values.Get}). */
    String param(String name) {
        Fields.Field f = params().get(name);
        return f == null || f.getValues().isEmpty() ? "" : f.getValues().get(0);
    }

    /** Every value of a query parameter, or null when it is absent. */
    java.util.List<String> params(String name) {
        Fields.Field f = params().get(name);
        return f == null ? null : f.getValues();
    }

    private Fields params() {
        if (query == null) {
            query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        }
        return query;
    }

    /**
     * The request body, at most {@code limit} bytes; a larger body is a 413 (read and dropped up
     * to a bound first, so the client gets the answer instead of a reset connection).
     */
    byte[] body(long limit) {
        bodyRead = true;
        long declared = request.getLength();
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (declared > limit) {
                drain(in, declared);
                throw ApiError.tooLarge(limit);
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                drain(in, -1);
                throw ApiError.tooLarge(limit);
            }
            return bytes;
        } catch (IOException e) {
            throw new ApiError(400, aicr.errors.ErrorCode.INVALID_REQUEST, "Failed to read request body",
                    java.util.Map.of("error", String.valueOf(e.getMessage())), false);
        }
    }

    /**
     * A request answered without reading its body (an early error) still has the body on the
     * connection; read and drop it (bounded) so the connection stays usable for the next
     * request, or mark the connection to close.
     */
    private void discardUnreadBody() {
        if (bodyRead) {
            return;
        }
        bodyRead = true;
        try (InputStream in = Content.Source.asInputStream(request)) {
            drain(in, request.getLength());
        } catch (IOException e) {
            setHeader("Connection", "close");
        }
    }

    private void drain(InputStream in, long declared) throws IOException {
        if (declared > DRAIN_LIMIT) {
            setHeader("Connection", "close");
            return;
        }
        long skipped = 0;
        byte[] buf = new byte[64 * 1024];
        int n;
        while (skipped < DRAIN_LIMIT && (n = in.read(buf)) > 0) {
            skipped += n;
        }
        if (skipped >= DRAIN_LIMIT) {
            setHeader("Connection", "close");
        }
    }

    /** The media type of the request body, lower-cased, parameters stripped. */
    String mediaType() {
        String ct = header("Content-Type");
        if (ct == null) {
            return "";
        }
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
    }

    String rawContentType() {
        String ct = header("Content-Type");
        return ct == null ? "" : ct;
    }

    void json(int code, Object value) {
        send(code, "application/json", jsonBody(value));
    }

    /** A JSON answer body: compact, HTML-escaped, newline-terminated. */
    static byte[] jsonBody(Object value) {
        return (JsonWriter.write(value, false) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A pre-serialized JSON document (the recipe cache hands out bytes). */
    void jsonBytes(int code, byte[] body) {
        send(code, "application/json", body);
    }

    void error(ApiError e) {
        Struct body = new Struct().with("code", e.code.name()).with("message", e.getMessage());
        if (!e.details.isEmpty()) {
            body.with("details", e.details);
        }
        body.with("requestId", requestId.isEmpty() ? java.util.UUID.randomUUID().toString() : requestId)
                .with("timestamp", timestamp(Instant.now())).with("retryable", e.retryable);
        json(e.status, body);
    }

    void send(int code, String contentType, byte[] body) {
        if (sent) {
            throw new IllegalStateException("response already sent");
        }
        sent = true;
        discardUnreadBody();
        status = code;
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    boolean sent() {
        return sent;
    }

    /** Go's {@code time.Time} JSON form (RFC 3339 with up to nine fraction digits, zeros trimmed), UTC. */
    static String timestamp(Instant t) {
        String s = t.toString(); // ISO-8601 in UTC: 2026-12-04T14:02:23.123456Z (fraction in 3-digit groups)
        int dot = s.indexOf('.');
        if (dot < 0) {
            return s;
        }
        int end = s.length() - 1; // before 'Z'
        int last = end;
        while (last > dot + 1 && s.charAt(last - 1) == '0') {
            last--;
        }
        return s.substring(0, last) + "Z";
    }
}
