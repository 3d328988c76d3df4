package aicr.bundle.tree;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Interrupts;
import aicr.log.Log;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Puts a finished {@link BundleTree} on disk without ever exposing a partial bundle.
 *
 * <p>The tree is written into a hidden staging directory beside the target. A target that does
 * not exist (or is an empty directory) is then replaced by the staging directory with one
 * rename. An existing, non-empty target (for example {@code -o .}) keeps its foreign files, as
 * the reference does: each top-level entry of the bundle is swapped in by rename, after the
 * entries it replaces and the stale ones the deployer names were moved aside; if any swap
 * fails, the moved entries are put back. Files and directories get their permission bits
 * explicitly, so the result does not depend on the umask.
 */
public final class TreeWriter {
    private TreeWriter() {
    }

    /**
     * Writes {@code tree} to {@code target}.
     *
     * @param stale top-level names in an existing target that belong to an older bundle and must go
     */
    public static void commit(BundleTree tree, Path target, Predicate<String> stale) {
        Path abs = throughLink(target.toAbsolutePath().normalize());
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to create output directory",
                    new IOException("mkdir " + abs + ": not a directory"));
        }
        Interrupts.checkpoint();
        Path parent = abs.getParent();
        List<Path> createdParents = createParents(parent);
        Path staging = null;
        try (OutputLock lock = OutputLock.acquire(abs)) {
            staging = uniqueDir(parent, "." + abs.getFileName() + ".aicr-");
            write(tree, staging);
            setMode(staging, BundleTree.DIR_MODE);
            Interrupts.checkpoint();
            if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS) || isEmptyDir(abs)) {
                Path from = staging;
                Interrupts.critical(() -> {
                    Files.deleteIfExists(abs);
                    move(from, abs);
                });
                Interrupts.untrack(staging);
                staging = null;
            } else {
                swapEntries(staging, abs, stale);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(staging);
            for (int i = createdParents.size() - 1; i >= 0; i--) {
                deleteQuietly(createdParents.get(i));
            }
            if (e instanceof AicrException a) {
                throw a;
            }
            throw new AicrException(ErrorCode.INTERNAL, "failed to write bundle to " + abs, e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /**
     * {@code -o} naming a symbolic link writes through it: the bundle goes where the link points
     * (the link stays), as a shell redirection would. A dangling link is refused.
     */
    private static Path throughLink(Path abs) {
        if (!Files.isSymbolicLink(abs)) {
            return abs;
        }
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "output path " + abs
                    + " is a symbolic link that does not resolve to an existing directory");
        }
    }

    private static List<Path> createParents(Path dir) {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        try {
            for (Path p : missing) {
                Files.createDirectory(p);
                setMode(p, BundleTree.DIR_MODE);
            }
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to create output directory", e);
        }
        return missing;
    }

    static void write(BundleTree tree, Path root) throws IOException {
        for (Map.Entry<String, Integer> d : tree.dirs().entrySet()) {
            Path p = root.resolve(d.getKey());
            Files.createDirectories(p);
        }
        for (Map.Entry<String, BundleTree.TreeFile> f : tree.files().entrySet()) {
            Interrupts.checkpoint();
            Path p = root.resolve(f.getKey());
            Files.write(p, f.getValue().bytes());
            setMode(p, f.getValue().mode());
        }
        // directory modes last: a 0750 parent is still writable by us, but set it once its content is complete
        List<String> dirs = new ArrayList<>(tree.dirs().keySet());
        dirs.sort(Comparator.reverseOrder());
        for (String d : dirs) {
            setMode(root.resolve(d), tree.dirs().get(d));
        }
    }

    /** Moves the staged entries into an existing target, rolling back on failure. */
    private static void swapEntries(Path staging, Path target, Predicate<String> stale) throws IOException {
        Path trash = uniqueDir(target.getParent(), "." + target.getFileName() + ".aicr-old-");
        try {
            Interrupts.critical(() -> swap(staging, target, trash, stale));
        } finally {
            deleteQuietly(trash);
        }
    }

    private static void swap(Path staging, Path target, Path trash, Predicate<String> stale) throws IOException {
        List<String> movedAside = new ArrayList<>();
        List<String> movedIn = new ArrayList<>();
        try {
            List<String> incoming = names(staging);
            for (String name : names(target)) {
                if (incoming.contains(name) || stale.test(name)) {
                    move(target.resolve(name), trash.resolve(name));
                    movedAside.add(name);
                }
            }
            for (String name : incoming) {
                move(staging.resolve(name), target.resolve(name));
                movedIn.add(name);
            }
        } catch (IOException | RuntimeException e) {
            for (String name : movedIn) {
                deleteQuietly(target.resolve(name));
            }
            for (String name : movedAside) {
                try {
                    move(trash.resolve(name), target.resolve(name));
                } catch (IOException ignored) {
                    Log.warn("could not restore an entry of the previous bundle", "path", target.resolve(name));
                }
            }
            throw e;
        }
    }

    /**
     * A new directory {@code <prefix><pid>-<n>} beside the target. Not {@link Files#createTempDirectory}:
     * its random names initialise SecureRandom, which costs tens of milliseconds in a short-lived CLI,
     * and the name only needs to be unique, not unguessable (it is created with createDirectory,
     * which fails rather than reuses).
     */
    private static Path uniqueDir(Path parent, String prefix) throws IOException {
        long pid = ProcessHandle.current().pid();
        for (int n = 0; ; n++) {
            Path p = parent.resolve(prefix + pid + "-" + n);
            try {
                Files.createDirectory(p);
                Interrupts.track(p);
                setMode(p, 0700);
                return p;
            } catch (FileAlreadyExistsException e) {
                if (n > 1000) {
                    throw e;
                }
            }
        }
    }

    private static List<String> names(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                out.add(p.getFileName().toString());
            }
        }
        out.sort(null);
        return out;
    }

    private static boolean isEmptyDir(Path p) throws IOException {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void setMode(Path p, int mode) throws IOException {
        try {
            Files.setPosixFilePermissions(p, toPermissions(mode));
        } catch (UnsupportedOperationException e) {
            // non-POSIX file system: permission bits cannot be expressed, keep the defaults
        }
    }

    static Set<PosixFilePermission> toPermissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE};
        for (int i = 0; i < 9; i++) {
            if ((mode & (0400 >> i)) != 0) {
                s.add(order[i]);
            }
        }
        return s;
    }

    /** Recursive delete that never follows symbolic links and never throws; the path is no longer tracked. */
    static void deleteQuietly(Path p) {
        Interrupts.deleteTree(p);
        Interrupts.untrack(p);
    }
}
