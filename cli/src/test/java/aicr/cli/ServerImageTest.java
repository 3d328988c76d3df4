package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.io.JsonReader;
import aicr.io.Values;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server image that Jib writes during the test phases (cli/target/aicr-image.tar, FROM
 * scratch): its config (entrypoint, user, port, environment, reproducible time), its layers
 * (runtime, libraries, user, application), that every shared library the runtime needs is in
 * the image, and that the image's own Java runtime runs the server from the image's files.
 */
class ServerImageTest {
    static final Path TAR = Path.of("target", "aicr-image.tar");

    @TempDir
    Path tmp;

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Path p) throws Exception {
        return (Map<String, Object>) Values.of(JsonReader.parse(Files.readString(p)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void imageTarIsARunnableNonRootServerImage() throws Exception {
        assertTrue(Files.isRegularFile(TAR), TAR + " is built by jib:buildTar in process-test-classes (mvn test)");
        Path image = tmp.resolve("image");
        Files.createDirectories(image);
        run(List.of("tar", "-xf", TAR.toAbsolutePath().toString(), "-C", image.toString()), tmp);
        Map<String, Object> manifest = (Map<String, Object>) ((List<Object>) Values.of(JsonReader.parse(
                Files.readString(image.resolve("manifest.json"))))).get(0);
        Map<String, Object> config = json(image.resolve((String) manifest.get("Config")));
        Map<String, Object> c = (Map<String, Object>) config.get("config");
        assertEquals("1970-01-01T00:00:00Z", config.get("created"), "reproducible creation time");
        assertEquals("amd64", config.get("architecture"));
        assertEquals("65532:65532", c.get("User"), "non-root user");
        assertEquals(Map.of("8080/tcp", Map.of()), c.get("ExposedPorts"));
        List<Object> entrypoint = (List<Object>) c.get("Entrypoint");
        assertEquals("/opt/java/bin/java", entrypoint.get(0));
        assertEquals("aicr.cli.Main", entrypoint.get(entrypoint.size() - 1));
        assertEquals(List.of("serve"), c.get("Cmd"));
        assertTrue(((List<Object>) c.get("Env")).containsAll(List.of("PORT=8080", "AICR_LOG_JSON=1")), c.toString());

        Path root = tmp.resolve("rootfs");
        Files.createDirectories(root);
        for (Object layer : (List<Object>) manifest.get("Layers")) {
            run(List.of("tar", "-xzf", image.resolve((String) layer).toString(), "-C", root.toString()), tmp);
        }
        Path java = root.resolve("opt/java/bin/java");
        assertTrue(Files.getPosixFilePermissions(java).contains(PosixFilePermission.OTHERS_EXECUTE), "java is executable");
        assertTrue(Files.isRegularFile(root.resolve("lib64/ld-linux-x86-64.so.2")), "the dynamic loader is in the image");
        assertTrue(Files.readString(root.resolve("etc/passwd")).contains(":65532:65532:"), "the user is named");
        assertTrue(Files.isDirectory(root.resolve("tmp")));
        assertTrue(Files.isRegularFile(root.resolve("app/engine/aicr/catalog.bin")), "the engine and its catalog");
        assertTrue(Files.isRegularFile(root.resolve("app/classes/aicr/cli/Main.class")));
        assertFalse(Files.exists(root.resolve("bin/sh")), "no shell: FROM scratch");

        // every library the runtime links against resolves inside the image
        String libs = root.resolve("lib/x86_64-linux-gnu").toString();
        for (String elf : List.of("opt/java/bin/java", "opt/java/lib/server/libjvm.so", "opt/java/lib/libjava.so",
                "opt/java/lib/libnet.so", "opt/java/lib/libnio.so", "opt/java/lib/libzip.so",
                "opt/java/lib/libmanagement_ext.so")) {
            // the runtime's own libraries (libjvm.so) are loaded by the launcher from its home
            String path = libs + ":" + root.resolve("opt/java/lib/server") + ":" + root.resolve("opt/java/lib");
            String ldd = run(List.of("env", "LD_LIBRARY_PATH=" + path, "ldd", root.resolve(elf).toString()), tmp);
            for (String line : ldd.split("\n")) {
                Matcher m = Pattern.compile("=> (\\S+)").matcher(line);
                if (m.find()) {
                    assertTrue(m.group(1).startsWith(root.toString()), elf + " needs a library from outside the image: " + line);
                }
                assertFalse(line.contains("not found"), elf + ": " + line);
            }
        }

        // the image's runtime and files run the server
        List<String> cmd = new ArrayList<>();
        for (Object a : entrypoint) {
            String s = (String) a;
            cmd.add(s.startsWith("/opt/") ? root + s : s.contains("/app/") ? s.replace("/app/", root + "/app/") : s);
        }
        cmd.addAll(List.of("serve", "--host", "127.0.0.1", "--port", "0"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", libs);
        pb.environment().put("AICR_LOG_JSON", "1");
        Process p = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            int port = -1;
            StringBuilder log = new StringBuilder();
            while (port < 0 && (line = out.readLine()) != null) {
                log.append(line).append('\n');
                Matcher m = Pattern.compile("\"msg\":\"server listening\".*\"address\":\"127\\.0\\.0\\.1:(\\d+)\"").matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                    assertTrue(line.contains("\"module\":\"aicr\""), line);
                }
            }
            assertTrue(port > 0, "server started:\n" + log);
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/v1/recipe?service=eks&accelerator=h100&intent=training&os=ubuntu")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            byte[] recipe = r.body().getBytes(StandardCharsets.UTF_8);
            HttpResponse<byte[]> zip = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/v1/bundle?deployer=argocd")).POST(HttpRequest.BodyPublishers.ofByteArray(recipe)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, zip.statusCode());
            assertEquals("application/zip", zip.headers().firstValue("Content-Type").orElse(""));
            p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
            StringBuilder restLog = new StringBuilder();
            while ((line = out.readLine()) != null) {
                restLog.append(line).append('\n');
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String rest = restLog.toString();
            assertEquals(0, p.exitValue(), rest);
            assertTrue(rest.contains("server stopped gracefully"), rest);
        } finally {
            p.destroyForcibly();
        }
    }

    static String run(List<String> cmd, Path dir) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        return out;
    }
}
