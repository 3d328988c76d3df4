package aicr.io;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a document goes: stdout for "", "-" (or null), otherwise a file written atomically —
 * to a temporary file beside the target, then moved into place — so a failed command never
 * leaves a half-written file behind.
 */
public final class Output {
    private Output() {
    }

    public static boolean isStdout(String dest) {
        return dest == null || dest.isEmpty() || dest.equals("-");
    }

    /**
     * Writes text whose format the caller does not track; a {@code cm://} destination stores it
     * as JSON when it looks like JSON, else as YAML. Prefer {@link #write(String, Document, PrintStream, String)}.
     */
    public static void write(String dest, String content, PrintStream stdout) {
        String t = content.stripLeading();
        write(dest, Document.of(content, t.startsWith("{") || t.startsWith("[") ? "json" : "yaml"), stdout, null);
    }

    /**
     * Writes {@code doc} to stdout ("", "-"), a ConfigMap ({@code cm://namespace/name}, server-side
     * applied through {@code kubeconfig} or the default chain; spec §0.6) or a file (atomically).
     */
    public static void write(String dest, Document doc, PrintStream stdout, String kubeconfig) {
        if (isStdout(dest)) {
            stdout.print(doc.text());
            stdout.flush();
            return;
        }
        if (isConfigMap(dest)) {
            // the Kubernetes client is loaded only here, when a command really writes to a cluster
            ConfigMapStore.get().write(dest.trim(), doc, kubeconfig);
            return;
        }
        writeFile(Path.of(dest), doc.text().getBytes(StandardCharsets.UTF_8));
    }

    /** True for a {@code cm://} destination (surrounding blanks ignored, as the reference does). */
    public static boolean isConfigMap(String dest) {
        return dest != null && dest.trim().startsWith("cm://");
    }

    /**
     * Atomically replaces {@code target} with {@code bytes}; INTERNAL on failure. A target that is
     * a symbolic link is written through: the file it points to is replaced and the link stays,
     * as with a shell redirection (a dangling link creates the file it names).
     */
    public static void writeFile(Path target, byte[] bytes) {
        Path tmp = null;
        try {
            Path given = target.toAbsolutePath();
            if (Files.isDirectory(given)) {
                throw new IOException("is a directory");
            }
            if (given.toString().startsWith("/dev/") || (Files.exists(given) && !Files.isRegularFile(given))) {
                // devices, pipes and /dev/stdout (a link to /proc/self/fd/1) cannot be replaced by a rename
                Files.write(given, bytes);
                return;
            }
            Path abs = throughLinks(given);
            Path dir = abs.getParent();
            Interrupts.checkpoint();
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            Interrupts.track(tmp);
            Files.write(tmp, bytes);
            keepUsualMode(tmp, abs);
            Interrupts.checkpoint();
            Path from = tmp;
            Interrupts.critical(() -> {
                try {
                    Files.move(from, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(from, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            });
            Interrupts.untrack(tmp);
            tmp = null;
        } catch (IOException | SecurityException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to write output file " + target + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : describe(e)));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temp file is hidden and uniquely named
                }
                Interrupts.untrack(tmp);
            }
        }
    }

    /** The file a chain of symbolic links ends at (relative links resolve against their own directory). */
    static Path throughLinks(Path p) throws IOException {
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops >= 40) {
                throw new IOException("too many levels of symbolic links");
            }
            p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
        }
        return p;
    }

    /**
     * Temporary files are created private (0600); the finished file gets the mode a plain
     * create would give (an existing target keeps its mode, a new one is 0644 less the umask
     * bits a shell would normally clear).
     */
    private static void keepUsualMode(Path tmp, Path target) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> mode = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, mode);
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }
}
