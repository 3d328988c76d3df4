package aicr.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.criteria.Dimension;
import aicr.errors.AicrException;
import aicr.io.JsonReader;
import aicr.io.Values;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Error cases, body limits, request ids, version negotiation and allow-lists. */
class ApiBehaviourTest {
    static TestServer server;
    static TestServer restricted;

    @BeforeAll
    static void start() {
        server = new TestServer(ServerConfig.defaults().withRateLimit(0, 0));
        restricted = new TestServer(ServerConfig.fromEnv(Map.of("AICR_ALLOWED_SERVICES", "eks, GKE,any",
                "AICR_ALLOWED_ACCELERATORS", "h100")).withRateLimit(0, 0));
    }

    @AfterAll
    static void stop() {
        server.close();
        restricted.close();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<byte[]> r) {
        return (Map<String, Object>) Values.of(JsonReader.parse(new String(r.body(), StandardCharsets.UTF_8)));
    }

    /** Status, code, message and details of an error answer. */
    static void assertError(HttpResponse<byte[]> r, int status, String code, String message, Map<String, Object> details) {
        Map<String, Object> body = json(r);
        assertEquals(status, r.statusCode(), body.toString());
        assertEquals(code, body.get("code"), body.toString());
        assertEquals(message, body.get("message"), body.toString());
        if (details != null) {
            assertEquals(details, body.get("details"), body.toString());
        }
        assertEquals(r.headers().firstValue("X-Request-Id").orElse("?"), body.get("requestId"));
        assertTrue(((String) body.get("timestamp")).endsWith("Z"));
        assertEquals(status >= 500 || status == 429, body.get("retryable"));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] recipe() throws Exception {
        return Files.readAllBytes(ApiGoldenTest.GOLDEN.resolve("recipe-get.body"));
    }

    @Test
    void criteriaErrors() throws Exception {
        assertError(server.get("/v1/recipe?nodes=abc"), 400, "INVALID_REQUEST", "Invalid recipe criteria",
                Map.of("error", "[INVALID_REQUEST] invalid nodes value: abc"));
        assertError(server.get("/v1/recipe?nodes=-2"), 400, "INVALID_REQUEST", "Invalid recipe criteria",
                Map.of("error", "[INVALID_REQUEST] invalid nodes count: -2 (must be >= 0)"));
        assertError(server.get("/v1/query?gpu=h900&selector=x"), 400, "INVALID_REQUEST", "Invalid query criteria",
                Map.of("error", "[INVALID_REQUEST] invalid accelerator parameter: [INVALID_REQUEST] invalid accelerator type: h900"));
        assertError(server.post("/v1/recipe", "application/json", new byte[0]), 400, "INVALID_REQUEST",
                "Invalid recipe criteria", Map.of("error", "[INVALID_REQUEST] request body is empty"));
        HttpResponse<byte[]> bad = server.post("/v1/recipe", "text/plain", bytes("not json"));
        assertError(bad, 400, "INVALID_REQUEST", "Invalid recipe criteria", null);
        assertTrue(json(bad).get("details").toString().contains("unsupported content type \\\"text/plain\\\"")
                || json(bad).get("details").toString().contains("unsupported content type \"text/plain\""), json(bad).toString());
        assertError(server.post("/v1/recipe", "application/json", bytes("{\"kind\":\"Nope\"}")), 400, "INVALID_REQUEST",
                "Invalid recipe criteria", Map.of("error", "[INVALID_REQUEST] invalid kind \"Nope\", expected \"RecipeCriteria\""));
        assertError(server.post("/v1/query", "application/json", bytes("{\"selector\":\"x\"}")), 400, "INVALID_REQUEST",
                "Query criteria cannot be empty", null);
        assertError(server.post("/v1/query", "application/json", bytes("{\"criteria\":{\"os\":\"windows\"}}")), 400,
                "INVALID_REQUEST", "Invalid criteria in request body",
                Map.of("error", "[INVALID_REQUEST] invalid os: [INVALID_REQUEST] invalid os type: windows"));
        // an engine error keeps its own code and message: OS required for this combination
        HttpResponse<byte[]> os = server.get("/v1/recipe?service=gke&accelerator=h100");
        assertEquals(400, os.statusCode());
        assertTrue(json(os).get("message").toString().contains("specify an OS"), json(os).toString());
    }

