package aicr.bundle.oci;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.JsonReader;
import aicr.io.Values;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Docker credential helpers: {@code docker-credential-<name> get} is run with the registry on
 * standard input and answers {@code {"ServerURL", "Username", "Secret"}} on standard output,
 * as the Docker client runs it. A helper that reports "credentials not found" means no
 * credentials; one that is missing, fails, answers something else or runs past the time limit
 * is an error naming the helper and the config key that chose it.
 */
final class CredentialHelpers {
    /** Helper names are a single path component: the name is appended to {@code docker-credential-}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /** Docker's marker for an identity token in place of a user name. */
    private static final String TOKEN_USER = "<token>";
    /** A helper's answer is a few hundred bytes; more is not an answer. */
    private static final int MAX_OUTPUT = 64 * 1024;

    private final List<Path> path;
    private final Duration timeout;

    CredentialHelpers(List<Path> path, Duration timeout) {
        this.path = List.copyOf(path);
        this.timeout = timeout;
    }

    /** Helpers looked up on {@code $PATH}, 30 seconds each (a keychain prompt is answered by then). */
    static CredentialHelpers fromEnvironment() {
        List<Path> dirs = new ArrayList<>();
        String env = System.getenv("PATH");
        for (String d : (env == null ? "" : env).split(java.io.File.pathSeparator)) {
            if (!d.isEmpty()) {
                dirs.add(Path.of(d));
            }
        }
        return new CredentialHelpers(dirs, Duration.ofSeconds(30));
    }

    /**
     * @param registry what the helper is asked for (the config key form of the registry)
     * @param key the config.json key that chose the helper, for error messages
     */
    Optional<Credentials> get(String helper, String registry, String key) {
        String program = "docker-credential-" + helper;
        if (!NAME.matcher(helper).matches()) {
            throw fail(key, program, "is not a valid helper name", ErrorCode.INVALID_REQUEST);
        }
        Path exe = locate(program);
        if (exe == null) {
            throw fail(key, program, "not found on PATH", ErrorCode.NOT_FOUND);
        }
        Process p;
        try {
            p = new ProcessBuilder(exe.toString(), "get").redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw fail(key, program, "could not be started: " + e.getMessage(), ErrorCode.SERVICE_UNAVAILABLE);
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readBounded(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readBounded(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(registry.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // a helper that does not read its input fails below on its own terms
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw fail(key, program, "get did not answer within " + timeout.toSeconds() + "s", ErrorCode.TIMEOUT);
            }
            String stdout = new String(out.get(timeout.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8).strip();
            String stderr = new String(err.get(timeout.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                String why = stdout.isEmpty() ? stderr : stdout;
                if (why.toLowerCase(java.util.Locale.ROOT).contains("credentials not found")) {
                    return Optional.empty();
                }
                throw fail(key, program, "get failed (exit " + p.exitValue() + ")" + (why.isEmpty() ? "" : ": " + firstLine(why)),
                        ErrorCode.UNAUTHORIZED);
            }
            return Optional.of(parse(stdout, key, program));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new AicrException(ErrorCode.TIMEOUT, "interrupted while running " + program, e);
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw fail(key, program, "output could not be read", ErrorCode.SERVICE_UNAVAILABLE);
        }
    }

    private static Credentials parse(String stdout, String key, String program) {
        Map<String, Object> m;
        try {
            m = Values.mapOf(JsonReader.parse(stdout));
        } catch (RuntimeException e) {
            m = null;
        }
        if (m == null || !(m.get("Username") instanceof String user) || !(m.get("Secret") instanceof String secret)) {
            throw fail(key, program, "get answered no {\"Username\", \"Secret\"} JSON object", ErrorCode.UNAUTHORIZED);
        }
        return user.equals(TOKEN_USER) ? Credentials.identityToken(secret) : Credentials.basic(user, secret);
    }

    private Path locate(String program) {
        for (Path dir : path) {
            Path p = dir.resolve(program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static byte[] readBounded(InputStream in) {
        try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) >= 0; ) {
                if (buf.size() < MAX_OUTPUT) {
                    buf.write(chunk, 0, Math.min(n, MAX_OUTPUT - buf.size()));
                }
            }
            return buf.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static AicrException fail(String key, String program, String what, ErrorCode code) {
        return new AicrException(code, "registry credentials: " + program + " (" + key + " in Docker config) " + what);
    }
}
