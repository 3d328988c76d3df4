package aicr.cli;

import aicr.io.HostileDocuments;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hostile-input corpus ({@code src/test/resources/hostile/*.case}, one case per file) and its
 * replay through the CLI. {@link #main} runs in a child JVM with {@code -Xmx512m} (so every case
 * stays within 512 MB), replays each case in-process with a generous hang guard, checks it and
 * prints one result line per case: {@code PASS name exit ms} or {@code FAIL name: why}.
 *
 * <p>A case file is a header, a {@code ---} line, and the body of its input file:
 * <pre>
 * # what it tries
 * args: recipe --criteria {input}     (space-separated; \n \t \s escapes; placeholders below)
 * input: c.yaml                      (path of the input file in the case's work directory)
 * kind: file | fifo | dir | unreadable | loop
 * generate: laughs 9 10              (the body is generated instead: laughs L W, nested-json N,
 *                                     nested-yaml N, repeat N TEXT)
 * escapes: true                      (\xNN in the body is that byte)
 * exit: 2
 * error: regex the one error line must match
 * ---
 * body
 * </pre>
 * Placeholders: {input}, {out} (an output path that must not exist afterwards unless exit is 0),
 * {work}, {recipe} (a small valid recipe), {snapshot} (a valid snapshot), {data} (a data
 * directory with the catalog's registry.yaml; inputs under data/ land in it), {mydata} (the
 * golden bundle data directory; inputs under mydata/ land in it), {mini} (its recipe),
 * {nested-json:N} and {path:N} (generated flag values).
 */
final class HostileCorpus {
    private HostileCorpus() {
    }

    static final long HANG_GUARD_SECONDS = 60;

    record Case(String name, List<String> args, String input, String kind, byte[] body, int exit, Pattern error) {
    }

    static Case parse(String name, byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1); // bytes stay bytes
        int sep = text.indexOf("\n---\n");
        String header = sep < 0 ? text : text.substring(0, sep);
        byte[] body = sep < 0 ? new byte[0] : text.substring(sep + 5).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, String> h = new LinkedHashMap<>();
        for (String line : header.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            h.put(line.substring(0, colon).trim(), new String(line.substring(colon + 1).trim()
                    .getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
        if (h.containsKey("generate")) {
            body = generate(h.get("generate"));
        } else if ("true".equals(h.get("escapes"))) {
            body = unescape(new String(body, StandardCharsets.ISO_8859_1));
        }
        List<String> args = new ArrayList<>();
        for (String a : h.get("args").split(" ")) {
            if (!a.isEmpty()) {
                args.add(a.replace("\\n", "\n").replace("\\t", "\t").replace("\\s", " "));
            }
        }
        return new Case(name, args, h.get("input"), h.getOrDefault("kind", "file"), body,
                Integer.parseInt(h.get("exit")), Pattern.compile(h.getOrDefault("error", "")));
    }

    static byte[] generate(String spec) {
        String[] p = spec.split(" ", 3);
        String out = switch (p[0]) {
            case "laughs" -> HostileDocuments.laughs(Integer.parseInt(p[1]), Integer.parseInt(p[2]), "[lol]");
            case "nested-json" -> nestedJson(Integer.parseInt(p[1]));
            case "nested-yaml" -> "spec:\n  a: " + HostileDocuments.nested("{a: ", "x", "}", Integer.parseInt(p[1])) + "\n";
            case "repeat" -> p[2].replace("\\n", "\n").repeat(Integer.parseInt(p[1]));
            default -> throw new IllegalArgumentException("unknown generator " + spec);
        };
        return out.getBytes(StandardCharsets.UTF_8);
    }

    static String nestedJson(int depth) {
        return HostileDocuments.nested("[", "", "]", depth);
    }

    private static byte[] unescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("\\x", i) && i + 4 <= s.length()) {
                out.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                out.write(s.charAt(i));
            }
        }
        return out.toByteArray();
    }

    /** Loads every case of {@code dir}, in name order. */
    static List<Case> load(Path dir) throws IOException {
        List<Case> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".case")).sorted().toList()) {
                String name = p.getFileName().toString();
                out.add(parse(name.substring(0, name.length() - 5), Files.readAllBytes(p)));
            }
        }
        return out;
    }

    /** Replays the corpus of {@code args[0]} under the work root {@code args[1]}; one result line per case. */
    public static void main(String[] args) throws Exception {
        List<Case> cases = load(Path.of(args[0]));
        Path root = Path.of(args[1]);
        PrintStream report = System.out;
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "corpus", 0);
            t.setDaemon(true);
            return t;
        });
        for (Case c : cases) {
            Path work = Files.createDirectories(root.resolve(c.name()));
            String verdict;
            try {
                verdict = replay(c, work, runner);
            } catch (TimeoutException e) {
                report.println("FAIL " + c.name() + ": still running after " + HANG_GUARD_SECONDS + " s");
                report.flush();
                System.exit(1); // the hung command cannot be stopped in-process
                return;
            } catch (Exception | Error e) {
                verdict = "FAIL " + c.name() + ": harness error " + e;
            }
            report.println(verdict);
            report.flush();
        }
        System.exit(0);
    }

    private static String replay(Case c, Path work, ExecutorService runner) throws Exception {
        Path input = c.input() == null ? null : prepare(c, work);
        if (input != null && c.kind().equals("unreadable") && Files.isReadable(input)) {
            return "SKIP " + c.name() + ": a file with mode 000 is readable here (root with CAP_DAC_OVERRIDE)";
        }
        Path out = work.resolve("out");
        List<String> argv = new ArrayList<>();
        for (String a : c.args()) {
            argv.add(expand(a, work, input, out));
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        Future<Integer> f = runner.submit(() -> {
            try (PrintStream o = new PrintStream(stdout, true, StandardCharsets.UTF_8);
                 PrintStream e = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
                return Main.run(argv.toArray(String[]::new), o, e);
            }
        });
        int exit = f.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String err = stderr.toString(StandardCharsets.UTF_8);
        String why = check(c, exit, stdout.toString(StandardCharsets.UTF_8), err, out, work);
        return why == null ? "PASS " + c.name() + " " + exit + " " + ms
                : "FAIL " + c.name() + ": " + why + " | exit " + exit + " | stderr: " + err.replace("\n", "\\n");
    }

    /** Null when the result is what the case expects. */
    static String check(Case c, int exit, String stdout, String stderr, Path out, Path work) throws IOException {
        if (stderr.contains("\tat ") || stderr.contains("Exception in thread")) {
            return "stack trace on stderr";
        }
        if (exit != c.exit()) {
            return "exit " + exit + ", expected " + c.exit();
        }
        if (exit == 0) {
            return null;
        }
        List<String> errors = stderr.lines().filter(l -> l.contains("command failed") || l.startsWith("Error:")).toList();
        if (errors.size() != 1) {
            return errors.size() + " error lines, expected one";
        }
        if (!c.error().matcher(errors.get(0)).find()) {
            return "error line does not match /" + c.error() + "/: " + errors.get(0);
        }
        if (!stdout.isEmpty()) {
            return "stdout not empty on failure";
        }
        if (Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return "output left behind after a failure";
        }
        try (Stream<Path> s = Files.list(work)) {
            List<String> hidden = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".out")).toList();
            if (!hidden.isEmpty()) {
                return "temporary files left behind: " + hidden;
            }
        }
        return null;
    }

    private static String expand(String a, Path work, Path input, Path out) throws IOException {
        String s = a.replace("{work}", work.toString()).replace("{out}", out.toString())
                .replace("{recipe}", fixture(work, "recipe.yaml", MINI_RECIPE).toString())
                .replace("{snapshot}", SNAPSHOT.toString())
                .replace("{mini}", BundleFixtures.INPUTS.resolve("mini-manifest-only.yaml").toString())
                .replace("{data}", work.resolve("data").toString()).replace("{mydata}", work.resolve("mydata").toString());
        if (input != null) {
            s = s.replace("{input}", input.toString());
        }
        for (String gen : List.of("nested-json", "path")) {
            String open = "{" + gen + ":";
            int i = s.indexOf(open);
            if (i >= 0) {
                int end = s.indexOf('}', i);
                int n = Integer.parseInt(s.substring(i + open.length(), end));
                String v = gen.equals("path") ? String.join(".", java.util.Collections.nCopies(n, "a")) : nestedJson(n);
                s = s.substring(0, i) + v + s.substring(end + 1);
            }
        }
        if (s.contains("{data}") || a.contains("{data}")) {
            dataDir(work.resolve("data"), "catalog");
        }
        if (a.contains("{mydata}")) {
            dataDir(work.resolve("mydata"), "mydata");
        }
        return s;
    }

    static final String MINI_RECIPE = "apiVersion: aicr.run/v1alpha2\nkind: RecipeResult\ncomponentRefs:\n"
            + "  - name: cert-manager\n    type: Helm\n    source: https://charts.jetstack.io\n    chart: cert-manager\n"
            + "    version: v1.20.2\n    namespace: cert-manager\ndeploymentOrder:\n  - cert-manager\n";

    static final Path SNAPSHOT = BundleFixtures.ROOT.resolve("golden/validate/reference/constraint-probe-snapshot.yaml");

    private static Path fixture(Path work, String name, String text) throws IOException {
        Path p = work.resolve(name);
        if (!Files.exists(p)) {
            Files.writeString(p, text);
        }
        return p;
    }

    private static void dataDir(Path dir, String base) throws IOException {
        if (base.equals("catalog")) {
            Files.createDirectories(dir);
            if (!Files.exists(dir.resolve("registry.yaml"))) {
                Files.copy(BundleFixtures.ROOT.resolve("recipes/registry.yaml"), dir.resolve("registry.yaml"));
            }
            return;
        }
        try (Stream<Path> s = Files.walk(BundleFixtures.INPUTS.resolve("mydata"))) {
            for (Path p : s.toList()) {
                Path dest = dir.resolve(BundleFixtures.INPUTS.resolve("mydata").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else if (!Files.exists(dest)) {
                    Files.copy(p, dest);
                }
            }
        }
    }

    private static Path prepare(Case c, Path work) throws IOException, InterruptedException {
        Path p = work.resolve(c.input());
        Files.createDirectories(p.getParent());
        switch (c.kind()) {
            case "file" -> Files.write(p, c.body());
            case "dir" -> Files.createDirectories(p);
            case "fifo" -> {
                if (new ProcessBuilder("mkfifo", p.toString()).start().waitFor() != 0) {
                    throw new IOException("mkfifo failed");
                }
            }
            case "unreadable" -> {
                Files.write(p, c.body());
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
            }
            case "loop" -> Files.createSymbolicLink(p, p.getFileName());
            default -> throw new IllegalArgumentException("unknown kind " + c.kind());
        }
        return p;
    }
}
