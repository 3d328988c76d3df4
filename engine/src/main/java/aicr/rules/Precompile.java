package aicr.rules;

import aicr.errors.AicrException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Build step (exec-maven-plugin, phase process-classes): compiles the shipped rule files
 * under {@code rules/<kind dir>/} with the executable model and writes the generated classes,
 * an index and the rule files themselves into the class output directory. At run time
 * {@link RuleBase#shipped} only instantiates those classes.
 *
 * <p>Arguments: the {@code rules} directory, the class output directory.
 */
public final class Precompile {
    private Precompile() {
    }

    static final String FACTS_FINGERPRINT = RuleBase.SHIPPED + "facts.sha256";

    /**
     * Rules compiled from --rules directories are bound to the fact classes they were compiled
     * against; the cache key includes this digest of those classes, so a rebuilt aicr with
     * changed facts never loads a stale compiled module (dev builds share a version string).
     */
    static void writeFactsFingerprint(Path out) throws IOException {
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        // the fact types and helpers, and the Go string rules every rule file imports (DrlRenderer)
        for (String dir : List.of("aicr/rules/facts", "aicr/gocompat")) {
            try (var s = Files.list(out.resolve(dir))) {
                for (Path p : s.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    md.update((dir + "/" + p.getFileName()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    md.update(Files.readAllBytes(p));
                }
            }
        }
        Path f = out.resolve(FACTS_FINGERPRINT);
        Files.createDirectories(f.getParent());
        Files.writeString(f, java.util.HexFormat.of().formatHex(md.digest()) + "\n");
    }

    public static void main(String[] args) throws IOException {
        Path rulesRoot = Path.of(args[0]);
        Path out = Path.of(args[1]);
        try {
            writeFactsFingerprint(out);
            for (RuleKind kind : RuleKind.values()) {
                Path dir = rulesRoot.resolve(kind.directory());
                List<RuleFile> files = Files.isDirectory(dir) ? RuleLoader.loadDir(dir, "rules/" + kind.directory()) : List.of();
                List<RuleFile> mismatched = files.stream().filter(f -> f.kind() != kind).toList();
                if (!mismatched.isEmpty()) {
                    RuleFile f = mismatched.get(0);
                    throw RuleLoader.error(f.path(), "kind", "a file under rules/" + kind.directory()
                            + "/ must have kind " + kind.id());
                }
                RuleBase.checkUnique(files);
                List<String> models = List.of();
                if (!files.isEmpty()) {
                    RuleCompiler.Compiled c = RuleCompiler.compile(files, kind.drlPackage());
                    for (var e : c.classes().entrySet()) {
                        Path p = out.resolve(e.getKey());
                        Files.createDirectories(p.getParent());
                        Files.write(p, e.getValue());
                    }
                    models = c.models();
                    for (RuleFile f : files) {
                        Path src = out.resolve("aicr").resolve(f.path());
                        Files.createDirectories(src.getParent());
                        Files.writeString(src, f.source());
                    }
                }
                Path index = out.resolve(RuleBase.SHIPPED + kind.id() + ".index");
                Files.createDirectories(index.getParent());
                Files.write(index, Index.of(files, models).write());
                System.out.println("[rules] precompiled " + files.size() + " " + kind.id() + " rule file(s)");
            }
        } catch (AicrException e) {
            // Fails the Maven build with the one-line message (no System.exit inside Maven's JVM).
            throw new IllegalStateException(e.render());
        }
    }
}
