package aicr.server;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import aicr.recipe.RecipeStore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code aicr serve}: the reference's HTTP API (aicrd) on Jetty's core handlers. One immutable
 * {@link RecipeStore} serves every request thread. {@link #stop()} is graceful: readiness turns
 * false, the listener closes, requests in flight finish within the shutdown timeout, and only
 * then the threads end.
 */
public final class ApiServer {
    /** Largest request head (line and headers), as the reference's 64 KiB. */
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    /** Idle keep-alive connections are closed after this long (the reference's idle timeout). */
    private static final long IDLE_TIMEOUT_MS = 120_000;

    private final ServerConfig config;
    private final Server server;
    private final ServerConnector connector;
    private final ApiMetrics metrics = new ApiMetrics();
    private final AtomicBoolean ready = new AtomicBoolean();

    public ApiServer(ServerConfig config, RecipeStore store, String version) {
        this.config = config;
        QueuedThreadPool pool = new QueuedThreadPool(config.maxThreads(), Math.min(8, config.maxThreads()));
        pool.setName("aicr-http");
        server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setSendDateHeader(true);
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(config.host().isEmpty() ? null : config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        server.addConnector(connector);
        metrics.cacheMisses.inc(); // the store was loaded once for this server
        RecipeApi recipes = new RecipeApi(store, config.allowLists(), metrics, version);
        BundleApi bundles = new BundleApi(store, config.allowLists(), version);
        GracefulHandler graceful = new GracefulHandler();
        graceful.setHandler(new ApiHandler(config, version, metrics, recipes, bundles, ready::get));
        server.setHandler(graceful);
        server.setStopTimeout(config.shutdownTimeout().toMillis());
        server.setStopAtShutdown(false);
    }

    /** Binds and starts serving; the server is ready when this returns. */
    public ApiServer start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to start the API server on "
                    + (config.host().isEmpty() ? "" : config.host()) + ":" + config.port(), e);
        }
        ready.set(true);
        return this;
    }

    /** The bound port (the chosen one when the configured port is 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public ServerConfig config() {
        return config;
    }

    public boolean ready() {
        return ready.get();
    }

    /**
     * Graceful stop: not ready, stop accepting, let requests in flight complete (up to the
     * shutdown timeout), then release the threads. Safe to call more than once.
     */
    public void stop() {
        if (!ready.getAndSet(false) && server.isStopped()) {
            return;
        }
        Log.info("shutting down server", "timeout", config.shutdownTimeout().toSeconds() + "s");
        try {
            server.stop();
        } catch (Exception e) {
            Log.warn("server stop did not complete cleanly", "error", String.valueOf(e));
        }
    }

    /** Blocks until the server has stopped. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Requests being handled right now (the in-flight gauge of /metrics). */
    public long inFlight() {
        return (long) metrics.inFlight.get();
    }
}
