package aicr.cli;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Output;
import aicr.rules.CaseRunner;
import aicr.rules.RuleInfo;
import aicr.rules.RuleKind;
import aicr.rules.RuleSet;
import aicr.rules.RuleTools;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aicr rules list|explain|test|doc}: the rule files behind validate and bundle checks. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"List, explain, test and document the rule files that decide constraints",
                "(rules/constraints, used by validate) and bundle checks (rules/bundle-checks,",
                "used by bundle). Every subcommand loads both kinds: the shipped files, plus and",
                "replaced by the files of --rules directories. See docs/rules.md."},
        subcommands = {RulesCommand.ListCommand.class, RulesCommand.ExplainCommand.class, RulesCommand.TestCommand.class,
                RulesCommand.DocCommand.class},
        footer = {"", "Examples:",
                "  aicr rules list",
                "  aicr rules explain constraint.version-order.ge",
                "  aicr rules explain constraint.version-order        # a whole file, by its id",
                "  aicr rules test ./site-rules --given-only",
                "  aicr rules doc --rules ./site-rules -o rules.md"})
final class RulesCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Streams.err());
    }

    static final String RULES_HELP = "Include (and let replace) the rule files of DIR, all kinds (repeatable: later "
            + "directories replace files of earlier ones with the same id).";

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"One line per rule: id, kind, severity, file:line, summary; then the digest of each",
                    "kind's rule set (what reports pin)."})
    static final class ListCommand implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--rules", paramLabel = "DIR", description = RULES_HELP)
        List<Path> rules = new ArrayList<>();

        @Override
        public Integer call() {
            List<RuleInfo> all = RuleTools.list(rules);
            String[][] rows = new String[all.size() + 1][];
            rows[0] = new String[]{"ID", "KIND", "SEVERITY", "FILE", "SUMMARY"};
            for (int i = 0; i < all.size(); i++) {
                RuleInfo r = all.get(i);
                rows[i + 1] = new String[]{r.id(), r.kind().id(), r.severity(), r.file() + ":" + r.line(), r.summary()};
            }
            PrintStream out = Streams.out();
            out.print(table(rows));
            out.println();
            for (RuleSet s : RuleTools.ruleSets(rules)) {
                out.println(s.kind().id() + " rule set " + s.digest() + (s.shippedOnly() ? " (shipped)"
                        : " (shipped " + s.shippedDigest() + describe(s) + ")"));
            }
            return 0;
        }
    }

    static String describe(RuleSet s) {
        return (s.added().isEmpty() ? "" : "; added " + String.join(", ", s.added()))
                + (s.replaced().isEmpty() ? "" : "; replaced " + String.join(", ", s.replaced()));
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = {"Show a rule, or a whole rule file by its id: metadata, why it exists (reference),",
                    "and the file with line numbers and its example cases."},
            footer = {"", "Exit codes: 0 shown; 3 no such rule or file id (the closest ids are suggested)."})
    static final class ExplainCommand implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "Rule id or rule-file id (see aicr rules list).")
        String id;

        @Option(names = "--rules", paramLabel = "DIR", description = RULES_HELP)
        List<Path> rules = new ArrayList<>();

        @Override
        public Integer call() {
            Streams.out().print(RuleTools.explain(id, rules));
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Check every rule file of the DIRs (schema, safety check, compile) and report every",
                    "invalid one; then run the example cases of every rule file in effect, both kinds:",
                    "the shipped ones plus (and replaced by) the DIRs' files, exactly as",
                    "validate --rules / bundle --rules would use them."},
            footer = {"", "Exit codes: 0 every case holds; 2 a case failed or a rule file is invalid."})
    static final class TestCommand implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "DIR", arity = "0..*", description = "Directories of rule files (in layering order).")
        List<Path> dirs = new ArrayList<>();

        @Option(names = "--rules", paramLabel = "DIR", description = "Same as a DIR argument (repeatable).")
        List<Path> rules = new ArrayList<>();

        @Option(names = "--given-only", description = "Run only the cases of the DIRs' own files (not the shipped ones).")
        boolean givenOnly;

        @Option(names = "--failures-only", description = "Print only the cases that fail (and the counts).")
        boolean failuresOnly;

        @Override
        public Integer call() {
            List<Path> all = new ArrayList<>(dirs);
            all.addAll(rules);
            RuleTools.TestRun run = RuleTools.test(all, givenOnly);
            PrintStream out = Streams.out();
            if (!run.invalid().isEmpty()) {
                for (String line : run.invalid()) {
                    out.println("INVALID  " + line);
                }
                out.println(run.invalid().size() + " invalid rule file(s); no case was run");
                throw new AicrException(ErrorCode.INVALID_REQUEST, run.invalid().size() + " invalid rule file(s)");
            }
            int failed = 0;
            Map<RuleKind, int[]> byKind = new EnumMap<>(RuleKind.class);
            for (CaseRunner.Result r : run.results()) {
                String label = r.file() + ":" + r.line() + " " + r.field()
                        + (r.caseName().equals(r.field()) ? "" : " " + r.caseName());
                int[] counts = byKind.computeIfAbsent(r.kind(), k -> new int[2]);
                counts[0]++;
                if (r.passed()) {
                    counts[1]++;
                    if (!failuresOnly) {
                        out.println("ok    " + label);
                    }
                } else {
                    failed++;
                    out.println("FAIL  " + label + ": " + r.problem());
                }
            }
            List<String> parts = new ArrayList<>();
            byKind.forEach((k, c) -> parts.add(c[1] + "/" + c[0] + " " + k.id()));
            out.println(run.results().size() - failed + " of " + run.results().size() + " cases hold"
                    + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")"));
            if (failed > 0) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, failed + " of " + run.results().size() + " rule cases failed");
            }
            return 0;
        }
    }

    @Command(name = "doc", mixinStandardHelpOptions = true,
            description = {"Write one Markdown document of every rule in effect (both kinds): the rule-set",
                    "digests, and per file its id, kind, severity, summary, reference, operators,",
                    "rules, cases and source with line numbers. For reviewers."})
    static final class DocCommand implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--rules", paramLabel = "DIR", description = RULES_HELP)
        List<Path> rules = new ArrayList<>();

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (default: stdout).")
        String output;

        @Override
        public Integer call() {
            Output.write(output, RuleTools.doc(rules), Streams.out());
            return 0;
        }
    }

    /** Left-aligned columns separated by three spaces; the last column is not padded. */
    static String table(String[][] rows) {
        int cols = rows[0].length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols - 1; c++) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                sb.append(r[c]);
                if (c < cols - 1) {
                    sb.append(" ".repeat(w[c] - r[c].length() + 3));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
