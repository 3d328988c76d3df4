package aicr.cli;

import aicr.BuildInfo;
import aicr.criteria.Dimension;
import aicr.log.Log;
import aicr.recipe.Recipes;
import aicr.server.AllowLists;
import aicr.server.ApiServer;
import aicr.server.ServerConfig;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aicr serve}: the HTTP API (recipe, query, bundle) until SIGTERM or SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the HTTP API server (the reference's aicrd API): GET|POST /v1/recipe, GET|POST /v1/query,",
                "POST /v1/bundle, plus /health, /ready and /metrics. Embedded recipe data only.",
                "Settings: defaults, then the environment (PORT, SHUTDOWN_TIMEOUT_SECONDS, AICR_ALLOWED_*), then flags.",
                "SIGTERM/SIGINT stop it gracefully: readiness turns false, requests in flight finish."},
        footer = {"", "Examples:",
                "  aicr serve",
                "  PORT=9000 aicr serve --log-json",
                "  aicr serve --port 8080 --allowed-services eks,gke --allowed-accelerators h100,gb200",
                "  aicr serve --rate-limit 0        # no rate limiting (e.g. behind a gateway that limits)",
                "", "See docs/server.md for the API, the container image and the Helm chart."})
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--host", paramLabel = "ADDR", description = "Address to bind (default: all interfaces).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port (env PORT; default 8080; 0 picks a free port).")
    Integer port;

    @Option(names = "--shutdown-timeout", paramLabel = "SECONDS",
            description = "Grace period for requests in flight on SIGTERM (env SHUTDOWN_TIMEOUT_SECONDS; default 30).")
    Integer shutdownTimeout;

    @Option(names = "--rate-limit", paramLabel = "N",
            description = "Requests per second across all clients (token bucket; default 100; 0 turns limiting off).")
    Double rateLimit;

    @Option(names = "--rate-limit-burst", paramLabel = "N", description = "Requests allowed at once (bucket size; default 200).")
    Integer burst;

    @Option(names = "--allowed-accelerators", paramLabel = "LIST",
            description = "Comma-separated accelerators the API accepts (env AICR_ALLOWED_ACCELERATORS; default: all).")
    String allowedAccelerators;

    @Option(names = "--allowed-services", paramLabel = "LIST",
            description = "Comma-separated services the API accepts (env AICR_ALLOWED_SERVICES; default: all).")
    String allowedServices;

    @Option(names = "--allowed-intents", paramLabel = "LIST",
            description = "Comma-separated intents the API accepts (env AICR_ALLOWED_INTENTS; default: all).")
    String allowedIntents;

    @Option(names = "--allowed-os", paramLabel = "LIST",
            description = "Comma-separated OS families the API accepts (env AICR_ALLOWED_OS; default: all).")
    String allowedOs;

    @Option(names = "--max-threads", paramLabel = "N", description = "Request threads (default 64).")
    Integer maxThreads;

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig cfg = config(ServerConfig.fromEnv(System::getenv));
        ApiServer server = new ApiServer(cfg, Recipes.store(null, false), BuildInfo.VERSION);
        Shutdown.onTermination(server::stop);
        server.start();
        Log.info("server listening", "address", (cfg.host().isEmpty() ? "" : cfg.host()) + ":" + server.port(),
                "version", BuildInfo.VERSION, "rateLimit", cfg.rateLimited() ? perSecond(cfg.rateLimit()) : "off",
                "rateLimitBurst", cfg.burst(), "shutdownTimeout", cfg.shutdownTimeout().toSeconds() + "s",
                "allowLists", cfg.allowLists().isEmpty() ? "none" : cfg.allowLists().allowed());
        server.join();
        Log.info("server stopped gracefully");
        return 0;
    }

    /** Flags over the environment's settings. */
    ServerConfig config(ServerConfig env) {
        ServerConfig c = env;
        if (host != null) {
            c = c.withHost(host);
        }
        if (port != null) {
            c = c.withPort(port);
        }
        if (shutdownTimeout != null) {
            c = c.withShutdownTimeout(Duration.ofSeconds(shutdownTimeout));
        }
        if (rateLimit != null || burst != null) {
            c = c.withRateLimit(rateLimit != null ? rateLimit : c.rateLimit(), burst != null ? burst : c.burst());
        }
        if (maxThreads != null) {
            c = c.withMaxThreads(maxThreads);
        }
        Map<Dimension, String> flags = new EnumMap<>(Dimension.class);
        putIf(flags, Dimension.ACCELERATOR, allowedAccelerators);
        putIf(flags, Dimension.SERVICE, allowedServices);
        putIf(flags, Dimension.INTENT, allowedIntents);
        putIf(flags, Dimension.OS, allowedOs);
        if (!flags.isEmpty()) {
            Map<Dimension, java.util.List<String>> merged = new EnumMap<>(Dimension.class);
            merged.putAll(c.allowLists().allowed());
            flags.keySet().forEach(merged::remove); // a flag replaces the environment's list ("" clears it)
            merged.putAll(AllowLists.parse(flags, d -> "--allowed-" + (d == Dimension.OS ? "os" : d.key() + "s")).allowed());
            c = c.withAllowLists(new AllowLists(merged));
        }
        return c;
    }

    private static String perSecond(double rate) {
        return (rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate)) + "/s";
    }

    private static void putIf(Map<Dimension, String> m, Dimension d, String v) {
        if (v != null) {
            m.put(d, v);
        }
    }
}