    @Test
    void queryPostYamlAndEmptyCriteriaFields() throws Exception {
        HttpResponse<byte[]> r = server.post("/v1/query", null, bytes("criteria:\n  service: eks\nselector: criteria\n"));
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(Map.of("service", "eks", "accelerator", "", "intent", "", "os", "", "platform", "", "nodes", 0.0), json(r));
        assertEquals("public, max-age=600", r.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void methodsAndRoutes() throws Exception {
        HttpResponse<byte[]> r = server.post("/", "application/json", bytes("{}"));
        assertError(r, 405, "METHOD_NOT_ALLOWED", "Method not allowed", Map.of("method", "POST"));
        assertEquals("GET", r.headers().firstValue("Allow").orElse(""));
        r = server.get("/v1/bundle");
        assertError(r, 405, "METHOD_NOT_ALLOWED", "Method not allowed", Map.of("method", "GET"));
        assertEquals("POST", r.headers().firstValue("Allow").orElse(""));
        r = server.post("/health", null, new byte[0]);
        assertEquals(405, r.statusCode());
        assertFalse(r.headers().firstValue("X-Request-Id").isPresent(), "probes bypass the middleware");
        assertError(server.get("/v1/recipe/"), 404, "NOT_FOUND", "Route not found", Map.of("path", "/v1/recipe/"));
        assertEquals(Map.of("status", "ready"), Map.of("status", json(server.get("/ready")).get("status")));
    }

    @Test
    void requestIdAndVersionNegotiation() throws Exception {
        String id = "0b7c3e0e-5a4f-4a57-9d0c-0a3c1a2b3c4d";
        HttpResponse<byte[]> r = server.send(HttpRequest.newBuilder(server.uri("/")).header("X-Request-Id", id)
                .header("Accept", "application/vnd.nvidia.aicr.v1+json; q=0.9, application/json").build());
        assertEquals(id, r.headers().firstValue("X-Request-Id").orElse(""));
        assertEquals("v1", r.headers().firstValue("X-Api-Version").orElse(""));
        r = server.send(HttpRequest.newBuilder(server.uri("/nope")).header("X-Request-Id", "not-a-uuid").build());
        String given = r.headers().firstValue("X-Request-Id").orElse("");
        assertTrue(ApiHandler.isUuid(given) && !given.equals("not-a-uuid"));
        assertEquals(given, json(r).get("requestId"));
        assertFalse(r.headers().firstValue("X-Ratelimit-Limit").isPresent(), "no rate-limit headers with the limiter off");
    }

    @Test
    void bodiesOverTheLimitsAre413() throws Exception {
        byte[] tenMb = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(tenMb, (byte) ' ');
        assertError(server.post("/v1/recipe", "application/json", tenMb), 413, "INVALID_REQUEST",
                "Request body exceeds maximum allowed size", Map.of("limit_bytes", 1048576.0));
        assertError(server.post("/v1/query", "application/json", tenMb), 413, "INVALID_REQUEST",
                "Request body exceeds maximum allowed size", Map.of("limit_bytes", 1048576.0));
        assertError(server.post("/v1/bundle", "application/json", tenMb), 413, "INVALID_REQUEST",
                "Request body exceeds maximum allowed size", Map.of("limit_bytes", 8388608.0));
        assertEquals(200, server.get("/v1/recipe?service=eks").statusCode(), "the server keeps serving");
    }

    @Test
    void bundleErrors() throws Exception {
        assertError(server.post("/v1/bundle", "application/json", bytes("{\"componentRefs\": [")), 400, "INVALID_REQUEST",
                "Invalid request body", null);
        assertError(server.post("/v1/bundle", "application/json", bytes("{\"kind\":\"RecipeResult\"}")), 400,
                "INVALID_REQUEST", "Recipe must contain at least one component reference", null);
        assertError(server.post("/v1/bundle?nodes=-1", "application/json", recipe()), 400, "INVALID_REQUEST",
                "nodes must be a non-negative integer", null);
        assertError(server.post("/v1/bundle?app-name=x", "application/json", recipe()), 400, "INVALID_REQUEST",
                "app-name is only valid with deployer=argocd or deployer=argocd-helm", null);
        assertError(server.post("/v1/bundle?vendor-charts=maybe", "application/json", recipe()), 400, "INVALID_REQUEST",
                "vendor-charts must be a boolean (true/false)", null);
        assertError(server.post("/v1/bundle?set=nocolon", "application/json", recipe()), 400, "INVALID_REQUEST",
                "Invalid set parameter", null);
        assertError(server.post("/v1/bundle?bundlers=", "application/json", recipe()), 400, "INVALID_REQUEST",
                "bundlers must contain at least one component name", null);
        HttpResponse<byte[]> r = server.post("/v1/bundle?bundlers=gpu-operator,nope", "application/json", recipe());
        assertEquals(400, r.statusCode());
        assertTrue(json(r).get("message").toString().startsWith("unknown component \"nope\" in bundlers filter; recipe declares: "
                + "aws-ebs-csi-driver, aws-efa"), json(r).toString());
        assertError(server.post("/v1/bundle?bundlers=cert-manager&set=certmanager:enabled=false", "application/json", recipe()),
                400, "INVALID_REQUEST", "component \"cert-manager\" is disabled and cannot be selected via the bundlers filter", null);
        // fails inside the pipeline (an unknown --dynamic component): a client error with the engine's message
        r = server.post("/v1/bundle?dynamic=nosuchcomponent:a.b", "application/json", recipe());
        assertEquals(400, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void bundlersFilterKeepsTheNamedComponents() throws Exception {
        HttpResponse<byte[]> r = server.post("/v1/bundle?bundlers=gpu-operator,%20cert-manager", "application/json", recipe());
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        Set<String> dirs = ApiGoldenTest.entries(r.body()).stream().map(ApiGoldenTest.Entry::name)
                .filter(n -> n.endsWith("/") && n.indexOf('/') == n.length() - 1).collect(Collectors.toSet());
        assertEquals(Set.of("001-cert-manager/", "002-gpu-operator/"), dirs);
    }

    @Test
    void nothingIsWrittenToDiskEvenOnFailure() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<String> before = list(tmp);
        Set<String> cwdBefore = list(Path.of("."));
        assertEquals(200, server.post("/v1/bundle", "application/json", recipe()).statusCode());
        assertEquals(400, server.post("/v1/bundle?dynamic=nosuchcomponent:a.b", "application/json", recipe()).statusCode());
        assertEquals(400, server.post("/v1/bundle?set=gpuoperator:driver.version=1&deployer=argocd&dynamic=gpuoperator:x",
                "application/json", recipe()).statusCode());
        assertEquals(before, list(tmp));
        assertEquals(cwdBefore, list(Path.of(".")));
    }

    private static Set<String> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.contains("aicr") || n.contains("bundle"))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void allowLists() throws Exception {
        assertEquals(List.of("eks", "gke"), restricted.server.config().allowLists().get(Dimension.SERVICE));
        assertError(restricted.get("/v1/recipe?service=aks"), 400, "INVALID_REQUEST", "service type not allowed",
                Map.of("requested", "aks", "allowed", List.of("eks", "gke")));
        assertError(restricted.get("/v1/query?service=eks&accelerator=gb200&selector="), 400, "INVALID_REQUEST",
                "accelerator type not allowed", Map.of("requested", "gb200", "allowed", List.of("h100")));
        assertEquals(200, restricted.get("/v1/recipe?service=eks&accelerator=h100&intent=training&os=ubuntu").statusCode());
        assertEquals(200, restricted.get("/v1/recipe?intent=training").statusCode(), "any is always allowed");
        byte[] gb200 = new String(recipe(), StandardCharsets.UTF_8).replace("\"accelerator\":\"h100\"", "\"accelerator\":\"gb200\"")
                .getBytes(StandardCharsets.UTF_8);
        assertError(restricted.post("/v1/bundle", "application/json", gb200), 400, "INVALID_REQUEST",
                "accelerator type not allowed", Map.of("requested", "gb200", "allowed", List.of("h100")));
        AicrException e = assertThrows(AicrException.class,
                () -> ServerConfig.fromEnv(Map.of("AICR_ALLOWED_OS", "ubuntu,windows")));
        assertEquals("[INVALID_REQUEST] invalid AICR_ALLOWED_OS (\"ubuntu,windows\"): [INVALID_REQUEST] invalid os type: windows",
                e.render());
    }

    @Test
    void environmentConfiguration() {
        ServerConfig c = ServerConfig.fromEnv(Map.of("PORT", "9090", "SHUTDOWN_TIMEOUT_SECONDS", "5"));
        assertEquals(9090, c.port());
        assertEquals(5, c.shutdownTimeout().toSeconds());
        assertEquals(100, c.rateLimit());
        assertEquals(200, c.burst());
        assertThrows(AicrException.class, () -> ServerConfig.fromEnv(Map.of("PORT", "http")));
        assertThrows(AicrException.class, () -> ServerConfig.fromEnv(Map.of("SHUTDOWN_TIMEOUT_SECONDS", "0")));
        assertThrows(AicrException.class, () -> ServerConfig.defaults().withRateLimit(10, 0));
    }
}
