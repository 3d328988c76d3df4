package aicr.collector;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The filesystem the collectors read: {@code /} on a node, the host's root mounted into the
 * agent pod, or a fixture tree in tests. Every collector names host paths ({@code /proc/cmdline})
 * and reads them through this root, so readings and their keys never depend on where the host
 * is mounted.
 *
 * @param dir the directory that stands for the host's {@code /}
 */
public record HostRoot(Path dir) {

    /** The host itself. */
    public static final HostRoot SYSTEM = new HostRoot(Path.of("/"));

    /**
     * A host root named by {@code --host-root} / {@code AICR_HOST_ROOT}; it must hold a
     * {@code proc} directory (a tree without one is not a host root, and would only yield an
     * empty snapshot).
     */
    public static HostRoot of(String dir) {
        if (dir == null || dir.isBlank()) {
            return SYSTEM;
        }
        Path p = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "host root \"" + dir + "\" is not a directory");
        }
        if (!Files.isDirectory(p.resolve("proc"))) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "host root \"" + dir
                    + "\" has no /proc directory; point --host-root (AICR_HOST_ROOT) at the host's root filesystem");
        }
        return new HostRoot(p);
    }

    /** The file that stands for the absolute host path {@code hostPath}. */
    public Path path(String hostPath) {
        return dir.resolve(hostPath.startsWith("/") ? hostPath.substring(1) : hostPath);
    }

    /** The host path of a file under this root ({@code /proc/sys/vm/swappiness}). */
    String hostPath(Path file) {
        String rel = dir.relativize(file).toString().replace('\\', '/');
        return "/" + rel;
    }

    boolean exists(String hostPath) {
        return Files.exists(path(hostPath));
    }
}
