package aicr.io;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What a command does when the process is told to stop (SIGINT, SIGTERM). The CLI entry point
 * calls {@link #interrupt} from its shutdown hook; the engine then stops at its next
 * {@link #checkpoint()} and unwinds through its usual failure paths, which remove temporary
 * files and staging directories, so an interrupted command leaves nothing half-written.
 *
 * <p>Writers register their temporary paths ({@link #track}) so that the hook can still remove
 * them if the command does not unwind in time, and run the steps that must not be torn (the
 * renames that put finished output in place) as a {@link #critical} section, which the hook
 * waits for. State is process-wide: only the CLI's {@code main} installs the hook.
 */
public final class Interrupts {
    private Interrupts() {
    }

    private static volatile boolean interrupted;
    /** Held (a plain monitor: nothing to load on the start-up path) by critical sections, and by the hook's clean-up. */
    private static final Object CRITICAL = new Object();
    private static final Set<Path> TEMPORARY = ConcurrentHashMap.newKeySet();

    /** A step that may throw an I/O error. */
    @FunctionalInterface
    public interface IoStep {
        void run() throws java.io.IOException;
    }

    /** Marks the process as interrupted; the running command stops at its next checkpoint. */
    public static void interrupt() {
        interrupted = true;
    }

    public static boolean interrupted() {
        return interrupted;
    }

    /** Throws TIMEOUT (exit 5) once the process has been told to stop. Cheap: one volatile read. */
    public static void checkpoint() {
        if (interrupted) {
            throw new AicrException(ErrorCode.TIMEOUT, MESSAGE);
        }
    }

    /** The one line an interrupted command ends with. */
    public static final String MESSAGE = "interrupted by a signal (SIGINT or SIGTERM); no output was written or changed";

    /** A temporary path to remove if the process is stopped before the command removes it itself. */
    public static void track(Path p) {
        TEMPORARY.add(p);
    }

    public static void untrack(Path p) {
        if (p != null) {
            TEMPORARY.remove(p);
        }
    }

    /**
     * Runs {@code step} so that the shutdown hook never acts in its middle: the hook's clean-up
     * waits until it is over. Checkpoints are the caller's business (before, not inside).
     */
    public static void critical(IoStep step) throws java.io.IOException {
        synchronized (CRITICAL) {
            step.run();
        }
    }

    /**
     * Runs a clean-up {@code step} (deleting what a command created on a cluster) as a critical
     * section, on a thread that a signal may have interrupted: the interrupt flag is cleared for
     * the step, so that its bounded waits for the deletions are not cut short, and set again after.
     */
    public static void cleanUp(Runnable step) {
        boolean wasInterrupted = Thread.interrupted();
        try {
            synchronized (CRITICAL) {
                step.run();
            }
        } finally {
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * For the shutdown hook when the command did not unwind in time: waits for a critical section
     * (a few renames) to end, removes every tracked path (directories with their content; links
     * are removed, never followed), then runs {@code last} (which halts the process) still holding
     * the critical monitor, so that no critical section can start after the clean-up.
     */
    public static void removeTrackedThen(Runnable last) {
        synchronized (CRITICAL) {
            for (Path p : Set.copyOf(TEMPORARY)) {
                deleteTree(p);
                TEMPORARY.remove(p);
            }
            last.run();
        }
    }

    /** Recursive delete that never follows symbolic links and never throws. */
    public static void deleteTree(Path p) {
        if (p == null || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            List<Path> all = new ArrayList<>(s.toList());
            all.sort(Comparator.reverseOrder());
            for (Path x : all) {
                Files.deleteIfExists(x);
            }
        } catch (IOException | RuntimeException e) {
            aicr.log.Log.debug("could not remove temporary path", "path", p, "error", e.getMessage());
        }
    }
}
