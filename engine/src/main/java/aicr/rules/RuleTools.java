package aicr.rules;

import aicr.BuildInfo;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry points of {@code aicr rules list|explain|test|doc}. Every subcommand loads both kinds
 * (constraint and bundle-check): the shipped files, plus and replaced by the files of the
 * {@code --rules} directories, exactly as {@code validate --rules} (constraint) and
 * {@code bundle --rules} (bundle-check) use them.
 */
public final class RuleTools {
    private RuleTools() {
    }

    /** The rule bases in effect, one per kind: shipped, or shipped plus (and replaced by) {@code dirs}. */
    public static List<RuleBase> bases(List<Path> dirs) {
        List<RuleBase> out = new ArrayList<>();
        RuleCache cache = new RuleCache(RuleCache.defaultRoot(), BuildInfo.VERSION);
        for (RuleKind k : RuleKind.values()) {
            out.add(RuleBase.withDirectories(k, dirs, cache));
        }
        return out;
    }

    public static List<RuleInfo> list(List<Path> dirs) {
        List<RuleInfo> out = new ArrayList<>();
        if (dirs.isEmpty()) {
            // The build's index is enough; starting the rule engine would only cost time.
            for (RuleKind k : RuleKind.values()) {
                out.addAll(RuleBase.shippedRules(k));
            }
            return out;
        }
        bases(dirs).forEach(b -> out.addAll(b.rules()));
        return out;
    }

    /** The rule sets in effect, one per kind (for the digests {@code rules list} prints). */
    public static List<RuleSet> ruleSets(List<Path> dirs) {
        List<RuleSet> out = new ArrayList<>();
        if (dirs.isEmpty()) {
            for (RuleKind k : RuleKind.values()) {
                String d = RuleBase.shippedDigest(k);
                List<String> files = RuleBase.shippedIndex(k).files().stream().map(Index.FileEntry::path).sorted().toList();
                out.add(new RuleSet(k, d, d, files, List.of(), List.of()));
            }
            return out;
        }
        bases(dirs).forEach(b -> out.add(b.ruleSet()));
        return out;
    }

    /** {@code constraint sha256:…, bundle-check sha256:…}: the shipped digests, from the build's index. */
    public static String shippedDigests() {
        StringBuilder sb = new StringBuilder();
        for (RuleKind k : RuleKind.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(k.id()).append(' ').append(RuleBase.shippedDigest(k));
        }
        return sb.toString();
    }

    /**
     * A rule (by rule id) or a rule file (by file id): metadata, why it exists, and the file with
     * line numbers. An unknown id fails with the closest ids there are.
     */
    public static String explain(String id, List<Path> dirs) {
        List<RuleBase> bases = bases(dirs);
        for (RuleBase b : bases) {
            RuleInfo r = b.rule(id);
            if (r != null) {
                StringBuilder sb = new StringBuilder();
                sb.append("rule:      ").append(r.id()).append('\n');
                sb.append("kind:      ").append(r.kind().id()).append('\n');
                sb.append("severity:  ").append(r.severity()).append('\n');
                sb.append("summary:   ").append(r.summary()).append('\n');
                sb.append("file:      ").append(r.file()).append(":").append(r.line()).append(" (").append(r.fileId())
                        .append(r.shipped() ? ", shipped" : ", from --rules").append(")\n");
                fileDetails(sb, b, b.fileEntry(r.fileId()));
                return sb.toString();
            }
        }
        for (RuleBase b : bases) {
            Index.FileEntry f = b.fileEntry(id);
            if (f != null) {
                StringBuilder sb = new StringBuilder();
                sb.append("file:      ").append(f.path()).append(" (").append(f.id())
                        .append(f.shipped() ? ", shipped" : ", from --rules").append(")\n");
                sb.append("kind:      ").append(b.kind().id()).append('\n');
                sb.append("severity:  ").append(f.severity()).append('\n');
                sb.append("summary:   ").append(f.summary()).append('\n');
                sb.append("rules:\n");
                for (RuleInfo r : b.rules()) {
                    if (r.fileId().equals(f.id())) {
                        sb.append("  ").append(r.file()).append(':').append(r.line()).append("  ").append(r.id())
                                .append(" (").append(r.severity()).append(") ").append(r.summary()).append('\n');
                    }
                }
                fileDetails(sb, b, f);
                return sb.toString();
            }
        }
        List<String> known = new ArrayList<>();
        for (RuleBase b : bases) {
            b.rules().forEach(r -> known.add(r.id()));
            known.addAll(b.fileIds());
        }
        List<String> close = closest(id, known);
        throw new AicrException(ErrorCode.NOT_FOUND, "no rule or rule file with id \"" + id + "\""
                + (close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)") + "; see aicr rules list");
    }

    private static void fileDetails(StringBuilder sb, RuleBase b, Index.FileEntry f) {
        if (!f.operators().isEmpty()) {
            sb.append("operators: ").append(String.join(" ", f.operators())).append(" (this file; all files: ")
                    .append(String.join(" ", b.operatorTokens())).append(")\n");
        }
        if (!f.implemented().isEmpty()) {
            sb.append("implements: ").append(String.join(", ", f.implemented())).append('\n');
        }
        sb.append("sha256:    ").append(f.sha256()).append('\n');
        sb.append("reference: ").append(f.reference()).append("\n\n");
        String src = b.source(f.path());
        sb.append("--- ").append(f.path()).append('\n').append(src == null ? "(source not available)\n" : numbered(src));
    }

    /** The text with right-aligned line numbers, as a reviewer cites it. */
    static String numbered(String src) {
        String[] lines = src.split("\n", -1);
        int n = src.endsWith("\n") ? lines.length - 1 : lines.length;
        int width = Integer.toString(Math.max(n, 1)).length();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String num = Integer.toString(i + 1);
            sb.append(" ".repeat(width - num.length())).append(num).append("  ").append(lines[i]).append('\n');
        }
        return sb.toString();
    }

