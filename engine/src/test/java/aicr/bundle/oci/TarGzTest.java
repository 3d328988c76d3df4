package aicr.bundle.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layer archive, read back by the system's GNU tar (an independent implementation). */
class TarGzTest {
    @TempDir
    Path tmp;

    /** 120 characters: over ustar's 100-byte name field, but splittable at a slash into prefix + name. */
    static final String SPLITTABLE = "dir-" + "a".repeat(40) + "/templates/" + "b".repeat(60) + ".yaml";
    /** A last component of 130 characters: no ustar split fits, so it needs a PAX path record. */
    static final String LONG_NAME = "dir/" + "c".repeat(125) + ".yaml";
    /** Over ustar's 255-byte prefix + name: PAX. */
    static final String VERY_LONG = "d".repeat(90) + "/" + "e".repeat(90) + "/" + "f".repeat(90) + "/g.txt";

    static Map<String, byte[]> files() {
        Map<String, byte[]> f = new LinkedHashMap<>();
        f.put("README.md", "# bundle\n".getBytes(StandardCharsets.UTF_8));
        f.put("deploy.sh", "#!/bin/sh\necho ok\n".getBytes(StandardCharsets.UTF_8));
        f.put(SPLITTABLE, "kind: ConfigMap\n".getBytes(StandardCharsets.UTF_8));
        f.put(LONG_NAME, new byte[1536]);
        f.put(VERY_LONG, "x".repeat(513).getBytes(StandardCharsets.UTF_8));
        f.put("dir/empty", new byte[0]);
        f.put("dir/ünïcode-名前.yaml", "a: b\n".getBytes(StandardCharsets.UTF_8));
        return f;
    }

    static byte[] archive() {
        TarGz tar = new TarGz();
        tar.directory("dir", 0750);
        tar.directory("dir/sub", 0755);
        files().forEach((name, content) -> tar.file(name, content, name.endsWith(".sh") ? 0755 : 0600));
        return tar.finish();
    }

    @Test
    void gnuTarExtractsEveryEntryWithItsBytesAndMode() throws Exception {
        Path tgz = tmp.resolve("layer.tar.gz");
        Files.write(tgz, archive());
        Path out = Files.createDirectories(tmp.resolve("out"));
        run("tar", "-xpzf", tgz.toString(), "-C", out.toString());

        Map<String, byte[]> want = new TreeMap<>(files());
        Map<String, byte[]> got = new TreeMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                got.put(out.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        assertEquals(want.keySet(), got.keySet());
        want.forEach((k, v) -> assertArrayEquals(v, got.get(k), k));
        assertEquals("rwxr-xr-x", mode(out.resolve("deploy.sh")));
        assertEquals("rw-------", mode(out.resolve(LONG_NAME)));
        assertEquals("rwxr-x---", mode(out.resolve("dir")));
        assertTrue(Files.isDirectory(out.resolve("dir/sub")));
    }

    @Test
    void gnuTarListsNoWarningsAndTheLongNamesInFull() throws Exception {
        Path tgz = tmp.resolve("layer.tar.gz");
        Files.write(tgz, archive());
        String listing = run("tar", "-tzf", tgz.toString());
        assertTrue(listing.contains(SPLITTABLE + "\n"), listing);
        assertTrue(listing.contains(LONG_NAME + "\n"), listing);
        assertTrue(listing.contains(VERY_LONG + "\n"), listing);
    }

    @Test
    void equalInputGivesEqualBytes() {
        assertArrayEquals(archive(), archive());
    }

    @Test
    void ustarSplitUsesThePrefixOnlyWhenItFits() {
        assertArrayEquals(new String[]{"", "short/path"}, TarGz.ustarSplit("short/path"));
        String[] split = TarGz.ustarSplit(SPLITTABLE);
        assertEquals(SPLITTABLE, split[0] + "/" + split[1]);
        assertTrue(split[1].length() <= 100 && split[0].length() <= 155);
        assertNull(TarGz.ustarSplit(LONG_NAME));
        assertNull(TarGz.ustarSplit(VERY_LONG));
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** Runs a command; fails on a non-zero exit or any output on stderr (tar warns there). */
    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertEquals("", err);
        return out;
    }
}
