package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the hostile-input corpus (src/test/resources/hostile, see {@link HostileCorpus}) through
 * the CLI in one child JVM limited to 512 MB of heap, so that no case can pass by using more.
 * When the tests run as root, the child runs without CAP_DAC_OVERRIDE (setpriv) so that
 * "permission denied" cases can be checked too.
 */
class HostileInputCorpusTest {
    @TempDir
    Path tmp;

    static final Path CORPUS = BundleFixtures.ROOT.resolve("cli/src/test/resources/hostile");

    @Test
    void everyCaseFailsCleanlyOrSucceeds() throws Exception {
        int total = HostileCorpus.load(CORPUS).size();
        assertTrue(total >= 120, "corpus has " + total + " cases");
        List<String> cmd = new ArrayList<>();
        if (isRoot() && Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            cmd.addAll(List.of("/usr/bin/setpriv", "--bounding-set=-dac_override,-dac_read_search"));
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "aicr.cli.HostileCorpus", CORPUS.toString(), tmp.toString()));
        Process p = new ProcessBuilder(cmd).start(); // in this module: the fixtures are found from the working directory
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the replay did not finish");
        List<String> lines = report.lines().toList();
        List<String> failed = lines.stream().filter(l -> !l.startsWith("PASS ") && !l.startsWith("SKIP ")).toList();
        List<String> skipped = lines.stream().filter(l -> l.startsWith("SKIP ")).toList();
        long passed = lines.stream().filter(l -> l.startsWith("PASS ")).count();
        System.out.println("[HostileInputCorpusTest] " + passed + " of " + total + " cases passed, " + skipped.size()
                + " skipped" + (skipped.isEmpty() ? "" : " " + skipped) + "; slowest: " + lines.stream()
                .filter(l -> l.startsWith("PASS ")).sorted(java.util.Comparator.comparingLong(
                        (String l) -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).reversed())
                .limit(5).map(l -> l.substring(5)).toList());
        assertEquals(List.of(), failed, new String(err.join(), StandardCharsets.UTF_8));
        assertEquals(0, p.exitValue(), new String(err.join(), StandardCharsets.UTF_8));
        assertEquals(total, passed + skipped.size(), report);
        assertTrue(skipped.stream().allMatch(s -> s.contains("mode 000 is readable")), skipped.toString());
    }

    private static boolean isRoot() {
        try {
            return "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).strip());
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
