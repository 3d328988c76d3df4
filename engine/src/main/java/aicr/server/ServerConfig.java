package aicr.server;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Settings of {@code aicr serve}. Defaults are the reference's (port 8080, 100 requests/s with
 * a burst of 200, 30 s shutdown grace); the environment ({@code PORT},
 * {@code SHUTDOWN_TIMEOUT_SECONDS}, {@code AICR_ALLOWED_*}) overrides them and flags override
 * the environment. A rate of 0 turns the limiter off.
 *
 * @param host            address to bind ("" or 0.0.0.0: every interface)
 * @param port            TCP port (0: a free port, reported after start)
 * @param shutdownTimeout how long in-flight requests may run after SIGTERM
 * @param rateLimit       sustained requests per second (token refill rate); 0 = no limit
 * @param burst           bucket size (requests allowed at once)
 * @param maxThreads      request threads (bounds concurrent work and memory)
 */
public record ServerConfig(String host, int port, Duration shutdownTimeout, double rateLimit, int burst,
                           AllowLists allowLists, int maxThreads) {

    public static final int DEFAULT_PORT = 8080;
    public static final double DEFAULT_RATE = 100;
    public static final int DEFAULT_BURST = 200;
    public static final Duration DEFAULT_SHUTDOWN = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_THREADS = 64;

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "port must be between 0 and 65535, got " + port);
        }
        if (rateLimit < 0 || Double.isNaN(rateLimit) || Double.isInfinite(rateLimit)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "rate limit must be a finite number >= 0, got " + rateLimit);
        }
        if (rateLimit > 0 && burst < 1) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "rate-limit burst must be >= 1, got " + burst);
        }
        if (shutdownTimeout.isNegative() || shutdownTimeout.isZero()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "shutdown timeout must be > 0");
        }
        if (maxThreads < 8) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "max threads must be >= 8, got " + maxThreads);
        }
    }

    public static ServerConfig defaults() {
        return new ServerConfig("", DEFAULT_PORT, DEFAULT_SHUTDOWN, DEFAULT_RATE, DEFAULT_BURST, AllowLists.NONE,
                DEFAULT_MAX_THREADS);
    }

    /** The defaults with the reference's environment variables applied ({@code env} is e.g. System::getenv). */
    public static ServerConfig fromEnv(Function<String, String> env) {
        ServerConfig c = defaults();
        int port = c.port();
        String p = env.apply("PORT");
        if (p != null && !p.isBlank()) {
            port = parseInt("PORT", p);
        }
        Duration shutdown = c.shutdownTimeout();
        String s = env.apply("SHUTDOWN_TIMEOUT_SECONDS");
        if (s != null && !s.isBlank()) {
            int secs = parseInt("SHUTDOWN_TIMEOUT_SECONDS", s);
            if (secs <= 0) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "SHUTDOWN_TIMEOUT_SECONDS must be > 0, got " + s.trim());
            }
            shutdown = Duration.ofSeconds(secs);
        }
        return new ServerConfig(c.host(), port, shutdown, c.rateLimit(), c.burst(), AllowLists.fromEnv(env), c.maxThreads());
    }

    /** The same environment lookups from a map (tests). */
    public static ServerConfig fromEnv(Map<String, String> env) {
        return fromEnv(env::get);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, shutdownTimeout, rateLimit, burst, allowLists, maxThreads);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, shutdownTimeout, rateLimit, burst, allowLists, maxThreads);
    }

    public ServerConfig withShutdownTimeout(Duration d) {
        return new ServerConfig(host, port, d, rateLimit, burst, allowLists, maxThreads);
    }

    public ServerConfig withRateLimit(double rate, int b) {
        return new ServerConfig(host, port, shutdownTimeout, rate, b, allowLists, maxThreads);
    }

    public ServerConfig withAllowLists(AllowLists a) {
        return new ServerConfig(host, port, shutdownTimeout, rateLimit, burst, a, maxThreads);
    }

    public ServerConfig withMaxThreads(int n) {
        return new ServerConfig(host, port, shutdownTimeout, rateLimit, burst, allowLists, n);
    }

    public boolean rateLimited() {
        return rateLimit > 0;
    }

    /** Unlike the reference (which logs and falls back to the default), a malformed number stops start-up. */
    private static int parseInt(String name, String raw) {
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, name + " must be an integer, got \"" + raw + "\"");
        }
    }
}
