package aicr.server;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The server's Prometheus metrics, named and labelled as the reference's {@code aicr_*}
 * families (so existing dashboards and alerts keep working), plus the JVM and process
 * metrics of the Prometheus Java client where the reference has Go's. One registry per
 * server, so in-process tests start from zero.
 */
final class ApiMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    final Counter requests = Counter.builder().name("aicr_http_requests_total").help("Total number of HTTP requests")
            .labelNames("method", "path", "status").withoutExemplars().register(registry);
    final Histogram duration = Histogram.builder().name("aicr_http_request_duration_seconds")
            .help("HTTP request latency in seconds").labelNames("method", "path").classicOnly().withoutExemplars()
            .register(registry);
    final Gauge inFlight = Gauge.builder().name("aicr_http_requests_in_flight")
            .help("Current number of HTTP requests being processed").withoutExemplars().register(registry);
    final Counter rateLimitRejects = Counter.builder().name("aicr_rate_limit_rejects_total")
            .help("Total number of requests rejected due to rate limiting").withoutExemplars().register(registry);
    final Counter panics = Counter.builder().name("aicr_panic_recoveries_total")
            .help("Total number of panics recovered in HTTP handlers").withoutExemplars().register(registry);
    final Histogram recipeBuild = Histogram.builder().name("aicr_recipe_build_duration_seconds")
            .help("Duration of recipe generation in seconds").classicOnly()
            .classicUpperBounds(1, 5, 10, 30, 60, 120, 300).withoutExemplars().register(registry);
    final Counter cacheMisses = Counter.builder().name("aicr_recipe_cache_misses_total")
            .help("Total number of recipe metadata cache misses (initial loads)").withoutExemplars().register(registry);

    ApiMetrics() {
        JvmMetrics.builder().register(registry);
    }

    String contentType() {
        return writer.getContentType();
    }

    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
