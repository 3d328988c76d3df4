package aicr.cli;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.rules.CaseRunner;
import aicr.rules.RuleInfo;
import aicr.rules.RuleTools;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aicr rules list|explain|test}: the rule files behind validate (and bundle checks). */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"List, explain and test the rule files that decide constraints",
                "(rules/constraints) and bundle checks (rules/bundle-checks). See docs/rules.md."},
        subcommands = {RulesCommand.ListCommand.class, RulesCommand.ExplainCommand.class, RulesCommand.TestCommand.class},
        footer = {"", "Examples:",
                "  aicr rules list",
                "  aicr rules explain constraint.version-order.ge",
                "  aicr rules test ./site-rules"})
final class RulesCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Streams.err());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "One line per rule: id, kind, severity, file, summary.")
    static final class ListCommand implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--rules", paramLabel = "DIR", description = "Include (and let replace) the rule files of DIR.")
        Path rules;

        @Override
        public Integer call() {
            List<RuleInfo> all = RuleTools.list(rules);
            String[][] rows = new String[all.size() + 1][];
            rows[0] = new String[]{"ID", "KIND", "SEVERITY", "FILE", "SUMMARY"};
            for (int i = 0; i < all.size(); i++) {
                RuleInfo r = all.get(i);
                rows[i + 1] = new String[]{r.id(), r.kind().id(), r.severity(), r.file(), r.summary()};
            }
            Streams.out().print(table(rows));
            return 0;
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Show a rule: metadata, why it exists (reference), and its rule file with its example cases.")
    static final class ExplainCommand implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "Rule id (see aicr rules list).")
        String id;

        @Option(names = "--rules", paramLabel = "DIR", description = "Include (and let replace) the rule files of DIR.")
        Path rules;

        @Override
        public Integer call() {
            Streams.out().print(RuleTools.explain(id, rules));
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Run the example cases of every rule file in effect: the shipped ones, or",
                    "with DIR the shipped ones plus (and replaced by) DIR's files, exactly as",
                    "validate --rules DIR would use them."},
            footer = {"", "Exit codes: 0 every case holds; 2 a case failed or a rule file is invalid."})
    static final class TestCommand implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "DIR", arity = "0..1", description = "Directory of extra rule files.")
        Path dir;

        @Override
        public Integer call() {
            List<CaseRunner.Result> results = RuleTools.test(dir);
            PrintStream out = Streams.out();
            int failed = 0;
            for (CaseRunner.Result r : results) {
                String label = r.file() + " " + r.field() + (r.caseName().equals(r.field()) ? "" : " " + r.caseName());
                if (r.passed()) {
                    out.println("ok    " + label);
                } else {
                    failed++;
                    out.println("FAIL  " + label + ": " + r.problem());
                }
            }
            out.println(results.size() - failed + " of " + results.size() + " cases hold");
            if (failed > 0) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, failed + " of " + results.size() + " rule cases failed");
            }
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
