package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a bundle does with hostile or careless inputs around its output: shell syntax in names,
 * dotfiles in --data, symbolic links as -o, two writers of one directory.
 */
class BundleHardeningTest {
    @TempDir
    Path tmp;

    private static final String MINI = "apiVersion: aicr.run/v1alpha2\nkind: RecipeResult\ncomponentRefs:\n"
            + "  - name: cert-manager\n    type: Helm\n    source: https://charts.jetstack.io\n    chart: cert-manager\n"
            + "    version: v1.20.2\n    namespace: NS\ndeploymentOrder:\n  - cert-manager\n";

    private Path recipe(String namespace) throws Exception {
        String quoted = "\"" + namespace.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        return Files.writeString(tmp.resolve("r-" + Math.abs(namespace.hashCode()) + ".yaml"), MINI.replace("NS", quoted));
    }

    private static void assertOneLine(CliRunner.Result r, int code, String fragment) {
        assertEquals(code, r.exitCode(), r.stderr());
        List<String> failures = r.stderr().lines().filter(l -> l.contains("command failed")).toList();
        assertEquals(1, failures.size(), r.stderr());
        assertTrue(failures.get(0).contains(fragment), r.stderr());
        assertFalse(r.stderr().contains("\tat "), r.stderr());
    }

    @Test
    void shellSyntaxInANamespaceNeverReachesTheScripts() throws Exception {
        Path out = tmp.resolve("out");
        for (String ns : List.of("x; touch /tmp/pwned", "$(id)", "a\nb", "UPPER", "-n")) {
            CliRunner.Result r = CliRunner.run("bundle", "-r", recipe(ns).toString(), "-o", out.toString());
            assertOneLine(r, 2, "invalid namespace ");
            assertFalse(Files.exists(out));
        }
        Path bad = Files.writeString(tmp.resolve("name.yaml"), MINI.replace("name: cert-manager", "name: \"a$(id)\"")
                .replace("  - cert-manager", "  - \"a$(id)\"").replace("NS", "ok"));
        assertOneLine(CliRunner.run("bundle", "-r", bad.toString(), "-o", out.toString()), 2, "invalid component name ");
        assertFalse(Files.exists(out));
    }

