package aicr.bundle.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.errors.AicrException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeWriterTest {
    @TempDir
    Path tmp;

    private static BundleTree sample() {
        BundleTree t = new BundleTree();
        t.dir("sources", 0750);
        t.put("sources/a.yaml", "a: 1\n", 0600);
        t.put("001-x/install.sh", "#!/bin/sh\n", 0755);
        t.put("README.md", "hi\n", 0644);
        return t;
    }

    @Test
    void newTargetGetsTheTreeWithItsModes() throws Exception {
        Path out = tmp.resolve("out");
        TreeWriter.commit(sample(), out, n -> false);
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("sources"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("sources/a.yaml"))));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("001-x/install.sh"))));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void existingTargetSwapsEntriesAndDropsStaleOnes() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.createDirectories(out.resolve("002-old"));
        Files.writeString(out.resolve("keep.txt"), "k");
        Files.writeString(out.resolve("README.md"), "old");
        TreeWriter.commit(sample(), out, n -> n.startsWith("00"));
        assertFalse(Files.exists(out.resolve("002-old")));
        assertEquals("k", Files.readString(out.resolve("keep.txt")));
        assertEquals("hi\n", Files.readString(out.resolve("README.md")));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void aFileInTheWayIsAnInternalError() throws Exception {
        Path f = Files.writeString(tmp.resolve("f"), "x");
        AicrException e = assertThrows(AicrException.class, () -> TreeWriter.commit(sample(), f, n -> false));
        assertTrue(e.render().startsWith("[INTERNAL] failed to create output directory: mkdir "), e.render());
    }

    @Test
    void checksumsCoverEveryFileSorted() {
        BundleTree t = sample();
        Checksums.addTo(t);
        String sums = t.get("checksums.txt").text();
        assertEquals(3, sums.lines().count());
        assertTrue(sums.lines().toList().get(0).endsWith("  001-x/install.sh"));
        assertTrue(sums.lines().toList().get(2).endsWith("  sources/a.yaml"));
    }
}
