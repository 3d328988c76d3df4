package aicr.bundle.tree;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.io.Interrupts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signal hook's last resort (a command that did not unwind within its grace period) removes
 * the output lock file too, so a stopped bundle leaves nothing beside its output directory.
 */
class OutputLockInterruptTest {
    @TempDir
    Path tmp;

    @Test
    void theHookRemovesAHeldLockFile() throws Exception {
        Path lockFile = tmp.resolve(".out.aicr.lock");
        try (OutputLock lock = OutputLock.acquire(tmp.resolve("out"))) {
            assertTrue(Files.exists(lockFile));
            Interrupts.removeTrackedThen(() -> { });
            assertFalse(Files.exists(lockFile), "removed as the process would be halted");
        }
        assertFalse(Files.exists(lockFile));
    }
}
