package aicr.bundle.tree;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a bundle output directory, held while the bundle is staged and moved into
 * place: a hidden lock file {@code .<name>.aicr.lock} beside the directory, locked with
 * {@link FileChannel#tryLock()} (an OS lock, released by the kernel if the process dies). A
 * second writer of the same directory fails at once (CONFLICT, exit 2) instead of mixing its
 * tree with the first one's.
 *
 * <p>The lock file is removed when the lock is released, so nothing is left beside the output;
 * it is tracked by {@link aicr.io.Interrupts}, so a process stopped by a signal before it
 * unwinds removes it too.
 * Removal is safe against a writer that opened the file just before: the holder deletes the file
 * before it unlocks, and a writer that gets the lock checks that the path still names the file it
 * locked (a token it wrote must read back through the path) and otherwise starts over.
 */
final class OutputLock implements AutoCloseable {
    private static final int ATTEMPTS = 20;

    private final Path file;
    private final FileChannel channel;

    private OutputLock(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Locks the output directory {@code target} (absolute); CONFLICT when another writer holds it. */
    static OutputLock acquire(Path target) throws IOException {
        Path file = target.resolveSibling("." + target.getFileName() + ".aicr.lock");
        String token = ProcessHandle.current().pid() + "-" + System.nanoTime() + "-" + Thread.currentThread().getId();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            boolean keep = false;
            try {
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // held by another thread of this process (in-process callers, the server)
                }
                if (lock == null) {
                    throw busy(target, file);
                }
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(token.getBytes(StandardCharsets.UTF_8)), 0);
                if (namesLockedFile(file, token)) {
                    keep = true;
                    // a signal that stops the process before close() still removes the file
                    aicr.io.Interrupts.track(file);
                    return new OutputLock(file, ch);
                }
                // the previous holder removed the file after we opened it: lock the current one
            } finally {
                if (!keep) {
                    ch.close();
                }
            }
        }
        throw busy(target, file);
    }

    private static boolean namesLockedFile(Path file, String token) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).equals(token);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static AicrException busy(Path target, Path file) {
        return new AicrException(ErrorCode.CONFLICT, "output directory " + target
                + " is being written by another aicr process (lock file " + file.getFileName()
                + "); run again when it has finished");
    }

    /** Removes the lock file, then releases the lock (in that order: see the class comment). */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
            aicr.io.Interrupts.untrack(file);
        } catch (IOException e) {
            aicr.log.Log.debug("could not remove the output lock file", "path", file, "error", e.getMessage());
        }
        try {
            channel.close();
        } catch (IOException e) {
            aicr.log.Log.debug("could not close the output lock file", "path", file, "error", e.getMessage());
        }
    }
}
