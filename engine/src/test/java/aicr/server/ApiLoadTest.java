package aicr.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The rate limiter, concurrent bundles and graceful shutdown. Traffic goes to loopback only,
 * bounded in count; nothing here asserts on elapsed time (waits are bounded polls).
 */
class ApiLoadTest {

    @Test
    void bucketAdmitsTheBurstThenRefillsAtTheRate() {
        AtomicLong now = new AtomicLong(0);
        TokenBucket b = new TokenBucket(100, 200, now::get);
        int admitted = 0;
        for (int i = 0; i < 250; i++) {
            admitted += b.tryTake() ? 1 : 0;
        }
        assertEquals(200, admitted, "a burst of 250 at one instant: 200 admitted, then 429s");
        now.addAndGet(10_000_000); // 10 ms: one token at 100/s
        assertEquals(1, (int) b.tokens());
        assertTrue(b.tryTake());
        assertFalse(b.tryTake());
        now.addAndGet(60_000_000_000L);
        assertEquals(200, (int) b.tokens(), "refill stops at the burst size");
    }

    @Test
    void burstOf250Gets429sAfter200() throws Exception {
        // a refill rate too low to add a token during the test makes the count exact
        try (TestServer s = new TestServer(ServerConfig.defaults().withRateLimit(0.001, 200))) {
            List<Integer> codes = new ArrayList<>();
            HttpResponse<byte[]> limited = null;
            for (int i = 0; i < 250; i++) {
                HttpResponse<byte[]> r = s.get("/");
                codes.add(r.statusCode());
                if (r.statusCode() == 429 && limited == null) {
                    limited = r;
                }
            }
            assertEquals(List.of(200), codes.subList(0, 200).stream().distinct().toList());
            assertEquals(List.of(429), codes.subList(200, 250).stream().distinct().toList());
            ApiBehaviourTest.assertError(limited, 429, "RATE_LIMIT_EXCEEDED", "Rate limit exceeded",
                    Map.of("limit", 0.001, "burst", 200.0));
            assertEquals("1", limited.headers().firstValue("Retry-After").orElse(""));
            assertEquals("0", limited.headers().firstValue("X-Ratelimit-Remaining").orElse(""));
            assertEquals(200, s.get("/health").statusCode(), "probes are not rate-limited");
            String metrics = new String(s.get("/metrics").body(), StandardCharsets.UTF_8);
            assertTrue(metrics.contains("aicr_rate_limit_rejects_total 50.0") || metrics.contains("aicr_rate_limit_rejects_total 50\n"),
                    metrics);
            assertTrue(metrics.contains("aicr_http_requests_total{method=\"GET\",path=\"/\",status=\"429\"} 50"), metrics);
        }
    }

    @Test
    void limiterOffAdmitsEverything() throws Exception {
        try (TestServer s = new TestServer(ServerConfig.defaults().withRateLimit(0, 0))) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<Integer>> fs = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    fs.add(pool.submit(() -> s.get("/").statusCode()));
                }
                for (Future<Integer> f : fs) {
                    assertEquals(200, f.get(60, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void concurrentBundlesDoNotCrossTalk() throws Exception {
        byte[] recipe = Files.readAllBytes(ApiGoldenTest.GOLDEN.resolve("recipe-get.body"));
        String[] queries = {"/v1/bundle?deployer=helm", "/v1/bundle?deployer=argocd&set=gpuoperator:driver.version=580.1.2",
            "/v1/bundle?deployer=flux&accelerated-node-selector=gpu=true", "/v1/bundle?deployer=helmfile&nodes=8",
            "/v1/bundle?deployer=argocd-helm&dynamic=certmanager:replicaCount"};
        try (TestServer s = new TestServer(ServerConfig.defaults().withRateLimit(0, 0))) {
            byte[][] expected = new byte[queries.length][];
            for (int i = 0; i < queries.length; i++) {
                HttpResponse<byte[]> r = s.post(queries[i], "application/json", recipe);
                assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
                expected[i] = r.body();
            }
            ExecutorService pool = Executors.newFixedThreadPool(10);
            try {
                List<Callable<Void>> jobs = new ArrayList<>();
                for (int round = 0; round < 4; round++) {
                    for (int i = 0; i < queries.length; i++) {
                        int q = i;
                        jobs.add(() -> {
                            HttpResponse<byte[]> r = s.post(queries[q], "application/json", recipe);
                            assertEquals(200, r.statusCode());
                            assertArrayEquals(expected[q], r.body(), "the answer to " + queries[q] + " under concurrency");
                            return null;
                        });
                    }
                }
                for (Future<Void> f : pool.invokeAll(jobs, 5, TimeUnit.MINUTES)) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void stopLetsTheRequestInFlightFinish() throws Exception {
        byte[] recipe = Files.readAllBytes(ApiGoldenTest.GOLDEN.resolve("recipe-get.body"));
        TestServer s = new TestServer(ServerConfig.defaults());
        int port = s.server.port();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            String head = "POST /v1/bundle?deployer=helm HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + recipe.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            int half = recipe.length / 2;
            out.write(recipe, 0, half);
            out.flush();
            // the handler is running (reading the body) once the in-flight gauge shows it
            for (int i = 0; i < 600 && s.server.inFlight() < 1; i++) {
                Thread.sleep(50);
            }
            assertEquals(1, s.server.inFlight(), "the request is in flight");
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(s.server::stop);
            for (int i = 0; i < 600 && s.server.ready(); i++) {
                Thread.sleep(50);
            }
            assertFalse(s.server.ready(), "not ready once shutdown began");
            out.write(recipe, half, recipe.length - half);
            out.flush();
            String response = readResponseHead(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertTrue(response.contains("Content-Type: application/zip"), response);
            stopping.get(60, TimeUnit.SECONDS);
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "the listener is closed");
    }

    private static String readResponseHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            sb.append((char) c);
            if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return sb.toString();
    }
}
