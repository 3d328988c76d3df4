package aicr.collector;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The filesystem the collectors read: {@code /} on a node, the host's root mounted into the
 * agent pod, or a fixture tree in tests. Every collector names host paths ({@code /proc/cmdline})
 * and reads them through this root, so readings and their keys never depend on where the host
 * is mounted.
 *
 * <p>Symbolic links are followed as the host itself would follow them, inside the root: an
 * absolute target ({@code /etc/os-release -> /usr/lib/os-release}) starts again at the root and
 * {@code ..} stops at it, so no link in a host tree (a careless fixture, or a hostile node image)
 * makes a collector read the agent container's own files or anything outside the root.
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

    /** Most symbolic links followed for one host path (Linux's MAXSYMLINKS). */
    static final int MAX_LINKS = 40;

    /**
     * The file that stands for the absolute host path {@code hostPath}, every symbolic link on
     * the way resolved inside this root. A path whose links loop (more than {@link #MAX_LINKS})
     * is INVALID_REQUEST. A component that does not exist ends the resolution: the rest is
     * appended as given, so reading it fails as "no such file or directory".
     */
    public Path path(String hostPath) {
        Deque<String> todo = new ArrayDeque<>(List.of(hostPath.split("/")));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            done.add(c);
            Path here = join(done);
            if (!Files.isSymbolicLink(here)) {
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "host path " + hostPath + ": too many levels of symbolic links");
            }
            String target;
            try {
                target = Files.readSymbolicLink(here).toString();
            } catch (IOException e) {
                continue; // replaced meanwhile: reading it reports the problem
            }
            done.remove(done.size() - 1);
            if (target.startsWith("/")) {
                done.clear();
            }
            String[] parts = target.split("/");
            for (int i = parts.length - 1; i >= 0; i--) {
                todo.addFirst(parts[i]);
            }
        }
        return join(done);
    }

    private Path join(List<String> components) {
        Path p = dir;
        for (String c : components) {
            p = p.resolve(c);
        }
        return p;
    }

    boolean exists(String hostPath) {
        return Files.exists(path(hostPath));
    }
}
