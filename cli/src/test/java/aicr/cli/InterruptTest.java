package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT and SIGTERM sent to a real {@code aicr bundle} process at timings spread over its run.
 * Whatever the timing: exit 0 with a complete bundle, or exit 5 with one line and nothing
 * written; never a staging directory, trash directory or lock file left beside the output.
 * (A signal that arrives while the JVM is still starting, before {@code main} installed its
 * hook, ends the process the JVM's way, 130/143, with nothing written and nothing printed.)
 */
class InterruptTest {
    @TempDir
    Path tmp;

    /** Signals sent per sweep; each costs one child JVM. */
    private static final int TIMINGS = 6;

    @Test
    void signalsAtAnyTimingLeaveNothingHalfWritten() throws Exception {
        // a --data directory with many files widens the window in which the bundle is being staged
        Path data = tmp.resolve("data");
        BundleHardeningTest.copyTree(BundleFixtures.INPUTS.resolve("mydata"), data);
        for (int i = 0; i < 600; i++) {
            Files.writeString(Files.createDirectories(data.resolve("extra/d" + (i % 20))).resolve("f" + i + ".yaml"),
                    "k: " + "v".repeat(2000) + "\n");
        }
        List<String> args = List.of("bundle", "-r", BundleFixtures.INPUTS.resolve("mini-manifest-only.yaml").toString(),
                "--data", data.toString(), "-o", tmp.resolve("out").toString());

        long start = System.nanoTime();
        Run baseline = start(args).finish();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, baseline.exit, baseline.stderr);
        assertComplete(tmp.resolve("out"));

        int interrupted = 0;
        for (int i = 1; i <= TIMINGS; i++) {
            if (Files.exists(tmp.resolve("out"))) {
                try (Stream<Path> s = Files.walk(tmp.resolve("out"))) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            String signal = i % 2 == 0 ? "TERM" : "INT";
            long delay = millis * i / (TIMINGS + 1);
            Run r = start(args);
            Thread.sleep(delay);
            new ProcessBuilder("kill", "-" + signal, Long.toString(r.process.pid())).start().waitFor();
            r.finish();
            String what = "SIG" + signal + " after " + delay + " ms: exit " + r.exit + "\n" + r.stderr;
            System.out.println("[InterruptTest] SIG" + signal + " after " + delay + " of " + millis + " ms: exit " + r.exit);
            assertFalse(r.stderr.contains("\tat "), what);
            assertNothingBeside(what);
            if (r.exit == 0) {
                assertComplete(tmp.resolve("out"));
            } else if (r.exit == 5) {
                interrupted++;
                List<String> failures = r.stderr.lines().filter(l -> l.contains("command failed")).toList();
                assertEquals(List.of("[cli] command failed: error=[TIMEOUT] interrupted by a signal (SIGINT or SIGTERM); "
                        + "no output was written or changed exitCode=5"), failures, what);
                assertFalse(Files.exists(tmp.resolve("out")), what);
            } else {
                assertTrue((r.exit == 130 || r.exit == 143) && !r.stderr.contains("command failed"), what);
                assertFalse(Files.exists(tmp.resolve("out")), what);
            }
        }
        assertTrue(interrupted > 0, "at least one signal must land while the command runs");
    }

    private void assertNothingBeside(String what) throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            List<String> left = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".out.")).toList();
            assertEquals(List.of(), left, what);
        }
    }

    /** checksums.txt verifies and lists every file. */
    private static void assertComplete(Path out) throws IOException {
        assertEquals(List.of(), GoldenTree.checkChecksums(out));
        Set<String> listed = new TreeSet<>();
        for (String line : Files.readAllLines(out.resolve("checksums.txt"))) {
            listed.add(line.substring(line.indexOf("  ") + 2));
        }
        Set<String> present = new TreeSet<>();
        try (Stream<Path> s = Files.walk(out)) {
            s.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).filter(p -> !p.equals("checksums.txt"))
                    .forEach(present::add);
        }
        assertEquals(listed, present);
    }

    private final class Run {
        final Process process;
        final CompletableFuture<String> err;
        int exit;
        String stderr;

        Run(Process process) {
            this.process = process;
            this.err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            CompletableFuture.runAsync(() -> read(process.getInputStream()));
        }

        Run finish() throws InterruptedException {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the bundle process did not end within 120 s of a signal");
            }
            exit = process.exitValue();
            stderr = err.join();
            return this;
        }
    }

    private Run start(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "aicr.cli.Main"));
        cmd.addAll(args);
        return new Run(new ProcessBuilder(cmd).directory(tmp.toFile()).start());
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
