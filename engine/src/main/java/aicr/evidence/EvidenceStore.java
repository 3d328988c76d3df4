package aicr.evidence;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Evidence on disk: a summary bundle is written to a hidden sibling directory and moved into
 * place whole (files 0600, directories 0755), the pointer through a temporary file, so a
 * failure never leaves a half-written bundle.
 */
public final class EvidenceStore {
    private EvidenceStore() {
    }

    /** Replaces {@code dir} with exactly {@code files}. */
    public static void writeDirectory(Path dir, Map<String, byte[]> files) {
        Path parent = dir.toAbsolutePath().getParent();
        Path staging = null;
        Path old = null;
        try {
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, "." + dir.getFileName() + "-");
            setMode(staging, "rwxr-xr-x");
            for (Map.Entry<String, byte[]> e : new TreeMap<>(files).entrySet()) {
                Path f = staging.resolve(e.getKey());
                mkdirs(staging, f.getParent());
                Files.write(f, e.getValue());
                setMode(f, "rw-------");
            }
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                old = parent.resolve("." + dir.getFileName() + "-old-" + System.nanoTime());
                Files.move(dir, old);
            }
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            staging = null;
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to write evidence bundle " + dir + ": " + e.getMessage());
        } finally {
            deleteTree(staging);
            deleteTree(old);
        }
    }

    /** Adds or replaces one file inside an existing directory, atomically, mode 0600. */
    public static void writeFile(Path file, byte[] content) {
        Path tmp = null;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName() + ".", ".tmp");
            Files.write(tmp, content);
            setMode(tmp, "rw-------");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to write " + file + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and uniquely named
                }
            }
        }
    }

    /** Every regular file under {@code dir} by relative slash path (links refused), bounded in total size. */
    public static Map<String, byte[]> readDirectory(Path dir, long maxTotal) {
        Map<String, byte[]> out = new TreeMap<>();
        long total = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (Files.isSymbolicLink(p)) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "symbolic link in evidence bundle: " + dir.relativize(p));
                }
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                total += Files.size(p);
                if (total > maxTotal) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "evidence bundle " + dir + " exceeds "
                            + (maxTotal >> 20) + " MiB");
                }
                out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to read evidence bundle " + dir + ": " + e.getMessage());
        }
        return out;
    }

    private static void mkdirs(Path root, Path d) throws IOException {
        if (d == null || d.equals(root) || Files.isDirectory(d)) {
            return;
        }
        mkdirs(root, d.getParent());
        Files.createDirectory(d);
        setMode(d, "rwxr-xr-x");
    }

    private static void setMode(Path p, String mode) throws IOException {
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        }
    }

    static void deleteTree(Path p) {
        if (p == null || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(x);
            }
        } catch (IOException ignored) {
            // best effort cleanup of a hidden temporary directory
        }
    }
}
