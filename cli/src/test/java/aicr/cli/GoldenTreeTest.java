package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The golden-tree comparison itself: what it reports in each direction, and what the allow-list lets pass. */
class GoldenTreeTest {
    @TempDir
    Path tmp;

    Path ours;
    Path manifest;

    @BeforeEach
    void tree() throws IOException {
        ours = Files.createDirectories(tmp.resolve("out"));
        write("a/values.yaml", "x: 1\n");
        write("a/helmrelease.yaml", "kind: HelmRelease\n");
        Files.setPosixFilePermissions(ours, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(ours.resolve("a"), PosixFilePermissions.fromString("rwxr-xr-x"));
        manifest = tmp.resolve("listing.txt");
        Files.writeString(manifest, String.join("\n",
                "d 755 - - .",
                "d 755 - - ./a",
                "f 600 18 " + GoldenTree.sha256("kind: HelmRelease\n".getBytes(StandardCharsets.UTF_8)) + " ./a/helmrelease.yaml",
                "f 600 9 " + GoldenTree.sha256("sums\n".getBytes(StandardCharsets.UTF_8)) + " ./checksums.txt") + "\n");
        write("checksums.txt", GoldenTree.sha256("x: 1\n".getBytes(StandardCharsets.UTF_8)) + "  a/values.yaml\n");
    }

    private void write(String rel, String text) throws IOException {
        Path p = ours.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void anExtraFileFailsUnlessItIsADocumentedDifference() throws IOException {
        assertEquals(List.of("not in the reference: a/values.yaml"), GoldenTree.compare("helm", manifest, ours));
        assertEquals(List.of(), GoldenTree.compare("flux", manifest, ours), "flux local chart values.yaml is allowed");
    }

    @Test
    void oneChangedByteFailsEvenInYamlThatParsesTheSame() throws IOException {
        write("a/helmrelease.yaml", "kind:  HelmRelease\n");
        assertEquals(List.of("bytes differ: a/helmrelease.yaml"), GoldenTree.compare("flux", manifest, ours));
    }

    @Test
    void aMissingFileAndAWrongModeFail() throws IOException {
        Files.setPosixFilePermissions(ours.resolve("a/helmrelease.yaml"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.delete(ours.resolve("checksums.txt"));
        assertEquals(List.of("mode of a/helmrelease.yaml: 644, reference 600", "missing checksums.txt",
                "missing checksums.txt"), GoldenTree.compare("flux", manifest, ours));
    }
}
