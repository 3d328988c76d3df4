package aicr.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shutdown hook's clean-up path (the CLI's InterruptTest covers the path where the command unwinds itself). */
class InterruptsTest {
    @TempDir
    Path tmp;

    @Test
    void trackedPathsAreRemovedWithoutFollowingLinksAndNeverInsideACriticalSection() throws Exception {
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "keep\n");
        Path staging = Files.createDirectories(tmp.resolve(".out.aicr-1/001-x"));
        Files.writeString(staging.resolve("values.yaml"), "a: 1\n");
        Files.createSymbolicLink(staging.resolve("link"), outside);
        Path temp = Files.writeString(tmp.resolve(".r.yaml.1.tmp"), "partial");
        Interrupts.track(tmp.resolve(".out.aicr-1"));
        Interrupts.track(temp);

        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch inside = new CountDownLatch(1);
        Thread renamer = new Thread(() -> {
            try {
                Interrupts.critical(() -> {
                    inside.countDown();
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    order.add("renames done");
                });
            } catch (Exception e) {
                order.add("failed: " + e);
            }
        });
        renamer.start();
        inside.await();
        Interrupts.removeTrackedThen(() -> order.add("cleaned up"));
        renamer.join();

        assertEquals(List.of("renames done", "cleaned up"), order);
        assertFalse(Files.exists(tmp.resolve(".out.aicr-1")));
        assertFalse(Files.exists(temp));
        assertTrue(Files.exists(outside), "a link inside the staging directory is removed, not followed");
        Interrupts.removeTrackedThen(() -> order.add("nothing left to remove"));
        assertEquals(3, order.size());
    }
}
