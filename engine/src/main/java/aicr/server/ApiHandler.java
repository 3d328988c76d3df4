package aicr.server;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Struct;
import aicr.log.Log;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes requests and applies the reference's middleware to the API routes, outermost first:
 * metrics, API version, request id, request logging, error recovery, rate limit. {@code /health},
 * {@code /ready} and {@code /metrics} bypass the middleware (probes and scrapes are neither
 * rate-limited nor counted), as in the reference. Every other path goes to the root route,
 * which lists the routes at {@code /} and answers 404 elsewhere.
 */
final class ApiHandler extends Handler.Abstract {
    static final String SERVICE_NAME = "aicrd";
    static final String API_VERSION = "v1";
    static final List<String> ROUTES = List.of("/v1/bundle", "/v1/query", "/v1/recipe");
    private static final String VENDOR_TYPE = "application/vnd.nvidia.aicr.";

    /** One API endpoint. */
    interface Endpoint {
        void handle(Exchange ex);
    }

    private final Map<String, Endpoint> routes;
    private final ApiMetrics metrics;
    private final TokenBucket limiter;
    private final ServerConfig config;
    private final String version;
    private final BooleanSupplier ready;

    ApiHandler(ServerConfig config, String version, ApiMetrics metrics, RecipeApi recipes, BundleApi bundles,
               BooleanSupplier ready) {
        this.config = config;
        this.version = version;
        this.metrics = metrics;
        this.ready = ready;
        this.limiter = config.rateLimited() ? new TokenBucket(config.rateLimit(), config.burst()) : null;
        this.routes = Map.of("/v1/recipe", recipes::recipe, "/v1/query", recipes::query, "/v1/bundle", bundles::bundle);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange ex = new Exchange(request, response, callback);
        switch (ex.path) {
            case "/health" -> probe(ex, "healthy", true);
            case "/ready" -> probe(ex, ready.getAsBoolean() ? "ready" : "not_ready", ready.getAsBoolean());
            case "/metrics" -> ex.send(200, metrics.contentType(), metrics.scrape());
            default -> {
                Endpoint e = routes.get(ex.path);
                api(ex, e == null ? "/" : ex.path, e == null ? this::root : e);
            }
        }
        return true;
    }

    private void probe(Exchange ex, String status, boolean ok) {
        if (!ex.method.equals("GET")) {
            ex.setHeader("Allow", "GET");
            ex.error(ApiError.methodNotAllowed(ex.method, false));
            return;
        }
        Struct body = new Struct().with("status", status).with("timestamp", Exchange.timestamp(Instant.now()));
        if (!ok) {
            body.with("reason", "server is shutting down");
        }
        ex.json(ok ? 200 : 503, body);
    }

    private void root(Exchange ex) {
        if (!ex.path.equals("/")) {
            throw new ApiError(404, ErrorCode.NOT_FOUND, "Route not found", Map.of("path", ex.path), false);
        }
        if (!ex.method.equals("GET")) {
            ex.setHeader("Allow", "GET");
            throw ApiError.methodNotAllowed(ex.method, false);
        }
        ex.json(200, Map.of("routes", ROUTES, "service", SERVICE_NAME, "version", version));
    }

    private void api(Exchange ex, String route, Endpoint endpoint) {
        long start = System.nanoTime();
        metrics.inFlight.inc();
        try {
            ex.setHeader("X-Api-Version", negotiateVersion(ex.header("Accept")));
            String id = ex.header("X-Request-Id");
            ex.requestId = id != null && isUuid(id) ? id : UUID.randomUUID().toString();
            ex.setHeader("X-Request-Id", ex.requestId);
            Log.debug("request started", "requestID", ex.requestId, "method", ex.method, "path", ex.path);
            try {
                if (admitted(ex)) {
                    endpoint.handle(ex);
                }
            } catch (ApiError e) {
                ex.error(e);
            } catch (AicrException e) {
                ex.error(ApiError.of(e, "Internal server error"));
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                metrics.panics.inc();
                Log.error("panic recovered", "error", String.valueOf(e), "requestID", ex.requestId, "path", ex.path,
                        "method", ex.method);
                if (!ex.sent()) {
                    ex.error(new ApiError(500, ErrorCode.INTERNAL, "Internal server error", null, true));
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            logCompleted(ex, seconds);
            metrics.duration.labelValues(ex.method, route).observe(seconds);
        } finally {
            metrics.inFlight.dec();
            metrics.requests.labelValues(ex.method, route, Integer.toString(ex.status)).inc();
        }
    }

    /** Sets the rate-limit headers and takes a token; false after writing the 429. */
    private boolean admitted(Exchange ex) {
        if (limiter == null) {
            return true;
        }
        ex.setHeader("X-Ratelimit-Limit", Long.toString((long) config.rateLimit()));
        ex.setHeader("X-Ratelimit-Remaining", Long.toString((long) limiter.tokens()));
        ex.setHeader("X-Ratelimit-Reset", Long.toString(Instant.now().getEpochSecond() + 1));
        if (limiter.tryTake()) {
            return true;
        }
        metrics.rateLimitRejects.inc();
        ex.setHeader("Retry-After", "1");
        ex.error(new ApiError(429, ErrorCode.RATE_LIMIT_EXCEEDED, "Rate limit exceeded",
                Map.of("limit", config.rateLimit(), "burst", (long) config.burst()), true));
        return false;
    }

    private static void logCompleted(Exchange ex, double seconds) {
        Object[] kv = {"requestID", ex.requestId, "method", ex.method, "path", ex.path, "status", ex.status,
                "duration", String.format("%.3fms", seconds * 1000)};
        if (ex.status >= 500) {
            Log.error("request completed", kv);
        } else if (ex.status >= 400) {
            Log.warn("request completed", kv);
        } else {
            Log.debug("request completed", kv);
        }
    }

    /** {@code Accept: application/vnd.nvidia.aicr.<v>+json} picks a version; only v1 exists. */
    static String negotiateVersion(String accept) {
        if (accept == null || accept.isEmpty()) {
            return API_VERSION;
        }
        for (String raw : accept.split(",")) {
            String mt = raw.trim();
            int semi = mt.indexOf(';');
            if (semi >= 0) {
                mt = mt.substring(0, semi).trim();
            }
            mt = mt.toLowerCase(java.util.Locale.ROOT);
            if (mt.startsWith(VENDOR_TYPE)) {
                String rest = mt.substring(VENDOR_TYPE.length());
                int plus = rest.indexOf('+');
                String v = plus >= 0 ? rest.substring(0, plus) : rest;
                if (v.equals(API_VERSION)) {
                    return v;
                }
            }
        }
        return API_VERSION;
    }

    /** The forms Go's {@code uuid.Parse} accepts: canonical, {@code urn:uuid:}, braced, 32 hex digits. */
    static boolean isUuid(String s) {
        String v = s;
        if (v.length() == 45 && v.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
            v = v.substring(9);
        } else if (v.length() == 38 && v.charAt(0) == '{' && v.charAt(37) == '}') {
            v = v.substring(1, 37);
        }
        if (v.length() == 32) {
            return v.chars().allMatch(ApiHandler::hex);
        }
        if (v.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = v.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !hex(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