    /** Up to three ids within a small edit distance of {@code id}, or containing it, closest first. */
    static List<String> closest(String id, List<String> known) {
        int limit = Math.max(2, id.length() / 4);
        return known.stream().distinct()
                .map(k -> Map.entry(k, k.contains(id) || id.contains(k) ? 0 : distance(id, k)))
                .filter(e -> e.getValue() <= limit)
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(3).map(Map.Entry::getKey).toList();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** What {@code aicr rules test} found: files that are invalid (all of them), and the cases run. */
    public record TestRun(List<String> invalid, List<CaseRunner.Result> results) {
    }

    /**
     * Checks every file of {@code dirs} (schema, safety check, compile) and reports every invalid
     * one; when all are valid, runs the example cases of every rule file in effect (or, with
     * {@code givenOnly}, of the files of {@code dirs} only) against the rule bases that
     * {@code --rules dirs} would give.
     */
    public static TestRun test(List<Path> dirs, boolean givenOnly) {
        List<String> invalid = invalidFiles(dirs);
        if (!invalid.isEmpty()) {
            return new TestRun(invalid, List.of());
        }
        List<RuleBase> bases;
        try {
            bases = bases(dirs);
        } catch (AicrException e) {
            List<String> compile = compileErrors(dirs);
            return new TestRun(compile.isEmpty() ? List.of(e.render()) : compile, List.of());
        }
        List<CaseRunner.Result> out = new ArrayList<>();
        for (RuleBase b : bases) {
            Map<String, RuleFile> files = new LinkedHashMap<>();
            for (RuleInfo r : b.rules()) {
                if (givenOnly && r.shipped()) {
                    continue;
                }
                files.computeIfAbsent(r.file(), f -> {
                    String src = b.source(f);
                    if (src == null) {
                        throw new AicrException(ErrorCode.INTERNAL, "rule file " + f + " is not readable");
                    }
                    return RuleLoader.parse(f, src);
                });
            }
            out.addAll(CaseRunner.run(b, List.copyOf(files.values()), CaseAdapter.registered()));
        }
        return new TestRun(List.of(), out);
    }

    /** Every file of {@code dirs} that does not parse or does not pass the safety check, one line each. */
    static List<String> invalidFiles(List<Path> dirs) {
        List<String> out = new ArrayList<>();
        for (Path dir : dirs) {
            List<Path> files;
            try {
                files = RuleLoader.files(dir);
            } catch (AicrException e) {
                out.add(e.render());
                continue;
            }
            for (Path p : files) {
                String name = RuleLoader.name(dir, p, "");
                try {
                    SafetyCheck.check(RuleLoader.parse(name, Files.readString(p, StandardCharsets.UTF_8)));
                } catch (AicrException e) {
                    out.add(e.render());
                } catch (IOException e) {
                    out.add(name + ": cannot read file: " + e.getMessage());
                }
            }
        }
        return out;
    }

    /** Each --rules file that does not compile on its own (only on the failure path). */
    private static List<String> compileErrors(List<Path> dirs) {
        List<String> out = new ArrayList<>();
        for (Path dir : dirs) {
            for (RuleFile f : RuleLoader.loadDir(dir, "")) {
                try {
                    RuleBase.compile(f.kind(), List.of(f));
                } catch (AicrException e) {
                    out.add(e.render());
                }
            }
        }
        return out;
    }

    /**
     * One Markdown document of every rule in effect ({@code aicr rules doc}): per kind the rule
     * set's digest, then per file its id, kind, severity, summary, reference, operators or
     * implemented functions, its rules with their lines, its cases and its source.
     */
    public static String doc(List<Path> dirs) {
        StringBuilder sb = new StringBuilder("# aicr rules\n\n");
        sb.append("Generated by `aicr rules doc").append(dirs.isEmpty() ? "" : " --rules …").append("` (aicr ")
                .append(BuildInfo.VERSION).append("). Every rule in effect");
        sb.append(dirs.isEmpty() ? ": the shipped rule files.\n\n" : ": the shipped rule files, plus and replaced by the"
                + " files of the --rules directories.\n\n");
        sb.append("| kind | rule set digest | shipped digest | added | replaced |\n|---|---|---|---|---|\n");
        List<RuleBase> bases = bases(dirs);
        for (RuleBase b : bases) {
            RuleSet rs = b.ruleSet();
            sb.append("| ").append(rs.kind().id()).append(" | `").append(rs.digest()).append("` | `")
                    .append(rs.shippedDigest()).append("` | ").append(md(String.join(", ", rs.added()))).append(" | ")
                    .append(md(String.join(", ", rs.replaced()))).append(" |\n");
        }
        for (RuleBase b : bases) {
            sb.append("\n## ").append(b.kind().id()).append(" rules\n");
            for (String fileId : b.fileIds()) {
                Index.FileEntry f = b.fileEntry(fileId);
                String src = b.source(f.path());
                RuleFile file = src == null ? null : RuleLoader.parse(f.path(), src);
                sb.append("\n### ").append(f.id()).append("\n\n");
                sb.append("| | |\n|---|---|\n");
                row(sb, "file", "`" + f.path() + "`" + (f.shipped() ? " (shipped)" : " (--rules)"));
                row(sb, "kind", b.kind().id());
                row(sb, "severity", f.severity());
                row(sb, "summary", f.summary());
                row(sb, "reference", f.reference());
                if (!f.operators().isEmpty()) {
                    row(sb, "operators", "`" + String.join("` `", f.operators()) + "`");
                }
                if (!f.implemented().isEmpty()) {
                    row(sb, "implements", String.join(", ", f.implemented()));
                }
                row(sb, "sha256", "`" + f.sha256() + "`");
                sb.append("\n| rule | line | severity | summary |\n|---|---|---|---|\n");
                for (RuleInfo r : b.rules()) {
                    if (r.fileId().equals(f.id())) {
                        sb.append("| `").append(r.id()).append("` | ").append(r.line()).append(" | ").append(r.severity())
                                .append(" | ").append(md(r.summary())).append(" |\n");
                    }
                }
                if (file != null && !file.cases().isEmpty()) {
                    sb.append("\n| case | line | expect | rule | message |\n|---|---|---|---|---|\n");
                    for (RuleFile.RuleCase c : file.cases()) {
                        sb.append("| ").append(md(c.name())).append(" | ").append(c.line()).append(" | ").append(c.expect())
                                .append(" | ").append(c.rule() == null ? "" : "`" + c.rule() + "`").append(" | ")
                                .append(c.message() == null ? "" : md(c.message())).append(" |\n");
                    }
                }
                sb.append("\n<details><summary>source</summary>\n\n```yaml\n")
                        .append(src == null ? "(source not available)\n" : numbered(src)).append("```\n\n</details>\n");
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String k, String v) {
        sb.append("| ").append(k).append(" | ").append(md(v)).append(" |\n");
    }

    /** Table-cell text: one line, pipes escaped. */
    private static String md(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
    }
}
