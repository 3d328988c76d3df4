package aicr.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.io.JsonReader;
import aicr.io.Values;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Replays the 16 requests of {@code golden/api/requests.sh} against the server, in the
 * script's order, and compares each answer with the reference's: status and content type;
 * the headers the reference sets (values where they are deterministic); JSON bodies equal
 * apart from {@code requestId}, {@code timestamp} and the version; zip bodies entry by entry
 * (order, directory entries, Unix modes, bytes) apart from checksums.txt, which must list
 * every file with its digest (docs/bundle.md); metrics by the reference's {@code aicr_*}
 * families.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiGoldenTest {
    static final Path GOLDEN = Path.of("..", "golden", "api");
    /** Metric families of the reference that describe the snapshot agent, which the server never runs. */
    static final Set<String> NOT_SERVED = Set.of("aicr_snapshot_collection_duration_seconds", "aicr_snapshot_measurements");
    /** Headers whose values are fixed for a given request in both servers. */
    static final List<String> FIXED = List.of("allow", "cache-control", "content-disposition", "x-api-version",
            "x-ratelimit-limit", "x-bundle-files");

    static TestServer server;
    static final List<String> MATCHED = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
        assertEquals(16, MATCHED.size(), "golden requests matched: " + MATCHED);
    }

    static byte[] golden(String name) throws IOException {
        return Files.readAllBytes(GOLDEN.resolve(name));
    }

    @Test
    @Order(1)
    void root() throws Exception {
        check("root", server.get("/"));
    }

    @Test
    @Order(2)
    void health() throws Exception {
        check("health", server.get("/health"));
    }

    @Test
    @Order(3)
    void ready() throws Exception {
        check("ready", server.get("/ready"));
    }

    @Test
    @Order(4)
    void metrics() throws Exception {
        HttpResponse<byte[]> r = server.get("/metrics");
        checkStatusAndHeaders("metrics", r);
        Map<String, String> ours = families(new String(r.body(), StandardCharsets.UTF_8));
        Map<String, String> ref = families(new String(golden("metrics.body"), StandardCharsets.UTF_8));
        for (Map.Entry<String, String> e : ref.entrySet()) {
            if (e.getKey().startsWith("aicr_") && !NOT_SERVED.contains(e.getKey())) {
                assertEquals(e.getValue(), ours.get(e.getKey()), "metric family " + e.getKey());
            }
        }
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(text.contains("aicr_http_requests_total{method=\"GET\",path=\"/\",status=\"200\"} 1"), text);
        assertTrue(ours.containsKey("process_cpu_seconds_total") && ours.containsKey("process_start_time_seconds"), "process metrics");
        MATCHED.add("metrics");
    }

    @Test
    @Order(5)
    void recipeGet() throws Exception {
        check("recipe-get", server.get("/v1/recipe?service=eks&accelerator=h100&intent=training&os=ubuntu"));
    }

    @Test
    @Order(6)
    void recipeGetBad() throws Exception {
        check("recipe-get-bad", server.get("/v1/recipe?service=foo"));
    }

    @Test
    @Order(7)
    void recipePost() throws Exception {
        check("recipe-post", server.post("/v1/recipe", "application/json", ("{\"kind\":\"RecipeCriteria\",\"apiVersion\":"
                + "\"aicr.run/v1alpha2\",\"metadata\":{\"name\":\"x\"},\"spec\":{\"service\":\"eks\",\"accelerator\":\"h100\","
                + "\"intent\":\"training\",\"os\":\"ubuntu\"}}").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @Order(8)
    void recipePostYaml() throws Exception {
        check("recipe-post-yaml", server.post("/v1/recipe", "application/x-yaml", ("kind: RecipeCriteria\napiVersion: "
                + "aicr.run/v1alpha2\nmetadata:\n  name: y\nspec:\n  service: gke\n  accelerator: h100\n  intent: inference\n"
                + "  os: cos\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @Order(9)
    void queryGet() throws Exception {
        check("query-get", server.get("/v1/query?service=eks&accelerator=h100&intent=training&os=ubuntu"
                + "&selector=components.gpu-operator.values.driver.version"));
    }

    @Test
    @Order(10)
    void queryGet404() throws Exception {
        check("query-get-404", server.get("/v1/query?service=eks&accelerator=h100&intent=training&selector=components.nope"));
    }

    @Test
    @Order(11)
    void queryPost() throws Exception {
        check("query-post", server.post("/v1/query", "application/json", ("{\"criteria\":{\"service\":\"eks\","
                + "\"accelerator\":\"h100\",\"intent\":\"training\"},\"selector\":\"deploymentOrder\"}")
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @Order(12)
    void bundleHelm() throws Exception {
        check("bundle-helm", server.post("/v1/bundle?deployer=helm", "application/json", golden("recipe-get.body")));
    }

    @Test
    @Order(13)
    void bundleArgocd() throws Exception {
        check("bundle-argocd", server.post("/v1/bundle?deployer=argocd&repo=https://github.com/acme/gitops.git"
                + "&system-node-selector=nodeGroup=system&set=gpuoperator:driver.version=580.1.2", "application/json",
                golden("recipe-get.body")));
    }

    @Test
    @Order(14)
    void bundleBad() throws Exception {
        check("bundle-bad", server.post("/v1/bundle?deployer=kustomize", "application/json", golden("recipe-get.body")));
    }

    @Test
    @Order(15)
    void methodBad() throws Exception {
        check("method-bad", server.send(HttpRequest.newBuilder(server.uri("/v1/recipe")).DELETE().build()));
    }

    @Test
    @Order(16)
    void notFound() throws Exception {
        check("notfound", server.get("/v2/nothing"));
    }

    // ------------------------------------------------------------------ comparison

    private static void check(String name, HttpResponse<byte[]> r) throws Exception {
        checkStatusAndHeaders(name, r);
        byte[] ref = golden(name + ".body");
        String ct = r.headers().firstValue("content-type").orElse("");
        if (ct.equals("application/zip")) {
            compareZips(name, ref, r.body());
        } else {
            assertEquals(normalize(parseJson(ref)), normalize(parseJson(r.body())), name + " body");
            assertEquals('\n', (char) r.body()[r.body().length - 1], name + ": newline-terminated like json.Encoder");
        }
        MATCHED.add(name);
    }

    private static void checkStatusAndHeaders(String name, HttpResponse<byte[]> r) throws IOException {
        String[] status = new String(golden(name + ".status"), StandardCharsets.UTF_8).trim().split(" ");
        assertEquals(Integer.parseInt(status[0]), r.statusCode(), name + " status");
        String refType = status[1].replace(";", "");
        assertEquals(refType, r.headers().firstValue("content-type").orElse("").split(";")[0], name + " content type");
        Map<String, String> ref = headers(new String(golden(name + ".headers"), StandardCharsets.UTF_8));
        Map<String, List<String>> ours = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ours.putAll(r.headers().map());
        for (String h : ref.keySet()) {
            if (h.equals("transfer-encoding") || h.equals("content-length")) {
                continue; // framing: the reference chunks large bodies
            }
            assertTrue(ours.containsKey(h), name + ": header " + h + " missing; we sent " + ours.keySet());
            if (FIXED.contains(h)) {
                assertEquals(ref.get(h), ours.get(h).get(0), name + ": header " + h);
            }
        }
        for (String h : ours.keySet()) {
            String l = h.toLowerCase(Locale.ROOT);
            if (l.startsWith("x-")) {
                assertTrue(ref.containsKey(l), name + ": header " + h + " that the reference does not send");
            }
        }
        if (ref.containsKey("x-request-id")) {
            assertTrue(ApiHandler.isUuid(ours.get("x-request-id").get(0)), name + " request id");
            long remaining = Long.parseLong(ours.get("x-ratelimit-remaining").get(0));
            assertTrue(remaining >= 0 && remaining <= 200, name + " remaining " + remaining);
            long reset = Long.parseLong(ours.get("x-ratelimit-reset").get(0));
            assertTrue(Math.abs(reset - (System.currentTimeMillis() / 1000 + 1)) <= 5, name + " reset " + reset);
        }
    }

    private static Map<String, String> headers(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("HTTP/")) {
                m.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return m;
    }

    private static Object parseJson(byte[] b) {
        return Values.of(JsonReader.parse(new String(b, StandardCharsets.UTF_8)));
    }

    /** Drops requestId and timestamp, and replaces versions (the reference is a dev build). */
    @SuppressWarnings("unchecked")
    private static Object normalize(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            ((Map<String, Object>) m).forEach((k, x) -> {
                switch (k) {
                    case "requestId", "timestamp" -> { }
                    case "version" -> out.put(k, x instanceof String ? "<version>" : normalize(x));
                    default -> out.put(k, normalize(x));
                }
            });
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(ApiGoldenTest::normalize).collect(Collectors.toList());
        }
        return v;
    }

    record Entry(String name, byte[] bytes) {
    }

    static List<Entry> entries(byte[] zip) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.add(new Entry(e.getName(), in.readAllBytes()));
            }
        }
        return out;
    }

    /** Unix modes from the central directory (java.util.zip does not expose them). */
    static Map<String, Integer> modes(byte[] zip) {
        Map<String, Integer> out = new LinkedHashMap<>();
        int eocd = zip.length - 22;
        while (eocd >= 0 && !(zip[eocd] == 0x50 && zip[eocd + 1] == 0x4b && zip[eocd + 2] == 5 && zip[eocd + 3] == 6)) {
            eocd--;
        }
        int n = u16(zip, eocd + 10);
        int p = (int) u32(zip, eocd + 16);
        for (int i = 0; i < n; i++) {
            int nameLen = u16(zip, p + 28);
            int extraLen = u16(zip, p + 30);
            int commentLen = u16(zip, p + 32);
            long external = u32(zip, p + 38);
            String name = new String(zip, p + 46, nameLen, StandardCharsets.UTF_8);
            out.put(name, (int) (external >>> 16));
            p += 46 + nameLen + extraLen + commentLen;
        }
        return out;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int i) {
        return u16(b, i) | ((long) u16(b, i + 2)) << 16;
    }

    private static void compareZips(String name, byte[] ref, byte[] ours) throws Exception {
        List<Entry> r = entries(ref);
        List<Entry> o = entries(ours);
        assertEquals(r.stream().map(Entry::name).toList(), o.stream().map(Entry::name).toList(), name + " entry order");
        assertEquals(modes(ref), modes(ours), name + " entry modes");
        Map<String, byte[]> files = new LinkedHashMap<>();
        o.forEach(e -> files.put(e.name(), e.bytes()));
        List<String> differ = new ArrayList<>();
        for (Entry e : r) {
            if (e.name().endsWith("/") || e.name().equals("checksums.txt")) {
                continue;
            }
            if (!java.util.Arrays.equals(e.bytes(), files.get(e.name()))) {
                differ.add(e.name());
            }
        }
        assertEquals(List.of(), differ, name + ": entries whose bytes differ from the reference");
        checksums(name, files);
    }

    /** Our checksums.txt lists every file (itself excepted) with its sha256 (docs/bundle.md, difference 1). */
    private static void checksums(String name, Map<String, byte[]> files) throws Exception {
        byte[] sums = files.get("checksums.txt");
        assertNotNull(sums, name + " has checksums.txt");
        Set<String> listed = new TreeSet<>();
        for (String line : new String(sums, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String digest = line.substring(0, 64);
            String file = line.substring(66);
            assertTrue(files.containsKey(file), name + ": checksums.txt lists " + file);
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(files.get(file))), digest,
                    name + ": digest of " + file);
            listed.add(file);
        }
        Set<String> all = files.keySet().stream().filter(f -> !f.endsWith("/") && !f.equals("checksums.txt"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(all, listed, name + ": checksums.txt covers every file");
        assertFalse(all.isEmpty());
    }

    /** Metric family name → "TYPE|HELP". */
    static Map<String, String> families(String text) {
        Map<String, String> help = new TreeMap<>();
        Map<String, String> type = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                String[] p = line.substring(7).split(" ", 2);
                help.put(p[0], p.length > 1 ? p[1] : "");
            } else if (line.startsWith("# TYPE ")) {
                String[] p = line.substring(7).split(" ", 2);
                type.put(p[0], p[1]);
            }
        }
        Map<String, String> out = new TreeMap<>();
        type.forEach((k, t) -> out.put(k, t + "|" + help.get(k)));
        return out;
    }
}