    @Test
    void dotfilesOfTheDataDirectoryAreNeverCopied() throws Exception {
        Path data = tmp.resolve("data");
        copyTree(BundleFixtures.INPUTS.resolve("mydata"), data);
        Files.writeString(data.resolve(".env"), "TOKEN=secret\n");
        Files.createDirectories(data.resolve(".git"));
        Files.writeString(data.resolve(".git/config"), "[remote]\n");
        Files.writeString(data.resolve("components/my-app/.id_rsa"), "-----BEGIN KEY-----\n");
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("bundle", "-r", BundleFixtures.INPUTS.resolve("mini-manifest-only.yaml").toString(),
                "--data", data.toString(), "-o", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        Set<String> copied = new TreeSet<>();
        try (Stream<Path> s = Files.walk(out.resolve("data"))) {
            s.filter(Files::isRegularFile).forEach(p -> copied.add(out.resolve("data").relativize(p).toString()));
        }
        assertEquals(Set.of("registry.yaml", "components/my-app/cm.yaml", "components/my-app/ns.yaml",
                "components/my-app/values.yaml"), copied);
        assertTrue(r.stderr().contains("hidden files of the external data directory not copied into the bundle: count=3"),
                r.stderr());
    }

    @Test
    void outputThroughASymbolicLinkIsWrittenThroughIt() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        CliRunner.Result r = CliRunner.run("bundle", "-r", recipe("cert-manager").toString(), "-o", link.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertTrue(Files.isRegularFile(real.resolve("deploy.sh")), "the bundle is where the link points");
        assertEquals(List.of(), GoldenTree.checkChecksums(real));

        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere"));
        assertOneLine(CliRunner.run("bundle", "-r", recipe("cert-manager").toString(), "-o", dangling.toString()), 2,
                "is a symbolic link that does not resolve");
        assertFalse(Files.exists(tmp.resolve("nowhere")));

        // a document output (-o FILE) keeps the link and replaces the file it names
        Path target = Files.writeString(tmp.resolve("recipe-target.yaml"), "old\n");
        Path fileLink = Files.createSymbolicLink(tmp.resolve("recipe-link.yaml"), target.getFileName());
        CliRunner.Result rr = CliRunner.run("recipe", "--service", "eks", "-o", fileLink.toString());
        assertEquals(0, rr.exitCode(), rr.stderr());
        assertTrue(Files.isSymbolicLink(fileLink));
        assertTrue(Files.readString(target).startsWith("apiVersion: aicr.run/v1alpha2\n"));
        Path newLink = Files.createSymbolicLink(tmp.resolve("new-link.yaml"), tmp.resolve("created.yaml"));
        assertEquals(0, CliRunner.run("recipe", "--service", "eks", "-o", newLink.toString()).exitCode());
        assertTrue(Files.isRegularFile(tmp.resolve("created.yaml")), "a dangling link creates the file it names");

        // /dev/stdout is a link too (to /proc/self/fd/1, a pipe here): written to, never replaced
        CliRunner.Result dev = CliRunner.runProcess(tmp, Map.of(), "recipe", "--service", "eks", "-o", "/dev/stdout");
        assertEquals(0, dev.exitCode(), dev.stderr());
        assertTrue(dev.stdout().startsWith("apiVersion: aicr.run/v1alpha2\n"), dev.stdout());
    }

    @Test
    void aSecondWriterOfTheSameDirectoryFailsAtOnceAndChangesNothing() throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(0, CliRunner.run("bundle", "-r", recipe("cert-manager").toString(), "-o", out.toString()).exitCode());
        Map<String, String> before = GoldenTree.snapshot(out);
        Path lockFile = tmp.resolve(".out.aicr.lock");
        assertFalse(Files.exists(lockFile), "the lock file goes when the lock is released");
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = ch.lock()) {
            CliRunner.Result r = CliRunner.run("bundle", "-r", recipe("other").toString(), "-o", out.toString());
            assertOneLine(r, 2, "[CONFLICT] output directory " + out + " is being written by another aicr process");
            assertEquals(before, GoldenTree.snapshot(out));
        }
        assertEquals(0, CliRunner.run("bundle", "-r", recipe("other").toString(), "-o", out.toString()).exitCode());
        assertTrue(Files.readString(out.resolve("001-cert-manager/install.sh")).contains("--namespace other"));
    }

    /** Two processes bundling different recipes into one directory: each run is whole; the tree is never mixed. */
    @Test
    void concurrentWritersNeverMixTheirTrees() throws Exception {
        Path out = tmp.resolve("shared");
        Path a = recipe("alpha");
        Path b = recipe("beta");
        for (int round = 0; round < 2; round++) {
            CompletableFuture<CliRunner.Result> first = CompletableFuture.supplyAsync(
                    () -> CliRunner.runProcess(tmp, Map.of(), "bundle", "-r", a.toString(), "-o", out.toString()));
            CompletableFuture<CliRunner.Result> second = CompletableFuture.supplyAsync(
                    () -> CliRunner.runProcess(tmp, Map.of(), "bundle", "-r", b.toString(), "-o", out.toString()));
            List<CliRunner.Result> results = List.of(first.join(), second.join());
            int ok = 0;
            for (CliRunner.Result r : results) {
                if (r.exitCode() == 0) {
                    ok++;
                } else {
                    assertOneLine(r, 2, "is being written by another aicr process");
                }
            }
            assertTrue(ok >= 1, results.toString());
            assertEquals(List.of(), GoldenTree.checkChecksums(out));
            assertEquals(listed(out), files(out), "every file of the tree belongs to the run that wrote checksums.txt");
            String install = Files.readString(out.resolve("001-cert-manager/install.sh"));
            String readme = Files.readString(out.resolve("README.md"));
            assertEquals(install.contains("--namespace alpha"), readme.contains("| alpha |"), "one run's files only");
            try (Stream<Path> s = Files.list(tmp)) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".shared.")), "no staging or lock left");
            }
        }
    }

    private static Set<String> listed(Path root) throws Exception {
        Set<String> out = new TreeSet<>();
        for (String line : Files.readAllLines(root.resolve("checksums.txt"))) {
            if (!line.isBlank()) {
                out.add(line.substring(line.indexOf("  ") + 2));
            }
        }
        return out;
    }

    private static Set<String> files(Path root) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .filter(p -> !p.equals("checksums.txt")).forEach(out::add);
        }
        return out;
    }

    static void copyTree(Path from, Path to) throws Exception {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(from)) {
            s.forEach(all::add);
        }
        for (Path p : all) {
            Path dest = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(dest);
            } else {
                Files.copy(p, dest);
            }
        }
    }
}
